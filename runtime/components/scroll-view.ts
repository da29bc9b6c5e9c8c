/**
 * scroll-view: scroll-x / scroll-y, scroll-top / scroll-left / scroll-into-view (smooth with
 * scroll-with-animation), upper/lower-threshold with scrolltoupper / scrolltolower fired once per
 * arrival, bindscroll with WeChat's detail, show-scrollbar. The element is the scroll container;
 * as in WeChat, a vertical one needs a height from its styles.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

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
  pendingIntoView: string;
}

const STATE = Symbol('wx2tg.scrollView');

function apply(el: HTMLElement, s: ScrollState): void {
  el.style.overflowX = s.x ? 'auto' : 'hidden';
  el.style.overflowY = s.y ? 'auto' : 'hidden';
}

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

function scrollIntoView(el: HTMLElement, s: ScrollState, id: string): void {
  if (!id) return;
  const target = el.querySelector(`#${CSS.escape(id)}`) as HTMLElement | null;
  if (!target) {
    s.pendingIntoView = id; // rendered later in the same update
    return;
  }
  s.pendingIntoView = '';
  const box = el.getBoundingClientRect();
  const t = target.getBoundingClientRect();
  el.scrollTo({ top: el.scrollTop + t.top - box.top, left: el.scrollLeft + t.left - box.left, behavior: s.smooth ? 'smooth' : 'auto' });
}

defineBuiltin('scroll-view', {
  create(el) {
    const s: ScrollState = { x: false, y: false, upper: 50, lower: 50, smooth: false, lastTop: 0, lastLeft: 0, atUpper: true, atLower: false, pendingIntoView: '' };
    (el as any)[STATE] = s;
    apply(el, s);
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
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as ScrollState;
    const on = value === true || value === '' || (value !== false && value != null && value !== 'false');
    switch (name) {
      case 'scroll-x':
        s.x = on;
        apply(el, s);
        return true;
      case 'scroll-y':
        s.y = on;
        apply(el, s);
        return true;
      case 'upper-threshold':
        s.upper = Number(value) || 0;
        return true;
      case 'lower-threshold':
        s.lower = Number(value) || 0;
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
        el.classList.toggle('wx-scroll-view--no-scrollbar', !on);
        return true;
      case 'enable-back-to-top':
      case 'enhanced':
      case 'bounces':
      case 'paging-enabled':
      case 'fast-deceleration':
      case 'enable-flex':
      case 'scroll-anchoring':
        if (name === 'enable-flex') el.style.display = on ? 'flex' : '';
        return true;
    }
    return false;
  },
});
