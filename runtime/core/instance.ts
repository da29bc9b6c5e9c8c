import type { TemplateModule } from '../../common/template.js';
import { addChange, type ChangeSet } from '../render/changes.js';
import { View, type ChildComponent, type Owner } from '../render/view.js';
import { reportError } from './errors.js';
import { cloneData, parsePath, setPath, type DataPath } from './path.js';

const EMPTY: Map<string, unknown> = new Map();
const warned = new Set<string>();
function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[wx2tg] ${message}`);
}
import { scheduleFlush } from './scheduler.js';
import { elementOf, SelectorQuery } from '../api/selectorQuery.js';
import { WxIntersectionObserver } from '../api/intersectionObserver.js';

/**
 * What pages and components have in common: data with setData, a view, lifecycle calls that
 * report errors instead of throwing through the framework.
 */
export class Instance implements Owner {
  data: Record<string, any>;
  readonly __label: string;
  __view: View | null = null;
  private __pending: ChangeSet | null = null;
  private __callbacks: (() => void)[] = [];
  private __queued = false;

  constructor(label: string, data: Record<string, any>) {
    this.__label = label;
    this.data = data;
  }

  /**
   * Sets data by path keys (`a.b[2].c`). Values are copied as WeChat's serialisation copies them;
   * `this.data` changes now, the DOM at the end of the tick, then `callback` runs.
   */
  setData(patch: Record<string, unknown>, callback?: () => void): void {
    if (patch === null || typeof patch !== 'object') {
      reportError(new TypeError('setData expects an object'), `${this.__label} setData`);
      return;
    }
    const cs = (this.__pending ??= new Map());
    const paths: DataPath[] = [];
    let old: Map<string, unknown> | null = null;
    for (const key of Object.keys(patch)) {
      const path = parsePath(key);
      if (!path) {
        reportError(new Error(`invalid data path "${key}"`), `${this.__label} setData`);
        continue;
      }
      const root = path[0] as string;
      const value = patch[key];
      if (value === undefined && path.length === 1 && !this.__acceptsUndefined(root)) {
        // WeChat does not set undefined values ("the item will not be set"); say so once.
        warnOnce(`undefined:${this.__label}:${key}`, `${this.__label} setData: "${key}" is undefined and is not set`);
        continue;
      }
      if (this.__watchesOld(root) && !(old ??= new Map()).has(root)) old.set(root, this.data[root]);
      setPath(this.data, path, this.__coerce(path, cloneData(value)));
      paths.push(path);
      if (!this.__isPure(root)) addChange(cs, path);
    }
    if (paths.length) this.__observe(paths, old ?? EMPTY);
    if (typeof callback === 'function') this.__callbacks.push(callback);
    if (!this.__queued) {
      this.__queued = true;
      scheduleFlush(this);
    }
  }

  /** Observers (components override): called once per setData, after this.data changed. */
  protected __observe(_paths: DataPath[], _old: Map<string, unknown>): void {}
  /** Whether setData should remember the previous value of `root` (for property observers). */
  protected __watchesOld(_root: string): boolean {
    return false;
  }
  /** Components: a whole-property set goes through the property's type. */
  protected __coerce(_path: DataPath, value: unknown): unknown {
    return value;
  }
  /** Components: a typed property given undefined takes its default instead of being skipped. */
  protected __acceptsUndefined(_root: string): boolean {
    return false;
  }
  /** Pure data fields are kept in this.data but never rendered. */
  protected __isPure(_root: string): boolean {
    return false;
  }

  __flush(): void {
    this.__queued = false;
    const cs = this.__pending;
    this.__pending = null;
    if (cs && this.__view) this.__view.update(cs);
    const callbacks = this.__callbacks;
    this.__callbacks = [];
    for (const cb of callbacks) this.__try(() => cb.call(this), 'setData callback');
  }

  /** Creates the view (first render) from the compiled template. */
  __render(tpl: TemplateModule): View {
    this.__view = new View(tpl, this.data, this);
    return this.__view;
  }

  __error(err: unknown, where: string): void {
    reportError(err, `${this.__label} ${where}`);
  }

  /** Runs user code, routing a throw to App.onError with this instance named. */
  __try<T>(fn: () => T, where: string): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.__error(err, where);
      return undefined;
    }
  }

  /** Calls a hook by name if the instance has it. */
  __hook(name: string, ...args: unknown[]): unknown {
    const fn = (this as any)[name];
    if (typeof fn !== 'function') return undefined;
    return this.__try(() => fn.apply(this, args), name);
  }

  /** Custom components this instance's template can use: tag → module. */
  __using: Record<string, UnitModuleLike> = {};
  /** Components created by this instance's template (its direct children in the component tree). */
  readonly __children = new Set<ChildComponent & { __attachTree(): void; __detachTree(): void }>();
  __attached = false;

  __child(tag: string): ((host: HTMLElement) => ChildComponent) | null {
    const mod = this.__using[tag];
    if (!mod) return null;
    return this.__childFactory(mod);
  }

  /** A factory for a component of this instance that its template does not name (custom tab bar). */
  __childFactory(mod: UnitModuleLike): (host: HTMLElement) => ChildComponent {
    return (host) => createComponent!(mod, host, this);
  }

  /** Pages keep their classes as written; `~x` and `^x` mean the page's own `x` here. */
  __mapClass(value: string): string {
    return value.indexOf('~') < 0 && value.indexOf('^') < 0 ? value : value.replace(/(^|\s)[~^]+/g, '$1');
  }

  /** wx.createSelectorQuery() scoped to this page or component. */
  createSelectorQuery(): SelectorQuery {
    return new SelectorQuery(this);
  }

  /** Keyframe animation of elements of this template (Web Animations); the end state stays. */
  animate(selector: string, keyframes: Record<string, unknown>[], duration: number, callback?: () => void): void {
    const root = elementOf(this);
    // Loaded on first use: most programs never animate this way.
    void import('./animate.js').then((m) => m.animateIn(root ? { root, owner: this } : null, selector, keyframes, duration, callback));
  }

  /** Ends what animate() left (all properties, or those `options` names). */
  clearAnimation(selector: string, options?: Record<string, boolean> | (() => void), callback?: () => void): void {
    const root = elementOf(this);
    void import('./animate.js').then((m) => m.clearAnimationIn(root ? { root, owner: this } : null, selector, options, callback));
  }

  /** wx.createIntersectionObserver scoped to this page or component. */
  createIntersectionObserver(options?: Record<string, unknown>): WxIntersectionObserver {
    return new WxIntersectionObserver(this, options, elementOf);
  }

  /** The method a template's `bindtap="name"` calls. */
  __method(name: string): ((...args: unknown[]) => unknown) | undefined {
    const fn = (this as any)[name];
    return typeof fn === 'function' ? fn : undefined;
  }
}

/** What a compiled page/component module provides (runtime/core/unit.ts defines it fully). */
export interface UnitModuleLike {
  path: string;
}

type ComponentFactory = (mod: UnitModuleLike, host: HTMLElement, parent: Instance) => ChildComponent;
let createComponent: ComponentFactory | null = null;

/** Set by core/component.ts (which depends on this file, not the other way round). */
export function setComponentFactory(factory: ComponentFactory): void {
  createComponent = factory;
}

export function initialData(source: unknown): Record<string, any> {
  const data = cloneData(source ?? {});
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, any>) : {};
}

