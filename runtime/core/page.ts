import type { TemplateModule } from '../../common/template.js';
import { definitionOf, selectIn, flushReady, type ComponentInstance } from './component.js';
import { coerceProperty, initialComponentData, type NormalizedDefinition } from './definition.js';
import { Instance, initialData } from './instance.js';
import { recordDefinition } from './registry.js';
import { EventChannel } from './eventChannel.js';
import type { UnitModule } from './unit.js';

/** `Page({...})`: records the page definition of the file being evaluated. */
export function Page(options: Record<string, any>): void {
  recordDefinition('Page', options ?? {});
}

/** Page hooks a page built with Component() takes from its `methods`. */
const PAGE_HOOKS = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload', 'onPullDownRefresh', 'onReachBottom', 'onPageScroll', 'onShareAppMessage', 'onShareTimeline', 'onResize', 'onTabItemTap', 'onAddToFavorites', 'onSaveExitState', 'onRouteDone'];

/**
 * One open page. With Page(), fields of the Page object become fields of the instance, as in
 * WeChat. With Component(), the page is a component: methods (page hooks included) become the
 * instance's, properties receive the query, and its lifetimes run as a component's do.
 */
export class PageInstance extends Instance {
  readonly route: string;
  options: Record<string, string>;
  readonly __template: TemplateModule;
  readonly __id: number;
  readonly __module: UnitModule;
  /** The merged definition when the page was built with Component(). */
  readonly __componentDef: NormalizedDefinition | null;
  /** The page's <wx-page> element. */
  __el: HTMLElement | null = null;
  /** Set when the page was opened by navigateTo with `events`. */
  __openerChannel: EventChannel = new EventChannel();

  /** tabBar.custom: this tab page's instance of custom-tab-bar (null on other pages). */
  getTabBar(): unknown {
    return (this as unknown as { __customTabBar?: { instance: unknown } }).__customTabBar?.instance ?? null;
  }

  getOpenerEventChannel(): EventChannel {
    return this.__openerChannel;
  }

  constructor(mod: UnitModule, query: Record<string, string>, id: number) {
    const def = mod.def!;
    const componentDef = def.via === 'Component' ? definitionOf(mod) : null;
    super(`page ${mod.path}`, componentDef ? initialComponentData(componentDef) : initialData(def.options.data));
    this.route = mod.path;
    this.options = query;
    this.__template = mod.template;
    this.__id = id;
    this.__module = mod;
    this.__using = mod.using;
    this.__componentDef = componentDef;
    if (componentDef) {
      for (const [name, fn] of Object.entries(componentDef.methods)) if (!(name in this)) (this as any)[name] = fn;
      // Query parameters reach the properties of the same name.
      for (const [name, spec] of componentDef.properties) if (name in query) this.data[name] = coerceProperty(spec, query[name]);
      this.__lifetime('created');
    } else {
      for (const key of Object.keys(def.options)) {
        if (key === 'data' || key in this) continue; // never let user fields shadow setData, route, …
        (this as any)[key] = def.options[key];
      }
    }
  }

  /** Component-built pages: lifetimes of the component definition. */
  __lifetime(name: string): void {
    for (const fn of this.__componentDef?.lifetimes.get(name) ?? []) {
      this.__try(() => (typeof fn === 'string' ? (this as any)[fn] : fn).call(this), `lifetimes.${name}`);
    }
  }

  /** Page hooks: for Component() pages they live in methods (copied above) or in top-level fields. */
  override __hook(name: string, ...args: unknown[]): unknown {
    if (this.__componentDef && !PAGE_HOOKS.includes(name)) return undefined;
    return super.__hook(name, ...args);
  }

  /** Enters the page tree: the page's components attach (parents first). */
  __attachTree(): void {
    this.__attached = true;
    this.__lifetime('attached');
    for (const c of [...this.__children]) c.__attachTree();
  }

  /** Runs the ready lifetimes queued by attaching (children before parents), then the page's. */
  __readyTree(): void {
    flushReady();
    this.__lifetime('ready');
  }

  __detachTree(): void {
    this.__attached = false;
    for (const c of [...this.__children]) c.__detachTree();
    this.__lifetime('detached');
  }

  /** pageLifetimes of every component on the page. */
  __pageLifetime(name: string, ...args: unknown[]): void {
    for (const c of [...this.__children]) (c as unknown as ComponentInstance).__pageLifetime(name, ...args);
  }

  selectComponent(selector: string): unknown {
    return selectIn(this, selector, false)[0] ?? null;
  }

  selectAllComponents(selector: string): unknown[] {
    return selectIn(this, selector, true);
  }

  getPageId(): string {
    return `pageId:${this.__id}`;
  }
}
