/**
 * The frame around pages: the `<wx-page>` root that WXSS `page {}` targets, the navigation bar
 * (Telegram draws its own header above the web view with the bot's name; the page title lives in
 * our bar, as in WeChat), and the colours Telegram's chrome takes from the page.
 */
import type { PageInstance } from '../core/page.js';
import { postEvent } from '../telegram/index.js';
import { themed } from './theme.js';

export interface WindowConfig {
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'white' | 'black';
  navigationBarTitleText?: string;
  navigationStyle?: 'default' | 'custom';
  backgroundColor?: string;
  backgroundTextStyle?: 'dark' | 'light';
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
  disableScroll?: boolean;
}

const DEFAULT_WINDOW: Required<Pick<WindowConfig, 'navigationBarBackgroundColor' | 'navigationBarTextStyle' | 'backgroundColor' | 'navigationStyle'>> = {
  navigationBarBackgroundColor: '#000000',
  navigationBarTextStyle: 'white',
  backgroundColor: '#ffffff',
  navigationStyle: 'default',
};

let navBar: HTMLElement | null = null;
let navTitle: HTMLElement | null = null;

export function createShell(root: HTMLElement): void {
  navBar = document.createElement('wx-navigation-bar');
  navBar.setAttribute('aria-live', 'polite');
  navTitle = document.createElement('div');
  navTitle.className = 'wx-navigation-bar__title';
  navBar.appendChild(navTitle);
  root.appendChild(navBar);
}

export function createPageElement(route: string): HTMLElement {
  const el = document.createElement('wx-page');
  el.setAttribute('data-route', route);
  return el;
}

/** The window settings of a page: app.json `window` overridden by the page's own json. */
export function windowOf(app: WindowConfig, page: WindowConfig): WindowConfig {
  const merged = { ...DEFAULT_WINDOW, ...app, ...page } as Record<string, unknown>;
  // darkmode: "@name" values come from theme.json for the current scheme.
  for (const k of Object.keys(merged)) merged[k] = themed(merged[k]);
  return merged as WindowConfig;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function applyPageChrome(app: WindowConfig, pageConfig: WindowConfig, page: PageInstance): void {
  const w = windowOf(app, pageConfig);
  const custom = w.navigationStyle === 'custom';
  document.documentElement.classList.toggle('wx-custom-navigation', custom);
  const set = page as unknown as { __navTitle?: string; __navColors?: [string, string] };
  const title = set.__navTitle ?? w.navigationBarTitleText ?? '';
  const [front, background] = set.__navColors ?? [w.navigationBarTextStyle === 'black' ? '#000000' : '#ffffff', w.navigationBarBackgroundColor ?? ''];
  if (navBar && navTitle) {
    navBar.hidden = custom;
    navBar.style.backgroundColor = background;
    navBar.style.color = front;
    navTitle.textContent = title;
  }
  document.title = title;
  document.documentElement.style.setProperty('--wx-page-background', w.backgroundColor ?? '#ffffff');
  // Telegram's header takes the navigation bar's colour so the two read as one bar.
  const header = custom ? w.backgroundColor : background;
  if (header && HEX.test(header)) postColor('web_app_set_header_color', header.toLowerCase());
  if (w.backgroundColor && HEX.test(w.backgroundColor)) postColor('web_app_set_background_color', w.backgroundColor.toLowerCase());
}

/** The colours Telegram was last told: a page shown again, or the next page in the same colours, sends nothing. */
const posted = new Map<string, string>();
export function postColor(method: 'web_app_set_header_color' | 'web_app_set_background_color', color: string): void {
  if (posted.get(method) === color) return;
  if (postEvent(method, { color })) posted.set(method, color);
}

export function setNavigationTitle(title: string): void {
  if (navTitle) navTitle.textContent = title;
  document.title = title;
}

/** The bar's colours for the current page; Telegram's header follows the background. */
export function setNavigationColors(front: string, background: string): void {
  if (navBar) {
    navBar.style.color = front;
    navBar.style.backgroundColor = background;
  }
  postColor('web_app_set_header_color', background.toLowerCase());
}

export function setNavigationLoading(on: boolean): void {
  navBar?.classList.toggle('wx-navigation-bar--loading', on);
}
