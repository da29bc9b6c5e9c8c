/**
 * wx.createIntersectionObserver(component, options) on the browser's IntersectionObserver:
 * relativeTo(selector, margins) / relativeToViewport(margins), observe(selector, callback) with
 * WeChat's result shape, disconnect(). `thresholds`, `initialRatio` and `observeAll` as documented.
 */
import type { Instance } from '../core/instance.js';

export interface Margins {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
}

export interface Options {
  thresholds?: number[];
  initialRatio?: number;
  observeAll?: boolean;
}

export class WxIntersectionObserver {
  /** Read by intersectionWatch.ts. */
  root: Element | null = null;
  margins: Margins = {};
  observers: IntersectionObserver[] = [];
  readonly options: Options;
  private generation = 0;
  constructor(
    private readonly scope: Instance | undefined,
    options: Options = {},
    private readonly findScopeRoot: (inst: Instance | undefined) => Element | null,
  ) {
    this.options = options;
  }
  relativeTo(selector: string, margins: Margins = {}): this {
    this.root = this.findScopeRoot(this.scope)?.querySelector(selector) ?? null;
    this.margins = margins;
    return this;
  }
  relativeToViewport(margins: Margins = {}): this {
    this.root = null;
    this.margins = margins;
    return this;
  }
  observe(selector: string, callback: (res: Record<string, unknown>) => void): void {
    const scopeRoot = this.findScopeRoot(this.scope);
    const generation = this.generation;
    const watching = import('./intersectionWatch.js');
    requestAnimationFrame(() => {
      // A disconnect() before the observer started cancels it.
      void watching.then((m) => generation === this.generation && m.watch(this, scopeRoot, selector, callback));
    });
  }
  disconnect(): void {
    this.generation++;
    for (const o of this.observers) o.disconnect();
    this.observers = [];
  }
}
