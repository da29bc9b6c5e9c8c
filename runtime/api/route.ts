import { asyncApi, ApiFail } from './callback.js';
import { EventChannel } from '../core/eventChannel.js';
import type { Router } from '../shell/router.js';
import type { TabBar } from '../shell/tabbar.js';
import { pageShown, setLeaveQuestion } from '../shell/closing.js';
import { pageScrollTo as scrollPageTo, startPullDownRefresh as startPull, stopPullDownRefresh as stopPull } from '../shell/scroll.js';

let router: Router | null = null;
let tabBar: TabBar | null = null;

export function setRouter(r: Router, bar: TabBar | null = null): void {
  router = r;
  tabBar = bar;
}

function need(): Router {
  if (!router) throw new ApiFail('the app has not started yet');
  return router;
}

function urlOf(params: { url?: unknown }): string {
  if (typeof params.url !== 'string' || !params.url) throw new ApiFail('parameter error: parameter.url should be String');
  return params.url;
}

export const navigateTo = asyncApi('navigateTo', async (p: { url?: string; events?: Record<string, (...a: unknown[]) => void> }) => {
  const eventChannel = new EventChannel(p.events);
  await need().navigateTo(urlOf(p), eventChannel);
  return { eventChannel };
});

export const redirectTo = asyncApi('redirectTo', async (p: { url?: string }) => {
  await need().redirectTo(urlOf(p));
  return {};
});

export const reLaunch = asyncApi('reLaunch', async (p: { url?: string }) => {
  await need().reLaunch(urlOf(p));
  return {};
});

export const switchTab = asyncApi('switchTab', async (p: { url?: string }) => {
  await need().switchTab(urlOf(p));
  return {};
});

/** The tab bar, for the tabBar APIs; they fail where WeChat's do: no tab bar, or an index out of range. */
function bar(index?: unknown): TabBar {
  if (!tabBar) throw new ApiFail('not TabBar page');
  if (index !== undefined && (typeof index !== 'number' || index < 0 || index >= tabBar.size)) throw new ApiFail(`tabbar item not found`);
  return tabBar;
}

export const setTabBarBadge = asyncApi('setTabBarBadge', (p: { index?: number; text?: string }) => {
  const text = String(p.text ?? '');
  // WeChat shows at most 4 characters (more become "…").
  bar(p.index).setBadge(p.index!, text.length > 4 ? text.slice(0, 3) + '…' : text);
  return {};
});
export const removeTabBarBadge = asyncApi('removeTabBarBadge', (p: { index?: number }) => {
  bar(p.index).setBadge(p.index!, null);
  return {};
});
export const showTabBarRedDot = asyncApi('showTabBarRedDot', (p: { index?: number }) => {
  bar(p.index).setBadge(p.index!, null, true);
  return {};
});
export const hideTabBarRedDot = asyncApi('hideTabBarRedDot', (p: { index?: number }) => {
  bar(p.index).setBadge(p.index!, null);
  return {};
});
export const showTabBar = asyncApi('showTabBar', () => {
  bar().setVisible(true);
  return {};
});
export const hideTabBar = asyncApi('hideTabBar', () => {
  bar().setVisible(false);
  return {};
});
export const setTabBarStyle = asyncApi('setTabBarStyle', (p: { color?: string; selectedColor?: string; backgroundColor?: string; borderStyle?: 'black' | 'white' }) => {
  const { color, selectedColor, backgroundColor, borderStyle } = p;
  bar().setStyle(Object.fromEntries(Object.entries({ color, selectedColor, backgroundColor, borderStyle }).filter(([, v]) => v !== undefined)));
  return {};
});
export const setTabBarItem = asyncApi('setTabBarItem', (p: { index?: number; text?: string; iconPath?: string; selectedIconPath?: string }) => {
  const { text, iconPath, selectedIconPath } = p;
  bar(p.index).setItem(p.index!, Object.fromEntries(Object.entries({ text, iconPath, selectedIconPath }).filter(([, v]) => v !== undefined)));
  return {};
});

export const navigateBack = asyncApi('navigateBack', async (p: { delta?: number }) => {
  const r = need();
  if (r.stack.length <= 1) throw new ApiFail('cannot navigate back at first page.');
  await r.navigateBack(p.delta ?? 1);
  return {};
});

export function getCurrentPages(): unknown[] {
  return router ? router.pages() : [];
}


export const startPullDownRefresh = asyncApi('startPullDownRefresh', () => {
  startPull();
  return {};
});

export const stopPullDownRefresh = asyncApi('stopPullDownRefresh', () => {
  stopPull();
  return {};
});

export const pageScrollTo = asyncApi('pageScrollTo', (p: { scrollTop?: number; selector?: string; offsetTop?: number; duration?: number }) => {
  if (p.scrollTop === undefined && !p.selector) throw new ApiFail('parameter error: one of scrollTop or selector is required');
  const top = router?.current() as { __el?: Element } | undefined;
  if (!scrollPageTo(p, top?.__el ?? null)) throw new ApiFail(`node "${p.selector}" is not found`);
  return {};
});

/**
 * wx.enableAlertBeforeUnload: when the user goes back from this page (Telegram's back button,
 * the browser's back) they are asked first; closing the Mini App asks too (Telegram's closing
 * confirmation, which shows Telegram's own text: a custom message cannot be given there).
 * wx.navigateBack called by the program is not intercepted, as in WeChat; nor are tab pages.
 */
export const enableAlertBeforeUnload = asyncApi('enableAlertBeforeUnload', (p: { message?: string }) => {
  if (typeof p.message !== 'string' || !p.message) throw new ApiFail('parameter error: parameter.message should be String');
  const page = need().current();
  if (!page) throw new ApiFail('no page is shown');
  setLeaveQuestion(page, p.message);
  pageShown(page);
  return {};
});

export const disableAlertBeforeUnload = asyncApi('disableAlertBeforeUnload', () => {
  const page = need().current();
  if (page) {
    setLeaveQuestion(page, null);
    pageShown(page);
  }
  return {};
});
