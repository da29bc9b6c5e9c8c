/**
 * wx.createIntersectionObserver(component, options) on the browser's IntersectionObserver:
 * relativeTo(selector, margins) / relativeToViewport(margins), observe(selector, callback) with
 * WeChat's result shape, disconnect(). `thresholds`, `initialRatio` and `observeAll` as documented.
 */
import { peekNodeData } from '../render/attrs.js';
import type { Instance } from '../core/instance.js';

interface Margins {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
}

interface Options {
  thresholds?: number[];
  initialRatio?: number;
  observeAll?: boolean;
}

const rect = (r: DOMRectReadOnly) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height });

export class WxIntersectionObserver {
  private root: Element | null = null;
  private margins: Margins = {};
  private observers: IntersectionObserver[] = [];
  private readonly options: Options;
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
    requestAnimationFrame(() => {
      const targets = scopeRoot ? [...scopeRoot.querySelectorAll(selector)] : [];
      const list = this.options.observeAll ? targets : targets.slice(0, 1);
      if (!list.length) {
        console.warn(`[wx2tg] createIntersectionObserver: no node matches "${selector}"`);
        return;
      }
      const m = this.margins;
      const io = new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            const ratio = e.intersectionRatio;
            // The first report is only made when the ratio differs from initialRatio (default 0).
            if ((e.target as any).__wxSeen !== true) {
              (e.target as any).__wxSeen = true;
              if (ratio === (this.options.initialRatio ?? 0)) continue;
            }
            const data = peekNodeData(e.target);
            callback({
              id: e.target.id || '',
              dataset: { ...(data?.dataset ?? {}) },
              intersectionRatio: ratio,
              intersectionRect: rect(e.intersectionRect),
              boundingClientRect: rect(e.boundingClientRect),
              relativeRect: e.rootBounds ? rect(e.rootBounds) : { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight, width: window.innerWidth, height: window.innerHeight },
              time: Math.round(e.time),
            });
          }
        },
        {
          root: this.root,
          rootMargin: `${m.top ?? 0}px ${m.right ?? 0}px ${m.bottom ?? 0}px ${m.left ?? 0}px`,
          threshold: this.options.thresholds ?? [0],
        },
      );
      for (const t of list) io.observe(t);
      this.observers.push(io);
    });
  }
  disconnect(): void {
    for (const o of this.observers) o.disconnect();
    this.observers = [];
  }
}
