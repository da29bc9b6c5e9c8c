/**
 * swiper and swiper-item: current / current-item-id, autoplay with interval and duration, circular,
 * vertical, display-multiple-items, previous/next-margin, indicator dots and colours; dragged by
 * touch or mouse. Events: change {current, currentItemId, source: touch|autoplay|''},
 * transition {dx, dy} while dragging, animationfinish when a move settles.
 * Items are the swiper's own children (any wx:for of swiper-item works); all of them move by one
 * CSS offset, so the DOM is never rearranged.
 */
import { dispatchWxEvent } from '../render/events.js';
import { modelChanged } from '../render/attrs.js';
import { defineBuiltin } from './registry.js';

interface SwiperState {
  current: number;
  currentItemId: string;
  autoplay: boolean;
  interval: number;
  duration: number;
  circular: boolean;
  vertical: boolean;
  perView: number;
  prevMargin: string;
  nextMargin: string;
  dots: HTMLElement;
  dotColor: string;
  dotActive: string;
  showDots: boolean;
  timer?: ReturnType<typeof setInterval>;
  dragging: boolean;
}

const STATE = Symbol('wx2tg.swiper');

function items(el: HTMLElement): HTMLElement[] {
  return [...el.children].filter((c) => c.tagName === 'WX-SWIPER-ITEM') as HTMLElement[];
}

function maxIndex(el: HTMLElement, s: SwiperState): number {
  return Math.max(0, items(el).length - (s.circular ? 1 : s.perView));
}

function place(el: HTMLElement, s: SwiperState, dragPx = 0, animate = true): void {
  el.style.setProperty('--wx-swiper-duration', animate ? `${s.duration}ms` : '0ms');
  el.style.setProperty('--wx-swiper-offset', `calc(${-100 * s.current}% + ${dragPx}px)`);
  const list = items(el);
  s.dots.replaceChildren(
    ...list.map((_, i) => {
      const d = document.createElement('span');
      d.className = 'wx-swiper__dot';
      d.style.backgroundColor = i === s.current ? s.dotActive : s.dotColor;
      return d;
    }),
  );
  s.dots.hidden = !s.showDots;
}

function go(el: HTMLElement, s: SwiperState, index: number, source: string): void {
  const count = items(el).length;
  if (!count) return;
  let next = index;
  if (s.circular) next = ((index % count) + count) % count;
  else next = Math.max(0, Math.min(maxIndex(el, s), index));
  const changed = next !== s.current;
  s.current = next;
  const item = items(el)[next];
  s.currentItemId = item?.getAttribute('item-id') ?? '';
  place(el, s);
  if (changed) {
    dispatchWxEvent(el, 'change', { current: next, currentItemId: s.currentItemId, source });
    modelChanged(el, 'current', next);
  }
  setTimeout(() => dispatchWxEvent(el, 'animationfinish', { current: s.current, currentItemId: s.currentItemId, source }), s.duration);
}

function restartAutoplay(el: HTMLElement, s: SwiperState): void {
  clearInterval(s.timer);
  if (!s.autoplay) return;
  s.timer = setInterval(() => {
    if (!el.isConnected) {
      clearInterval(s.timer);
      return;
    }
    if (s.dragging) return;
    const atEnd = s.current >= maxIndex(el, s);
    go(el, s, atEnd && !s.circular ? 0 : s.current + 1, 'autoplay');
  }, s.interval);
}

function applyLayout(el: HTMLElement, s: SwiperState): void {
  el.setAttribute('aria-orientation', s.vertical ? 'vertical' : 'horizontal');
  el.toggleAttribute('vertical', s.vertical);
  el.style.setProperty('--wx-swiper-per-view', String(s.perView));
  el.style.setProperty('--wx-swiper-prev', s.prevMargin);
  el.style.setProperty('--wx-swiper-next', s.nextMargin);
}

function px(value: unknown): string {
  const v = String(value ?? '0').trim();
  const rpx = /^(-?[\d.]+)rpx$/.exec(v);
  if (rpx) return `calc(${rpx[1]} * var(--rpx))`;
  return /^-?[\d.]+$/.test(v) ? `${v}px` : v || '0px';
}

defineBuiltin('swiper', {
  create(el) {
    const dots = document.createElement('div');
    dots.className = 'wx-swiper__dots';
    el.appendChild(dots);
    const s: SwiperState = {
      current: 0,
      currentItemId: '',
      autoplay: false,
      interval: 5000,
      duration: 500,
      circular: false,
      vertical: false,
      perView: 1,
      prevMargin: '0px',
      nextMargin: '0px',
      dots,
      dotColor: 'rgba(0, 0, 0, 0.3)',
      dotActive: '#000000',
      showDots: false,
      dragging: false,
    };
    (el as any)[STATE] = s;
    applyLayout(el, s);
    // Items come and go with wx:for: keep the offset and the dots in step.
    new MutationObserver(() => {
      if (s.current > maxIndex(el, s)) s.current = maxIndex(el, s);
      place(el, s, 0, false);
    }).observe(el, { childList: true });
    let start: { x: number; y: number; t: number; id: number } | null = null;
    el.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY, t: performance.now(), id: e.pointerId };
      s.dragging = true;
    });
    el.addEventListener('pointermove', (e) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.x;
      const dy = e.clientY - start.y;
      const d = s.vertical ? dy : dx;
      if (Math.abs(d) > 3) el.setPointerCapture?.(e.pointerId);
      place(el, s, d, false);
      dispatchWxEvent(el, 'transition', { dx: -dx, dy: -dy });
    });
    const end = (e: PointerEvent): void => {
      if (!start || e.pointerId !== start.id) return;
      const d = s.vertical ? e.clientY - start.y : e.clientX - start.x;
      const size = (s.vertical ? el.clientHeight : el.clientWidth) / s.perView || 1;
      const fast = Math.abs(d) / Math.max(1, performance.now() - start.t) > 0.5;
      start = null;
      s.dragging = false;
      if (Math.abs(d) > size / 3 || (fast && Math.abs(d) > 10)) go(el, s, s.current + (d < 0 ? 1 : -1), 'touch');
      else place(el, s);
      restartAutoplay(el, s);
    };
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
    requestAnimationFrame(() => place(el, s, 0, false));
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as SwiperState;
    const on = value === true || value === '' || (value != null && value !== false && value !== 'false');
    switch (name) {
      case 'current': {
        const n = Number(value) || 0;
        s.current = Math.max(0, n);
        requestAnimationFrame(() => place(el, s));
        return true;
      }
      case 'current-item-id': {
        const id = String(value ?? '');
        requestAnimationFrame(() => {
          const i = items(el).findIndex((it) => it.getAttribute('item-id') === id);
          if (i >= 0) {
            s.current = i;
            place(el, s);
          }
        });
        return true;
      }
      case 'autoplay':
        s.autoplay = on;
        restartAutoplay(el, s);
        return true;
      case 'interval':
        s.interval = Math.max(100, Number(value) || 5000);
        restartAutoplay(el, s);
        return true;
      case 'duration':
        s.duration = Number.isFinite(Number(value)) ? Math.max(0, Number(value)) : 500;
        return true;
      case 'circular':
        s.circular = on;
        return true;
      case 'vertical':
        s.vertical = on;
        applyLayout(el, s);
        return true;
      case 'display-multiple-items':
        s.perView = Math.max(1, Number(value) || 1);
        applyLayout(el, s);
        return true;
      case 'previous-margin':
        s.prevMargin = px(value);
        applyLayout(el, s);
        return true;
      case 'next-margin':
        s.nextMargin = px(value);
        applyLayout(el, s);
        return true;
      case 'indicator-dots':
        s.showDots = on;
        place(el, s, 0, false);
        return true;
      case 'indicator-color':
        s.dotColor = String(value ?? s.dotColor);
        place(el, s, 0, false);
        return true;
      case 'indicator-active-color':
        s.dotActive = String(value ?? s.dotActive);
        place(el, s, 0, false);
        return true;
      case 'easing-function':
      case 'snap-to-edge':
      case 'skip-hidden-item-layout':
        return true;
    }
    return false;
  },
});

defineBuiltin('swiper-item', {
  set(el, name, value) {
    if (name === 'item-id') {
      el.setAttribute('item-id', String(value ?? ''));
      return true;
    }
    return false;
  },
});
