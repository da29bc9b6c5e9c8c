/**
 * swiper and swiper-item: current / current-item-id, autoplay with interval and duration, circular,
 * vertical, display-multiple-items, previous/next-margin, indicator dots and colours; dragged by
 * touch or mouse. Events: change {current, currentItemId, source: touch|autoplay|''},
 * transition {dx, dy} while dragging, animationfinish when a move settles.
 *
 * Items are the swiper's own children (any wx:for of swiper-item works) and the DOM is never
 * rearranged: the swiper keeps a position `v` in item units (unbounded when circular) and gives
 * each item a transform that puts it where it shows. In a circular swiper each item shows at the
 * copy of its index nearest the middle of the move, so the wrap from the last item to the first
 * slides like any other step, with no jump.
 */
import { dispatchWxEvent } from '../render/events.js';
import { modelChanged } from '../render/attrs.js';
import { defineBuiltin } from './registry.js';
import { cssLength, flag, num, stateOf } from './util.js';

interface SwiperState {
  /** Position in item units; an integer at rest. */
  v: number;
  current: number;
  currentItemId: string;
  autoplay: boolean;
  interval: number;
  duration: number;
  easing: string;
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
  settle?: ReturnType<typeof setTimeout>;
  dragging: boolean;
}

const STATE = Symbol('wx2tg.swiper');
const EASING: Record<string, string> = {
  default: 'ease',
  linear: 'linear',
  easeInCubic: 'cubic-bezier(0.32, 0, 0.67, 0)',
  easeOutCubic: 'cubic-bezier(0.33, 1, 0.68, 1)',
  easeInOutCubic: 'cubic-bezier(0.65, 0, 0.35, 1)',
};

function items(el: HTMLElement): HTMLElement[] {
  return [...el.children].filter((c) => c.tagName === 'WX-SWIPER-ITEM') as HTMLElement[];
}

/** Circular only when there are more items than places on screen (as WeChat). */
function loops(s: SwiperState, count: number): boolean {
  return s.circular && count > s.perView;
}

function maxIndex(s: SwiperState, count: number): number {
  return Math.max(0, count - (loops(s, count) ? 1 : s.perView));
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * Puts every item at position `v`. `center` is where, in item units, wrapped items are gathered
 * around (the middle of the view, or of a move). An animated move is always preceded by a
 * placement at its start with the same centre, so that no item changes its copy while it moves.
 */
function place(el: HTMLElement, s: SwiperState, v: number, animate: boolean, center = v + (s.perView - 1) / 2): void {
  const list = items(el);
  const n = list.length;
  const wrap = loops(s, n);
  const axis = s.vertical ? 'Y' : 'X';
  list.forEach((item, i) => {
    const k = wrap ? Math.round((center - i) / n) : 0;
    const pos = i + k * n - v;
    item.style.transition = animate ? `transform ${s.duration}ms ${s.easing}` : 'none';
    item.style.transform = `translate${axis}(${((pos - i) * 100).toFixed(4)}%)`;
  });
  drawDots(s, n);
}

function drawDots(s: SwiperState, n: number): void {
  s.dots.hidden = !s.showDots;
  if (s.dots.children.length !== n) {
    s.dots.replaceChildren(
      ...Array.from({ length: n }, () => {
        const d = document.createElement('span');
        d.className = 'wx-swiper__dot';
        return d;
      }),
    );
  }
  [...s.dots.children].forEach((d, i) => ((d as HTMLElement).style.backgroundColor = i === s.current ? s.dotActive : s.dotColor));
}

/** Moves to position `to` (animated from wherever the items are), firing change if the item changed. */
function go(el: HTMLElement, s: SwiperState, to: number, source: string, from = s.v): void {
  const list = items(el);
  const n = list.length;
  if (!n) return;
  const wrap = loops(s, n);
  const target = wrap ? to : Math.max(0, Math.min(maxIndex(s, n), to));
  const next = wrap ? mod(target, n) : target;
  const changed = next !== s.current;
  s.current = next;
  s.currentItemId = list[next]?.getAttribute('item-id') ?? '';
  s.v = target;
  if (s.duration > 0 && from !== target) {
    // Gather wrapped items around the middle of the move, put them where the move starts, then go.
    const center = (from + target) / 2 + (s.perView - 1) / 2;
    place(el, s, from, false, center);
    void el.offsetWidth;
    place(el, s, target, true, center);
  } else place(el, s, target, false);
  if (changed) {
    dispatchWxEvent(el, 'change', { current: next, currentItemId: s.currentItemId, source });
    modelChanged(el, 'current', next);
  }
  clearTimeout(s.settle);
  s.settle = setTimeout(() => dispatchWxEvent(el, 'animationfinish', { current: s.current, currentItemId: s.currentItemId, source }), s.duration);
}

/** Goes to item `index` the short way round (for current / current-item-id set by the program). */
function goToIndex(el: HTMLElement, s: SwiperState, index: number): void {
  const n = items(el).length;
  if (!n) {
    s.current = s.v = index;
    return;
  }
  if (!el.isConnected) {
    // Set at creation: start there, no event.
    s.current = s.v = loops(s, n) ? mod(index, n) : Math.max(0, Math.min(maxIndex(s, n), index));
    s.currentItemId = items(el)[s.current]?.getAttribute('item-id') ?? '';
    place(el, s, s.v, false);
    return;
  }
  let delta = index - s.current;
  if (loops(s, n) && Math.abs(delta) > n / 2) delta -= Math.sign(delta) * n;
  if (delta) go(el, s, s.v + delta, '');
}

function restartAutoplay(el: HTMLElement, s: SwiperState): void {
  clearInterval(s.timer);
  if (!s.autoplay) return;
  s.timer = setInterval(() => {
    if (!el.isConnected) {
      clearInterval(s.timer);
      return;
    }
    if (s.dragging || document.hidden) return;
    const n = items(el).length;
    const atEnd = s.current >= maxIndex(s, n);
    go(el, s, atEnd && !loops(s, n) ? 0 : s.v + 1, 'autoplay');
  }, s.interval);
}

function applyLayout(el: HTMLElement, s: SwiperState): void {
  el.setAttribute('aria-orientation', s.vertical ? 'vertical' : 'horizontal');
  el.toggleAttribute('vertical', s.vertical);
  el.style.setProperty('--wx-swiper-per-view', String(s.perView));
  el.style.setProperty('--wx-swiper-prev', s.prevMargin);
  el.style.setProperty('--wx-swiper-next', s.nextMargin);
}

function listenForDrags(el: HTMLElement, s: SwiperState): void {
  let start: { x: number; y: number; t: number; id: number; v: number } | null = null;
  el.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (!items(el).length) return;
    start = { x: e.clientX, y: e.clientY, t: e.timeStamp, id: e.pointerId, v: s.v };
    s.dragging = true;
  });
  const slot = (): number => ((s.vertical ? el.clientHeight : el.clientWidth) / s.perView) || 1;
  el.addEventListener('pointermove', (e) => {
    if (!start || e.pointerId !== start.id) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    const d = s.vertical ? dy : dx;
    if (Math.abs(d) > 3) el.setPointerCapture?.(e.pointerId);
    const n = items(el).length;
    let v = start.v - d / slot();
    // Past either end of a swiper that does not loop, the items follow the finger reluctantly.
    if (!loops(s, n)) {
      const max = maxIndex(s, n);
      if (v < 0) v *= 0.35;
      else if (v > max) v = max + (v - max) * 0.35;
    }
    s.v = v;
    place(el, s, v, false);
    dispatchWxEvent(el, 'transition', { dx: -dx, dy: -dy });
  });
  const end = (e: PointerEvent): void => {
    if (!start || e.pointerId !== start.id) return;
    const d = s.vertical ? e.clientY - start.y : e.clientX - start.x;
    const fast = Math.abs(d) / Math.max(1, e.timeStamp - start.t) > 0.5;
    const base = start.v;
    start = null;
    s.dragging = false;
    const from = s.v;
    const step = Math.abs(d) > slot() / 2 || (fast && Math.abs(d) > 10) ? (d < 0 ? 1 : -1) : 0;
    // A long drag may pass several items; a flick moves one.
    const to = step === 0 ? base : Math.abs(from - base) > 1 ? Math.round(from) : base + step;
    s.v = from;
    if (to === base) {
      s.v = base;
      place(el, s, from, false, (from + base) / 2 + (s.perView - 1) / 2);
      void el.offsetWidth;
      place(el, s, base, true, (from + base) / 2 + (s.perView - 1) / 2);
    } else go(el, s, to, 'touch', from);
    restartAutoplay(el, s);
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
}

defineBuiltin('swiper', {
  create(el) {
    const dots = document.createElement('div');
    dots.className = 'wx-swiper__dots';
    el.appendChild(dots);
    const s: SwiperState = {
      v: 0,
      current: 0,
      currentItemId: '',
      autoplay: false,
      interval: 5000,
      duration: 500,
      easing: 'ease',
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
    // Items come and go with wx:for, and a `style` binding rewrites inline styles: keep them placed.
    new MutationObserver((records) => {
      if (!el.style.getPropertyValue('--wx-swiper-per-view')) applyLayout(el, s);
      const relayout = records.some((r) => r.type === 'childList' || (r.target.parentElement === el && !(r.target as HTMLElement).style.transform));
      if (!relayout) return;
      const n = items(el).length;
      if (n && !loops(s, n) && s.current > maxIndex(s, n)) s.current = s.v = maxIndex(s, n);
      if (n && loops(s, n)) s.v = s.v - s.current + (s.current = mod(s.current, n));
      place(el, s, s.v, false);
    }).observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
    listenForDrags(el, s);
    requestAnimationFrame(() => place(el, s, s.v, false));
  },
  set(el, name, value) {
    const s = stateOf<SwiperState>(el, STATE);
    const on = flag(value);
    switch (name) {
      case 'current':
        goToIndex(el, s, Math.max(0, Math.floor(num(value, 0))));
        return true;
      case 'current-item-id': {
        const id = String(value ?? '');
        const find = (): void => {
          const i = items(el).findIndex((it) => it.getAttribute('item-id') === id);
          if (i >= 0 && i !== s.current) goToIndex(el, s, i);
        };
        if (el.isConnected) find();
        else requestAnimationFrame(find);
        return true;
      }
      case 'autoplay':
        s.autoplay = on;
        restartAutoplay(el, s);
        return true;
      case 'interval':
        s.interval = Math.max(100, num(value, 5000));
        restartAutoplay(el, s);
        return true;
      case 'duration':
        s.duration = Math.max(0, num(value, 500));
        return true;
      case 'easing-function':
        s.easing = EASING[String(value)] ?? 'ease';
        return true;
      case 'circular':
        s.circular = on;
        place(el, s, s.v, false);
        return true;
      case 'vertical':
        s.vertical = on;
        applyLayout(el, s);
        place(el, s, s.v, false);
        return true;
      case 'display-multiple-items':
        s.perView = Math.max(1, num(value, 1));
        applyLayout(el, s);
        return true;
      case 'previous-margin':
        s.prevMargin = cssLength(value);
        applyLayout(el, s);
        return true;
      case 'next-margin':
        s.nextMargin = cssLength(value);
        applyLayout(el, s);
        return true;
      case 'indicator-dots':
        s.showDots = on;
        drawDots(s, items(el).length);
        return true;
      case 'indicator-color':
        s.dotColor = String(value ?? s.dotColor);
        drawDots(s, items(el).length);
        return true;
      case 'indicator-active-color':
        s.dotActive = String(value ?? s.dotActive);
        drawDots(s, items(el).length);
        return true;
      case 'snap-to-edge':
      case 'skip-hidden-item-layout':
      case 'layout-type':
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
