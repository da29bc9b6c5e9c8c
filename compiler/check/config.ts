/**
 * app.json and page/component json options: what wx2tg does with each (read from
 * compiler/project, compiler/vite and runtime/shell, which are where these options act).
 */
import type { Support } from '../../common/builtinAttributes.js';

type Row = Support | ((value: unknown) => Support);

const ok: Support = { status: 'supported' };
const partial = (note: string): Support => ({ status: 'partial', note });
const no = (note: string): Support => ({ status: 'unsupported', note });

/** Top-level app.json keys. `window`, `tabBar` and `networkTimeout` are looked at field by field. */
export const APP_OPTIONS: Readonly<Record<string, Row>> = {
  pages: ok,
  entryPagePath: ok,
  window: ok,
  tabBar: ok,
  networkTimeout: ok,
  usingComponents: ok,
  subpackages: ok,
  subPackages: ok,
  darkmode: ok,
  themeLocation: ok,
  style: (v) => (v === 'v2' ? ok : partial('components are always drawn in the "v2" style')),
  lazyCodeLoading: { status: 'supported', note: 'a build includes only what its pages use' },
  resolveAlias: ok,
  componentFramework: { status: 'supported', note: "wx2tg's component model follows glass-easel's semantics" },
  renderer: (v) => (v === 'skyline' ? partial('drawn by the web renderer with WebView semantics, not Skyline') : ok),
  rendererOptions: no('ignored: Skyline options'),
  resizable: { status: 'supported', note: 'the page always follows the viewport size' },
  requiredPrivateInfos: { status: 'supported', note: 'a declaration: nothing to do here' },
  preloadRule: ok,
  workers: no('wx.createWorker is not implemented'),
  plugins: no('mini-program plugins are not supported on Telegram'),
  useExtendedLib: no("WeChat's bundled weui is not available: install weui-miniprogram into miniprogram_npm"),
  requiredBackgroundModes: no('a Mini App cannot run in the background'),
  permission: no("WeChat's permission prompts do not exist; Telegram asks on its own where it can"),
  sitemapLocation: no('WeChat search indexing does not exist on Telegram'),
  functionalPages: no('WeChat functional pages do not exist on Telegram'),
  debug: no('ignored'),
  debugOptions: no('ignored'),
  enablePassiveEvent: no('ignored'),
  entranceDeclare: no('WeChat chat entrances do not exist on Telegram'),
  singlePage: no("WeChat Moments' single-page mode does not exist on Telegram"),
  embeddedAppIdList: no('other mini-programs cannot be opened from Telegram'),
  halfPage: no('ignored: a Mini App is sized by Telegram'),
  supportedMaterials: no('WeChat chat materials do not exist on Telegram'),
  serviceProviderTicket: no('ignored'),
  miniApp: no('ignored'),
  static: no('ignored'),
  convertRpxToVw: no('ignored: rpx follows the page width anyway'),
  appBar: no('ignored'),
  telegram: { status: 'supported', note: "wx2tg's own: Telegram settings (fullscreen, closingConfirmation, ton…)" },
};

/** `window` fields (app.json) — the same names in a page's json override them for that page. */
export const WINDOW_OPTIONS: Readonly<Record<string, Row>> = {
  navigationBarTitleText: ok,
  navigationBarBackgroundColor: { status: 'supported', note: "Telegram's header takes the same colour" },
  navigationBarTextStyle: ok,
  navigationStyle: (v) => (v === 'custom' ? partial("our navigation bar hides; Telegram's own header stays above the page") : ok),
  backgroundColor: ok,
  backgroundTextStyle: ok,
  enablePullDownRefresh: ok,
  onReachBottomDistance: ok,
  homeButton: no('there is no home button in the navigation bar'),
  backgroundColorTop: no('ignored: there is no overscroll area to colour'),
  backgroundColorBottom: no('ignored: there is no overscroll area to colour'),
  backgroundColorContent: no('ignored'),
  pageOrientation: no('Telegram decides the orientation'),
  disableScroll: no('not implemented: the page scrolls'),
  restartStrategy: no('ignored'),
  initialRenderingCache: no('ignored'),
  visualEffectInBackground: no('ignored'),
  handleWebviewPreload: no('ignored'),
};

export const TABBAR_OPTIONS: Readonly<Record<string, Row>> = {
  list: ok,
  color: ok,
  selectedColor: ok,
  backgroundColor: ok,
  borderStyle: ok,
  position: ok,
  custom: ok,
};

/** Page and component json keys other than window fields. */
export const UNIT_OPTIONS: Readonly<Record<string, Row>> = {
  usingComponents: ok,
  component: ok,
  styleIsolation: ok,
  componentGenerics: ok,
  componentPlaceholder: { status: 'supported', note: 'never shown: components are bundled with the pages that use them' },
  style: APP_OPTIONS.style!,
  renderer: APP_OPTIONS.renderer!,
  componentFramework: APP_OPTIONS.componentFramework!,
  enablePassiveEvent: APP_OPTIONS.enablePassiveEvent!,
  singlePage: APP_OPTIONS.singlePage!,
};

/** Support of an option from its table; undefined for an undocumented key. */
export function optionSupport(table: Readonly<Record<string, Row>>, key: string, value: unknown): Support | undefined {
  const row = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!row) return undefined;
  return typeof row === 'function' ? row(value) : row;
}
