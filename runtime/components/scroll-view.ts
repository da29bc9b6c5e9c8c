/**
 * scroll-view: scroll-x / scroll-y, scroll-top / scroll-left / scroll-into-view (smooth with
 * scroll-with-animation), upper/lower-threshold with scrolltoupper / scrolltolower fired once per
 * arrival, bindscroll with WeChat's detail, show-scrollbar, enable-flex, enable-back-to-top (a
 * double tap on the navigation bar, as on Android) and the refresher-* pull-to-refresh.
 * The element is the scroll container; as in WeChat, a vertical one needs a height from its
 * styles. Directions are reflected as attributes and styled by base.css, so a `style` attribute
 * never undoes them.
 */
import { modelChanged } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';
import { flag, num, reflect, stateOf } from './util.js';

interface ScrollState {
  x: boolean;
  y: boolean;
  upper: number;
  lower: number;
  smooth: boolean;
  lastTop: number;
  lastLeft: number;
  atUpper: boolean;
  atLower: boolean;
  refresher: Refresher | null;
}

/** The pull-to-refresh area above the content (refresher-enabled). */
interface Refresher {
  box: HTMLElement;
  enabled: boolean;
  threshold: number;
  /** idle → pulling → refreshing (held open until refresher-triggered turns false) → idle. */
  phase: 'idle' | 'pulling' | 'refreshing';
  pull: number;
}

const STATE = Symbol('wx2tg.scrollView');

function edges(el: HTMLElement, s: ScrollState): void {
  const vertical = s.y || !s.x;
  const pos = vertical ? el.scrollTop : el.scrollLeft;
  const max = vertical ? el.scrollHeight - el.clientHeight : el.scrollWidth - el.clientWidth;
  const atUpper = pos <= s.upper;
  const atLower = max - pos <= s.lower;
  if (atUpper && !s.atUpper) dispatchWxEvent(el, 'scrolltoupper', { direction: vertical ? 'top' : 'left' });
  if (atLower && !s.atLower && max > 0) dispatchWxEvent(el, 'scrolltolower', { direction: vertical ? 'bottom' : 'right' });
  s.atUpper = atUpper;
  s.atLower = atLower;
}

function scrollIntoView(el: HTMLElement, s: ScrollState, id: string, tries = 3): void {
  if (!id) return;
  const target = el.querySelector(`#${CSS.escape(id)}`) as HTMLElement | null;
  if (!target) {
    // Rendered later in the same update: look again on the next frames.
    if (tries > 0) requestAnimationFrame(() => scrollIntoView(el, s, id, tries - 1));
    return;
  }
  const box = el.getBoundingClientRect();
  const t = target.getBoundingClientRect();
  el.scrollTo({ top: el.scrollTop + t.top - box.top, left: el.scrollLeft + t.left - box.left, behavior: s.smooth ? 'smooth' : 'auto' });
}

// ---- refresher -------------------------------------------------------------------------------

function refresherOf(el: HTMLElement, s: ScrollState): Refresher {
  if (s.refresher) return s.refresher;
  const box = document.createElement('div');
  box.className = 'wx-scroll-view__refresher';
  box.setAttribute('aria-hidden', 'true');
  const dots = document.createElement('div');
  dots.className = 'wx-scroll-view__refresher-dots';
  dots.append(document.createElement('span'), document.createElement('span'), document.createElement('span'));
  box.appendChild(dots);
  el.prepend(box);
  const r: Refresher = { box, enabled: false, threshold: 45, phase: 'idle', pull: 0 };
  s.refresher = r;
  adoptRefresherSlot(el, r);
  listenForPulls(el, r);
  return r;
}

/** With refresher-default-style="none" the program draws its own: a child with slot="refresher". */
function adoptRefresherSlot(el: HTMLElement, r: Refresher): void {
  const custom = [...el.children].find((c) => c.getAttribute('slot') === 'refresher');
  if (custom) r.box.appendChild(custom);
}

function setPull(r: Refresher, px: number, animate: boolean): void {
  r.pull = px;
  r.box.classList.toggle('wx-scroll-view__refresher--dragging', !animate);
  r.box.style.height = `${px}px`;
  r.box.style.setProperty('--wx-refresher-progress', String(Math.min(1, px / (r.threshold || 1))));
}

function startRefresh(el: HTMLElement, r: Refresher, dy: number): void {
  r.phase = 'refreshing';
  setPull(r, r.threshold, true);
  r.box.classList.add('wx-scroll-view__refresher--loading');
  modelChanged(el, 'refresher-triggered', true);
  dispatchWxEvent(el, 'refresherrefresh', { dy });
}

function restore(el: HTMLElement, r: Refresher): void {
  if (r.phase !== 'refreshing') return;
  r.phase = 'idle';
  r.box.classList.remove('wx-scroll-view__refresher--loading');
  setPull(r, 0, true);
  dispatchWxEvent(el, 'refresherrestore', { dy: 0 });
}

/** Pulling down at the top: by touch (without letting the page scroll) or by mouse drag. */
function listenForPulls(el: HTMLElement, r: Refresher): void {
  let start: { x: number; y: number; id: number; decided: boolean } | null = null;
  const begin = (x: number, y: number, id: number): void => {
    start = r.enabled && r.phase === 'idle' && el.scrollTop <= 0 ? { x, y, id, decided: false } : null;
  };
  /** Returns true when the move belongs to the pull (the caller then keeps it from scrolling). */
  const move = (x: number, y: number, id: number): boolean => {
    if (!start || start.id !== id) return false;
    const dx = x - start.x;
    const dy = y - start.y;
    if (!start.decided) {
      if (Math.abs(dx) < 4 && Math.abs(dy) < 4) return false;
      // Only a downward, mostly vertical move at the top is a pull; anything else scrolls.
      if (dy <= 0 || Math.abs(dx) > Math.abs(dy) || el.scrollTop > 0) {
        start = null;
        return false;
      }
      start.decided = true;
      r.phase = 'pulling';
    }
    const d = Math.max(0, dy);
    // Past the threshold the area follows the finger more and more slowly, as WeChat's does.
    const pull = d <= r.threshold ? d : r.threshold + (d - r.threshold) * 0.4;
    setPull(r, pull, false);
    dispatchWxEvent(el, 'refresherpulling', { dy: pull });
    return true;
  };
  const end = (id: number): void => {
    if (!start || start.id !== id) return;
    const was = start.decided;
    start = null;
    if (!was || r.phase !== 'pulling') return;
    const dy = r.pull;
    if (dy >= r.threshold) startRefresh(el, r, dy);
    else {
      r.phase = 'idle';
      setPull(r, 0, true);
      dispatchWxEvent(el, 'refresherabort', { dy });
    }
  };
  el.addEventListener('touchstart', (e) => e.touches.length === 1 && begin(e.touches[0]!.clientX, e.touches[0]!.clientY, e.touches[0]!.identifier), { passive: true });
  el.addEventListener(
    'touchmove',
    (e) => {
      const t = e.changedTouches[0];
      if (t && move(t.clientX, t.clientY, t.identifier) && e.cancelable) e.preventDefault();
    },
    { passive: false },
  );
  const touchEnd = (e: TouchEvent): void => {
    const t = e.changedTouches[0];
    if (t) end(t.identifier);
  };
  el.addEventListener('touchend', touchEnd);
  el.addEventListener('touchcancel', touchEnd);
  // Mouse (Telegram Desktop): drag down at the top. Touch pointers are handled above.
  el.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'touch' || e.button !== 0) return;
    begin(e.clientX, e.clientY, -1 - e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    if (e.pointerType === 'touch' || !start || start.id !== -1 - e.pointerId) return;
    if (move(e.clientX, e.clientY, -1 - e.pointerId)) {
      el.setPointerCapture?.(e.pointerId);
      e.preventDefault(); // no text selection while pulling
    }
  });
  const pointerEnd = (e: PointerEvent): void => {
    if (e.pointerType !== 'touch') end(-1 - e.pointerId);
  };
  el.addEventListener('pointerup', pointerEnd);
  el.addEventListener('pointercancel', pointerEnd);
}

// ---- enable-back-to-top ------------------------------------------------------------------------

let backToTopInstalled = false;

/** A double tap on the navigation bar scrolls every vertical scroll-view with enable-back-to-top up. */
function installBackToTop(): void {
  if (backToTopInstalled) return;
  backToTopInstalled = true;
  document.addEventListener('dblclick', (e) => {
    if (!(e.target as Element | null)?.closest?.('wx-navigation-bar')) return;
    for (const sv of document.querySelectorAll<HTMLElement>('wx-scroll-view[enable-back-to-top][scroll-y]')) {
      if (sv.offsetParent !== null) sv.scrollTo({ top: 0, behavior: 'smooth' });
    }
  });
}

// ---- the component -----------------------------------------------------------------------------

defineBuiltin('scroll-view', {
  create(el) {
    const s: ScrollState = { x: false, y: false, upper: 50, lower: 50, smooth: false, lastTop: 0, lastLeft: 0, atUpper: true, atLower: false, refresher: null };
    (el as any)[STATE] = s;
    el.addEventListener(
      'scroll',
      () => {
        const detail = {
          scrollLeft: el.scrollLeft,
          scrollTop: el.scrollTop,
          scrollHeight: el.scrollHeight,
          scrollWidth: el.scrollWidth,
          deltaX: el.scrollLeft - s.lastLeft,
          deltaY: el.scrollTop - s.lastTop,
        };
        s.lastLeft = el.scrollLeft;
        s.lastTop = el.scrollTop;
        dispatchWxEvent(el, 'scroll', detail);
        edges(el, s);
      },
      { passive: true },
    );
    // ScrollViewContext (what a `node` query returns for an enhanced scroll-view): refresh control.
    Object.assign(el, {
      triggerRefresh: () => {
        const r = refresherOf(el, s);
        if (r.phase === 'idle') startRefresh(el, r, r.threshold);
      },
      closeRefresh: () => s.refresher && restore(el, s.refresher),
    });
  },
  set(el, name, value) {
    const s = stateOf<ScrollState>(el, STATE);
    const on = flag(value);
    switch (name) {
      case 'scroll-x':
      case 'scroll-y':
        s[name === 'scroll-x' ? 'x' : 'y'] = on;
        reflect(el, name, on);
        return true;
      case 'upper-threshold':
        s.upper = num(value, 50);
        return true;
      case 'lower-threshold':
        s.lower = num(value, 50);
        return true;
      case 'scroll-with-animation':
        s.smooth = on;
        return true;
      case 'scroll-top':
      case 'scroll-left': {
        const n = parseFloat(String(value ?? 0)) || 0;
        const opts = name === 'scroll-top' ? { top: n } : { left: n };
        // After the current render, when the content is there to scroll.
        requestAnimationFrame(() => el.scrollTo({ ...opts, behavior: s.smooth ? 'smooth' : 'auto' }));
        return true;
      }
      case 'scroll-into-view':
        requestAnimationFrame(() => scrollIntoView(el, s, value == null ? '' : String(value)));
        return true;
      case 'show-scrollbar':
        reflect(el, 'hide-scrollbar', value != null && !on);
        return true;
      case 'enable-flex':
        reflect(el, name, on);
        return true;
      case 'enable-back-to-top':
        reflect(el, name, on);
        if (on) installBackToTop();
        return true;
      case 'refresher-enabled': {
        const r = refresherOf(el, s);
        r.enabled = on;
        reflect(el, 'refresher-enabled', on);
        return true;
      }
      case 'refresher-threshold':
        refresherOf(el, s).threshold = Math.max(1, num(value, 45));
        return true;
      case 'refresher-default-style': {
        const r = refresherOf(el, s);
        r.box.setAttribute('data-style', String(value ?? 'black'));
        requestAnimationFrame(() => adoptRefresherSlot(el, r));
        return true;
      }
      case 'refresher-background':
        refresherOf(el, s).box.style.background = value == null ? '' : String(value);
        return true;
      case 'refresher-triggered': {
        const r = refresherOf(el, s);
        // After the current render: a value given at creation must reach the listeners bound with it.
        queueMicrotask(() => {
          if (on && r.phase !== 'refreshing') startRefresh(el, r, r.threshold);
          else if (!on) restore(el, r);
        });
        return true;
      }
      case 'enhanced':
      case 'bounces':
      case 'paging-enabled':
      case 'fast-deceleration':
      case 'scroll-anchoring':
      case 'binding-scroll':
      case 'using-sticky':
      case 'type':
        return true;
    }
    return false;
  },
  // WeChat's own sample never sets refresher-triggered to true: `false` again must still restore.
  alwaysSet: ['refresher-triggered'],
});
