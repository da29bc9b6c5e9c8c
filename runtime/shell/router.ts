/**
 * The page stack. It is the truth; the URL (`#/pages/x/index?id=1`) mirrors the top page so that
 * reload and deep links work, and the browser's own back (Telegram Web, Android's system back)
 * pops the stack. Telegram's back button is shown exactly when there is a page to go back to.
 */
import { callAppHook } from '../core/app.js';
import { reportError } from '../core/errors.js';
import { PageInstance } from '../core/page.js';
import type { UnitModule } from '../core/unit.js';
import { flushAll } from '../core/scheduler.js';
import { ApiFail } from '../api/callback.js';
import { on, setBackButtonVisible } from '../telegram/index.js';
import { applyPageChrome, createPageElement, windowOf, type WindowConfig } from './page-frame.js';
import { setScrollPage } from './scroll.js';
import type { TabBar } from './tabbar.js';
import type { EventChannel } from '../core/eventChannel.js';
import { confirmLeave, leaveQuestion, pageShown } from './closing.js';

export type PageModule = UnitModule & { config: WindowConfig & Record<string, unknown> };

export type PageLoader = () => Promise<{ default: UnitModule }>;

interface StackEntry {
  page: PageInstance;
  el: HTMLElement;
  scrollY: number;
  module: PageModule;
}

/** WeChat's page stack limit. */
export const MAX_STACK = 10;

/** What the compiled entry tells the router about the program's packages (configurePackages). */
export interface PackagePlan {
  /** Subpackage roots, and which of them run without the main package. */
  subpackages: { root: string; independent: boolean }[];
  /** app.json preloadRule, checked by the compiler: page → packages (roots, or "__APP__") to fetch once it is shown. */
  preloadRule: Record<string, { network: 'all' | 'wifi'; packages: string[] }>;
  /** Loads app.js (which calls App()). */
  app?: () => Promise<unknown>;
  /** The launch options (App's onLaunch/onShow get them when app.js runs late). */
  launchOptions: () => { path: string } & Record<string, unknown>;
}

let plan: PackagePlan = { subpackages: [], preloadRule: {}, launchOptions: () => ({ path: '' }) };
/** app.js was skipped at launch (an independent subpackage page opened first) and has not run yet. */
let mainPending = false;
let mainLoad: Promise<void> | null = null;

export function configurePackages(p: PackagePlan): void {
  plan = p;
}

function independentRoot(route: string): string | null {
  const sp = plan.subpackages.find((s) => s.independent && route.startsWith(s.root + '/'));
  return sp ? sp.root : null;
}

/**
 * Runs app.js at start-up, unless the launch page lies in an independent subpackage: WeChat then
 * starts without the main package, getApp() is undefined, and app.js runs (with App's onLaunch
 * and first onShow) when a page of the main package or of a normal subpackage first opens.
 */
export function loadAppAtLaunch(): Promise<unknown> {
  if (!plan.app) return Promise.resolve();
  if (independentRoot(plan.launchOptions().path.replace(/^\/+/, '')) !== null) {
    mainPending = true;
    return Promise.resolve();
  }
  return plan.app();
}

function startMainPackage(): Promise<void> {
  mainLoad ??= (async () => {
    try {
      await plan.app?.();
    } catch (err) {
      reportError(err, 'app.js');
    }
    mainPending = false;
    const options = plan.launchOptions();
    callAppHook('onLaunch', { ...options });
    callAppHook('onShow', { ...options });
  })();
  return mainLoad;
}

/** preloadRule: once `route` is shown, its packages are fetched (preload.ts, loaded for the first rule that applies). */
function preloadAfter(route: string): void {
  const rule = plan.preloadRule[route];
  if (rule) void import('./preload.js').then((m) => m.preloadPackages(rule));
}

export interface RouterOptions {
  root: HTMLElement;
  pages: Record<string, PageLoader>;
  appWindow: WindowConfig;
  tabBar?: TabBar | null;
  /** tabBar.custom: the program's custom-tab-bar component, one instance per tab page. */
  customTabBar?: UnitModule | null;
  /** The tab pages' paths (needed when the tab bar is custom and draws itself). */
  tabPaths?: string[];
}

export function parseUrl(url: string, from?: string): { path: string; query: Record<string, string> } {
  const [rawPath = '', rawQuery = ''] = url.split('?', 2) as [string, string?];
  let path = rawPath;
  if (!path.startsWith('/') && from) {
    // Relative to the current page's folder, as WeChat resolves it.
    const base = from.split('/').slice(0, -1);
    for (const seg of path.split('/')) {
      if (seg === '..') base.pop();
      else if (seg !== '.' && seg !== '') base.push(seg);
    }
    path = base.join('/');
  }
  path = path.replace(/^\/+/, '').replace(/\.(html|wxml|js|ts)$/, '');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQuery ?? '')) query[k] = v;
  return { path, query };
}

function queryString(query: Record<string, string>): string {
  const s = new URLSearchParams(query).toString();
  return s ? `?${s}` : '';
}

export class Router {
  readonly stack: StackEntry[] = [];
  /** Tab pages opened so far: they stay alive while other tabs are shown. */
  private readonly tabPages = new Map<string, StackEntry>();
  private nextId = 1;
  /** history.state depth of stack[0]. */
  private baseDepth = 0;
  /** Popstate events we caused ourselves and must not act on. */
  private ignorePops = 0;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RouterOptions) {
    window.addEventListener('popstate', (e) => this.onPopState(e));
    on('back_button_pressed', () => {
      if (this.stack.length > 1) void this.backByUser(1).catch((err) => reportError(err, 'back button'));
    });
  }

  has(path: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.options.pages, path);
  }

  /** Re-applies the top page's navigation bar and colours (after a theme switch). */
  refreshChrome(): void {
    const top = this.stack[this.stack.length - 1];
    if (top) applyPageChrome(this.options.appWindow, top.module.config, top.page);
  }

  isTab(path: string): boolean {
    if (this.options.tabBar) return this.options.tabBar.indexOf(path) >= 0;
    return !!this.options.customTabBar && (this.options.tabPaths ?? []).includes(path);
  }

  /** The custom tab bar of a tab page: created with the page (its getTabBar()), shown with it. */
  private customBar(entry: StackEntry): void {
    const mod = this.options.customTabBar;
    const pageAny = entry.page as unknown as { __customTabBar?: { host: HTMLElement; instance: unknown } };
    for (const e of [...this.tabPages.values(), ...this.stack]) {
      const other = (e.page as unknown as { __customTabBar?: { host: HTMLElement } }).__customTabBar;
      if (other) other.host.hidden = e !== entry;
    }
    if (!mod || !this.isTab(entry.page.route)) {
      document.documentElement.classList.toggle('wx-has-tab-bar', false);
      return;
    }
    if (!pageAny.__customTabBar) {
      const host = document.createElement('custom-tab-bar');
      host.className = 'wx-custom-tab-bar';
      const factory = entry.page.__childFactory(mod);
      const instance = factory(host) as unknown as { flushProperties(): void; attach(): void };
      instance.flushProperties();
      this.options.root.appendChild(host);
      instance.attach();
      pageAny.__customTabBar = { host, instance };
    }
    pageAny.__customTabBar.host.hidden = false;
    document.documentElement.classList.toggle('wx-has-tab-bar', true);
  }

  current(): PageInstance | undefined {
    return this.stack[this.stack.length - 1]?.page;
  }

  pages(): PageInstance[] {
    return this.stack.map((e) => e.page);
  }

  /** Runs navigations one after another so that two quick taps cannot interleave. */
  /** Resolves once every navigation queued so far has finished. */
  whenIdle(): Promise<void> {
    return this.busy.then(() => undefined);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async load(path: string): Promise<PageModule> {
    const loader = this.options.pages[path];
    if (mainPending && this.has(path) && independentRoot(path) === null) await startMainPackage();
    if (!loader) {
      callAppHook('onPageNotFound', { path, query: {}, isEntryPage: this.stack.length === 0 });
      throw new ApiFail(`page "${path}" is not found`);
    }
    let mod: PageModule;
    try {
      mod = (await loader()).default as PageModule;
    } catch (err) {
      throw new ApiFail(`page "${path}" failed to load: ${(err as Error).message ?? err}`);
    }
    if (!mod.def) throw new ApiFail(`page "${path}" has not been registered yet (its script did not call Page() or Component())`);
    return mod;
  }

  /**
   * Creates a page: its template renders with the initial data and its components attach; push()
   * then runs onLoad(query) (so components' attached precede the page's onLoad, as in WeChat).
   */
  private open(mod: PageModule, query: Record<string, string>): StackEntry {
    const page = new PageInstance(mod, query, this.nextId++);
    const el = createPageElement(mod.path);
    page.__el = el;
    const entry: StackEntry = { page, el, scrollY: 0, module: mod };
    page.__render(mod.template).mount(el);
    this.options.root.appendChild(el);
    page.__attachTree();
    if (this.isTab(mod.path)) this.tabPages.set(mod.path, entry);
    return entry;
  }

  /** Puts a freshly opened page on the stack, then runs its onLoad (getCurrentPages() includes it). */
  private push(entry: StackEntry): void {
    this.stack.push(entry);
    // Its window config applies before onLoad: getWindowInfo() there already sees a custom
    // navigation bar's full height, as in WeChat.
    applyPageChrome(this.options.appWindow, entry.module.config, entry.page);
    entry.page.__hook('onLoad', { ...entry.page.options });
  }

  private show(entry: StackEntry): void {
    for (const e of this.stack) e.el.hidden = e !== entry;
    for (const e of this.tabPages.values()) e.el.hidden = e !== entry;
    this.options.tabBar?.select(this.isTab(entry.page.route) ? entry.page.route : null);
    if (this.options.customTabBar) this.customBar(entry);
    setScrollPage(entry.page, windowOf(this.options.appWindow, entry.module.config));
    applyPageChrome(this.options.appWindow, entry.module.config, entry.page);
    window.scrollTo(0, entry.scrollY);
    setBackButtonVisible(this.stack.length > 1);
    pageShown(entry.page);
    entry.page.__pageLifetime('show');
    entry.page.__hook('onShow');
    preloadAfter(entry.page.route);
  }

  private hide(entry: StackEntry): void {
    entry.scrollY = window.scrollY;
    entry.page.__hook('onHide');
    entry.page.__pageLifetime('hide');
  }

  private unload(entry: StackEntry): void {
    (entry.page as unknown as { __customTabBar?: { host: HTMLElement } }).__customTabBar?.host.remove();
    if (this.tabPages.get(entry.page.route) === entry) this.tabPages.delete(entry.page.route);
    entry.page.__hook('onUnload');
    entry.page.__detachTree();
    entry.page.__view?.destroy(false);
    entry.el.remove();
  }

  /** After the first render: components' ready (children first), then the page's onReady. */
  private ready(entry: StackEntry): void {
    flushAll();
    requestAnimationFrame(() => {
      if (!this.stack.includes(entry)) return;
      entry.page.__readyTree();
      entry.page.__hook('onReady');
    });
  }

  private url(entry: StackEntry): string {
    return `#/${entry.page.route}${queryString(entry.page.options)}`;
  }

  /** First page at start-up (entry page, a deep link, or the page a reload was on). */
  launch(url: string): Promise<void> {
    return this.serial(async () => {
      const { path, query } = parseUrl(url);
      const mod = await this.load(path);
      this.baseDepth = typeof history.state?.wx2tg === 'number' ? history.state.wx2tg : 0;
      const entry = this.open(mod, query);
      this.push(entry);
      history.replaceState({ wx2tg: this.baseDepth }, '', this.url(entry));
      this.show(entry);
      this.ready(entry);
    });
  }

  navigateTo(url: string, channel?: EventChannel): Promise<void> {
    return this.serial(async () => {
      const from = this.current()?.route;
      const { path, query } = parseUrl(url, from);
      if (this.stack.length >= MAX_STACK) throw new ApiFail('webview count limit exceed');
      if (this.isTab(path)) throw new ApiFail(`can not navigateTo a tabbar page`);
      const mod = await this.load(path);
      const prev = this.stack[this.stack.length - 1];
      if (prev) this.hide(prev);
      const entry = this.open(mod, query);
      if (channel) entry.page.__openerChannel = channel;
      this.push(entry);
      history.pushState({ wx2tg: this.baseDepth + this.stack.length - 1 }, '', this.url(entry));
      this.show(entry);
      this.ready(entry);
    });
  }

  redirectTo(url: string): Promise<void> {
    return this.serial(async () => {
      const from = this.current()?.route;
      const { path, query } = parseUrl(url, from);
      if (this.isTab(path)) throw new ApiFail(`can not redirectTo a tabbar page`);
      const mod = await this.load(path);
      const prev = this.stack.pop();
      if (prev) this.unload(prev);
      const entry = this.open(mod, query);
      this.push(entry);
      history.replaceState({ wx2tg: this.baseDepth + this.stack.length - 1 }, '', this.url(entry));
      this.show(entry);
      this.ready(entry);
    });
  }

  reLaunch(url: string): Promise<void> {
    return this.serial(async () => {
      const from = this.current()?.route;
      const { path, query } = parseUrl(url, from);
      const mod = await this.load(path);
      while (this.stack.length) this.unload(this.stack.pop()!);
      for (const e of [...this.tabPages.values()]) this.unload(e);
      const entry = this.open(mod, query);
      this.push(entry);
      history.replaceState({ wx2tg: this.baseDepth }, '', this.url(entry));
      this.show(entry);
      this.ready(entry);
    });
  }

  /**
   * switchTab: shows a tab page (creating it the first time, keeping its state after), closing
   * every page that is not a tab. The previous tab page is hidden, not unloaded.
   */
  switchTab(url: string): Promise<void> {
    return this.serial(async () => {
      const from = this.current()?.route;
      const { path } = parseUrl(url, from);
      if (!this.isTab(path)) throw new ApiFail(`can not switch to no-tabBar page`);
      const top = this.stack[this.stack.length - 1];
      if (top && top.page.route === path && this.stack.length === 1) return;
      let entry = this.tabPages.get(path);
      const mod = entry ? null : await this.load(path);
      if (top) this.hide(top);
      for (const e of [...this.stack]) if (!this.isTab(e.page.route)) this.unload(e);
      this.stack.length = 0;
      const fresh = !entry;
      if (!entry) {
        entry = this.open(mod!, {});
        this.push(entry);
      } else this.stack.push(entry);
      history.replaceState({ wx2tg: this.baseDepth }, '', this.url(entry));
      this.show(entry);
      if (fresh) this.ready(entry);
    });
  }

  /** The question the top page asks before the user leaves it (wx.enableAlertBeforeUnload); not on tab pages. */
  private leaveQuestion(): string | null {
    const top = this.stack[this.stack.length - 1];
    if (!top || this.isTab(top.page.route)) return null;
    return leaveQuestion(top.page);
  }

  /** Back as the user asks for it (Telegram's back button, the browser's back): the page may ask first. */
  async backByUser(delta: number): Promise<void> {
    const question = this.leaveQuestion();
    if (question && !(await confirmLeave(question))) return;
    await this.navigateBack(delta);
  }

  /** Pops `delta` pages (at most down to the first). `fromBrowser` when history already moved. */
  navigateBack(delta = 1, fromBrowser = false): Promise<void> {
    return this.serial(async () => {
      const n = Math.min(Math.max(1, Math.floor(delta) || 1), this.stack.length - 1);
      if (n <= 0) return;
      for (let i = 0; i < n; i++) this.unload(this.stack.pop()!);
      if (!fromBrowser) {
        this.ignorePops++;
        history.go(-n);
      }
      this.show(this.stack[this.stack.length - 1]!);
    });
  }

  private onPopState(e: PopStateEvent): void {
    if (this.ignorePops > 0) {
      this.ignorePops--;
      return;
    }
    const depth = typeof e.state?.wx2tg === 'number' ? (e.state.wx2tg as number) : this.baseDepth;
    const index = depth - this.baseDepth;
    const top = this.stack.length - 1;
    if (index < top && index >= 0) {
      if (this.leaveQuestion()) {
        // The page asks first: put the history entry back, then go back only if the user agrees.
        this.ignorePops++;
        history.go(top - index);
        void this.backByUser(top - index).catch((err) => reportError(err, 'browser back'));
        return;
      }
      void this.navigateBack(top - index, true).catch((err) => reportError(err, 'browser back'));
    } else if (index > top || index < 0) {
      // Forward past the stack, or back before the first page we opened: show that URL's page.
      const target = location.hash.replace(/^#\/?/, '');
      if (target) void this.reLaunch('/' + target).catch((err) => reportError(err, 'history navigation'));
    }
  }
}
