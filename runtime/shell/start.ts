/**
 * Start-up: connect to Telegram, lay out the shell, run app.js's App(), open the first page.
 * The compiled entry module calls `startApp` with the app's configuration and page loaders.
 */
import { appRejectionHook, callAppHook } from '../core/app.js';
import { reportError, reportRejection } from '../core/errors.js';
import { installPointerEvents, setHandlerInvoker } from '../render/events.js';
import { invokeHandler } from '../render/invoke.js';
import { setRouter } from '../api/route.js';
import { setScopeRoot, wx } from '../api/index.js';
import { completeApiTables, useApiTables } from '../api/unsupported.js';
import type { ApiTables } from '../api/apiTables.js';
import { hydrateStorage } from '../api/storage.js';
import { setNetworkTimeout, setRequestAuthorization } from '../api/request.js';
import { setTransferTimeouts } from '../api/timeouts.js';
import { elementOf, setDefaultQueryScope } from '../api/selectorQuery.js';
import { connectTelegram, on, postEvent } from '../telegram/index.js';
import { createShell, type WindowConfig } from './page-frame.js';
import { rpxFor } from './rpx.js';
import { Router, type PageLoader } from './router.js';
import type { TabBarConfig } from './tabbar.js';
import { initTheme, onSchemeChange } from './theme.js';
import { installPageScroll } from './scroll.js';
import { initSafeArea } from './safeArea.js';
import { setClosingConfirmation } from './closing.js';
import { configureShare, type TelegramAppConfig } from './share.js';
import { setServerBase } from '../api/serverBase.js';
import type { UnitModule } from '../core/unit.js';
import { decodeStartParam } from './startParam.js';

export interface AppManifest {
  config: { pages: string[]; window?: WindowConfig; entryPagePath?: string; [k: string]: unknown };
  pages: Record<string, PageLoader>;
  /** Loads app.js (which calls App()). */
  app?: () => Promise<unknown>;
  /** Loads custom-tab-bar/index when tabBar.custom is set. */
  customTabBar?: () => Promise<{ default: UnitModule }>;
}

export interface LaunchOptions {
  path: string;
  query: Record<string, string>;
  scene: number;
  referrerInfo: Record<string, unknown>;
}

let launchOptions: LaunchOptions | null = null;

export function getLaunchOptionsSync(): LaunchOptions {
  return launchOptions ?? { path: '', query: {}, scene: 1001, referrerInfo: {} };
}

function applyViewport(width: number): void {
  const { rpx, pageWidth } = rpxFor(width);
  const root = document.documentElement.style;
  root.setProperty('--rpx', `${rpx}px`);
  root.setProperty('--wx-page-max-width', `${pageWidth}px`);
}

/** A page that cannot open says so on screen instead of leaving it blank. */
function showLaunchError(root: HTMLElement, err: unknown): void {
  const box = document.createElement('wx-launch-error');
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = 'This page could not be opened.';
  const detail = document.createElement('pre');
  detail.textContent = err instanceof Error ? err.message : String((err as { errMsg?: string })?.errMsg ?? err);
  box.append(title, detail);
  root.appendChild(box);
}

export async function startApp(manifest: AppManifest, mount: HTMLElement = document.body): Promise<Router> {
  // A build's part of the tables wx answers from synchronously (runtime/api/apiTables.ts, in
  // index.html): what the program's code names, learnt before any of it runs.
  const tables = document.getElementById('wx2tg-api-tables')?.textContent;
  if (tables) useApiTables(wx, JSON.parse(tables) as ApiTables);
  const lp = await connectTelegram();
  // A first launch restores storage from DeviceStorage: that round trip runs while the shell is
  // laid out and the tab bar loads; app.js waits for it below.
  const hydrated = hydrateStorage();
  initTheme(manifest.config as { darkmode?: boolean }, lp.themeParams);
  initSafeArea(manifest.config as { telegram?: { fullscreen?: boolean } });
  // app.json "telegram": {"closingConfirmation": true}: Telegram asks before closing the app.
  if ((manifest.config as { telegram?: { closingConfirmation?: boolean } }).telegram?.closingConfirmation) setClosingConfirmation('app', true);
  applyViewport(document.documentElement.clientWidth || window.innerWidth);
  window.addEventListener('resize', () => applyViewport(document.documentElement.clientWidth || window.innerWidth));

  const root = document.createElement('wx-app');
  mount.appendChild(root);
  createShell(root);
  installPointerEvents(root);
  installPageScroll(root);
  setHandlerInvoker(invokeHandler);
  // Errors that escape user code reach App.onError / wx.onError as WeChat's do; rejections
  // nobody handled reach App.onUnhandledRejection / wx.onUnhandledRejection.
  window.addEventListener('error', (e) => {
    // Chromium's ResizeObserver notice is not an error of the program (nothing was thrown).
    if (e.error === undefined && /^ResizeObserver loop/.test(e.message ?? '')) return;
    if (e.error !== undefined || e.message) reportError(e.error ?? e.message, 'uncaught');
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (reportRejection(e.reason, e.promise, appRejectionHook())) e.preventDefault();
  });

  const tabConfig = manifest.config.tabBar as TabBarConfig | undefined;
  let router: Router;
  // The tab bar's code loads only for programs that have one.
  const { TabBar } = tabConfig && Array.isArray(tabConfig.list) && tabConfig.list.length && !tabConfig.custom ? await import('./tabbar.js') : { TabBar: null };
  const tabBar =
    TabBar && tabConfig
      ? new TabBar(root, tabConfig, (index) => {
          const item = tabConfig.list[index]!;
          void router
            .switchTab('/' + item.pagePath)
            .then(() => router.current()?.__hook('onTabItemTap', { index, pagePath: item.pagePath, text: item.text ?? '' }))
            .catch((err) => reportError(err, 'tabBar'));
        })
      : null;
  const customTabBar = tabConfig?.custom && manifest.customTabBar ? (await manifest.customTabBar()).default : null;
  router = new Router({ root, pages: manifest.pages, appWindow: manifest.config.window ?? {}, tabBar, customTabBar, tabPaths: (tabConfig?.list ?? []).map((i) => i.pagePath) });
  setRouter(router, tabBar);
  configureShare((manifest.config as { telegram?: TelegramAppConfig }).telegram, () => router.current());
  setServerBase((manifest.config as { telegram?: { server?: string } }).telegram?.server);
  setRequestAuthorization((manifest.config as { telegram?: { authorizeRequests?: boolean | string[]; server?: string } }).telegram);
  onSchemeChange(() => {
    tabBar?.refresh();
    router.refreshChrome();
  });
  const currentPageRoot = (): Element | null => router.current()?.__el ?? null;
  setDefaultQueryScope(() => {
    const page = router.current();
    return page?.__el ? { root: page.__el, owner: page } : null;
  });
  setScopeRoot((inst) => elementOf(inst) ?? currentPageRoot());

  // Where to start: a startapp deep link, the page a reload was on, else the entry page.
  const pages = manifest.config.pages;
  const entry = manifest.config.entryPagePath ?? pages[0] ?? '';
  const fromLink = lp.startParam ? decodeStartParam(lp.startParam) : null;
  const fromHash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const target = fromHash || fromLink || entry;
  const [path = '', query = ''] = target.split('?', 2) as [string, string?];
  launchOptions = {
    path,
    query: Object.fromEntries(new URLSearchParams(query ?? '')),
    scene: fromLink ? 1037 : 1001,
    referrerInfo: {},
  };

  setNetworkTimeout(manifest.config.networkTimeout as { request?: number } | undefined);
  setTransferTimeouts(manifest.config.networkTimeout as { uploadFile?: number; downloadFile?: number } | undefined);
  // Storage is filled before the program's first getStorageSync (app.js may read it at load).
  await hydrated;
  if (manifest.app) {
    try {
      await manifest.app();
    } catch (err) {
      reportError(err, 'app.js');
    }
  }
  callAppHook('onLaunch', { ...launchOptions });
  callAppHook('onShow', { ...launchOptions });
  on('visibility_changed', (d: { is_visible?: boolean }) => callAppHook(d?.is_visible ? 'onShow' : 'onHide', { ...launchOptions }));
  postEvent('web_app_request_theme');
  postEvent('web_app_request_viewport');
  try {
    await router.launch(target);
  } catch (err) {
    // App.onPageNotFound may have navigated somewhere itself: let that finish first.
    await new Promise((r) => setTimeout(r, 0));
    await router.whenIdle();
    let opened = router.current() !== undefined;
    if (!opened) reportError(err, `launch of ${target}`);
    if (!opened && target !== entry) {
      try {
        await router.launch(entry);
        opened = true;
      } catch (err2) {
        reportError(err2, `launch of ${entry}`);
        showLaunchError(root, err2);
      }
    }
    if (!opened && target === entry) showLaunchError(root, err);
  }
  postEvent('web_app_ready');
  postEvent('web_app_expand');
  // The rest, when the build shipped a part: once the first page has painted, so that it does
  // not compete with it. Offline, it stays unknown (only names no script of the program
  // mentions): not an error of the program's.
  requestAnimationFrame(() => setTimeout(() => completeApiTables(wx).catch((err) => console.warn('[wx2tg] the rest of the wx API tables did not load:', err))));
  return router;
}
