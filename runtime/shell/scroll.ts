/**
 * Page scrolling behaviours from the window config: onPageScroll, onReachBottom (once per
 * arrival within onReachBottomDistance, default 50px), and pull-down refresh on pages with
 * enablePullDownRefresh (pulling down from the top shows WeChat's three dots and calls
 * onPullDownRefresh until wx.stopPullDownRefresh). On such pages Telegram's vertical swipe is
 * switched off, so that the pull does not close the Mini App.
 */
import type { PageInstance } from '../core/page.js';
import { postEvent } from '../telegram/index.js';
import type { WindowConfig } from './page-frame.js';

const PULL_TRIGGER = 60;
const PULL_MAX = 90;

let page: PageInstance | null = null;
let config: WindowConfig = {};
let atBottom = false;
let bottomHeight = 0;
let refreshing = false;
let indicator: HTMLElement | null = null;
let swipesAllowed: boolean | null = null;

function setSwipes(allowed: boolean): void {
  if (swipesAllowed === allowed) return;
  swipesAllowed = allowed;
  postEvent('web_app_setup_swipe_behavior', { allow_vertical_swipe: allowed });
}

function showIndicator(height: number): void {
  if (!indicator) return;
  indicator.style.height = `${height}px`;
  indicator.classList.toggle('wx-pull-refresh--dark', config.backgroundTextStyle !== 'light');
  indicator.hidden = height <= 0;
}

/** wx.setBackgroundTextStyle: the pull-down indicator's dots of the current page ('dark' | 'light'). */
export function setBackgroundTextStyle(style: string): void {
  config = { ...config, backgroundTextStyle: style } as WindowConfig;
}

/** Called by the router whenever a page becomes the top page. */
export function setScrollPage(p: PageInstance, windowConfig: WindowConfig): void {
  page = p;
  config = windowConfig;
  atBottom = false;
  if (refreshing) stopPullDownRefresh();
  setSwipes(!windowConfig.enablePullDownRefresh);
}

export function startPullDownRefresh(): boolean {
  if (!page || refreshing) return false;
  refreshing = true;
  showIndicator(50);
  indicator?.classList.add('wx-pull-refresh--loading');
  page.__hook('onPullDownRefresh');
  return true;
}

export function stopPullDownRefresh(): void {
  refreshing = false;
  indicator?.classList.remove('wx-pull-refresh--loading');
  showIndicator(0);
}

export function installPageScroll(root: HTMLElement): void {
  indicator = document.createElement('wx-pull-refresh');
  indicator.innerHTML = '<span></span><span></span><span></span>'; // static markup: three dots
  indicator.hidden = true;
  root.prepend(indicator);
  let frame = 0;
  window.addEventListener(
    'scroll',
    () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!page) return;
        const scrollTop = window.scrollY;
        if (typeof (page as unknown as { onPageScroll?: unknown }).onPageScroll === 'function') page.__hook('onPageScroll', { scrollTop });
        const distance = config.onReachBottomDistance ?? 50;
        const height = document.documentElement.scrollHeight;
        const bottom = height - (scrollTop + window.innerHeight) <= distance;
        // Once per arrival: again only after leaving the zone, or when the page grew (more loaded).
        if (bottom && (!atBottom || height !== bottomHeight)) {
          bottomHeight = height;
          page.__hook('onReachBottom');
        }
        atBottom = bottom;
      });
    },
    { passive: true },
  );
  // The pull: a press at the very top followed by a downward drag (touch or mouse).
  let startY: number | null = null;
  let pulled = 0;
  root.addEventListener('pointerdown', (e) => {
    if (!config.enablePullDownRefresh || refreshing || window.scrollY > 0) return;
    startY = e.clientY;
    pulled = 0;
  });
  window.addEventListener('pointermove', (e) => {
    if (startY === null) return;
    pulled = Math.max(0, Math.min(PULL_MAX, (e.clientY - startY) * 0.6));
    showIndicator(pulled);
  });
  const end = (): void => {
    if (startY === null) return;
    startY = null;
    if (pulled >= PULL_TRIGGER * 0.6) startPullDownRefresh();
    else showIndicator(0);
  };
  window.addEventListener('pointerup', end);
  window.addEventListener('pointercancel', end);
}

/** wx.pageScrollTo: to scrollTop, or to an element (selector) with offsetTop; duration in ms. */
export function pageScrollTo(options: { scrollTop?: number; selector?: string; offsetTop?: number; duration?: number }, root: Element | null): boolean {
  let top = options.scrollTop;
  if (options.selector) {
    const el = root?.querySelector(options.selector);
    if (!el) return false;
    top = el.getBoundingClientRect().top + window.scrollY + (options.offsetTop ?? 0);
  }
  window.scrollTo({ top: top ?? 0, behavior: (options.duration ?? 300) > 0 ? 'smooth' : 'auto' });
  return true;
}
