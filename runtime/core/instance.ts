import type { TemplateModule } from '../../common/template.js';
import { addChange, type ChangeSet } from '../render/changes.js';
import { View, type ChildComponent, type Owner } from '../render/view.js';
import { reportError } from './errors.js';
import { cloneData, parsePath, setPath } from './path.js';
import { scheduleFlush } from './scheduler.js';

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
    for (const key of Object.keys(patch)) {
      const path = parsePath(key);
      if (!path) {
        reportError(new Error(`invalid data path "${key}"`), `${this.__label} setData`);
        continue;
      }
      setPath(this.data, path, cloneData(patch[key]));
      addChange(cs, path);
    }
    if (typeof callback === 'function') this.__callbacks.push(callback);
    if (!this.__queued) {
      this.__queued = true;
      scheduleFlush(this);
    }
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

  __child(_tag: string): ((host: HTMLElement) => ChildComponent) | null {
    return null;
  }

  /** The method a template's `bindtap="name"` calls. */
  __method(name: string): ((...args: unknown[]) => unknown) | undefined {
    const fn = (this as any)[name];
    return typeof fn === 'function' ? fn : undefined;
  }
}

export function initialData(source: unknown): Record<string, any> {
  const data = cloneData(source ?? {});
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, any>) : {};
}

export { setPath };
