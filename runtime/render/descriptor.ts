/**
 * WXS event responses: the ComponentDescriptor a wxs handler (`bindtouchmove="{{m.move}}"`) and a
 * wxs property observer (`change:prop="{{m.obs}}"`) receive. WeChat runs these in the view layer to
 * avoid a round trip per touchmove; here everything is one thread, so a descriptor simply wraps an
 * element: its styles and classes set by wxs win over the template's, survive template updates
 * (applyAttribute merges them back in), and class names go through the owner's style scoping.
 */
import { convertRpxInStyle } from '../shell/rpx.js';
import { find } from '../api/queryEngine.js';
import { COMPONENT, nodeData, OWNER, peekNodeData, type WxsOverrides } from './attrs.js';
import { dispatchWxEvent } from './events.js';
import type { Instance } from '../core/instance.js';

interface DescribedInstance {
  __label: string;
  __mapClass(value: string): string;
  __method(name: string): ((...args: unknown[]) => unknown) | undefined;
  __try<T>(fn: () => T, where: string): T | undefined;
  triggerEvent?(name: string, detail?: unknown, options?: unknown): void;
}

const PAGE_TAG = 'WX-PAGE';
/** On a page's root element: the page (so that its descriptor can call the page's methods). */
const PAGE = Symbol('wx2tg.descriptorPage');
const cache = new WeakMap<Element, ComponentDescriptor>();

/** `ownerInstance` of a wxs call: the descriptor of the page or component whose template has the element. */
export function ownerDescriptor(owner: unknown): ComponentDescriptor | null {
  const o = owner as { __host?: Element; __el?: Element | null } | undefined;
  const el = o?.__host ?? o?.__el ?? null;
  if (!el) return null;
  if (!o!.__host) (el as any)[PAGE] = owner;
  return descriptorOf(el);
}

/** The descriptor of an element (one per element, so getState() keeps its object). */
export function descriptorOf(el: Element): ComponentDescriptor {
  let d = cache.get(el);
  if (!d) cache.set(el, (d = new ComponentDescriptor(el)));
  return d;
}

const kebab = (k: string): string => (k.startsWith('--') ? k : k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));

function overrides(el: Element): WxsOverrides {
  const data = nodeData(el);
  return (data.wxs ??= { style: '', cls: [], baseStyle: (el as HTMLElement).style?.cssText ?? '', baseClass: el.getAttribute('class') ?? '' });
}

export class ComponentDescriptor {
  private state: Record<string, unknown> | undefined;
  constructor(private readonly el: Element) {}

  /** The page or component a method call or a selector on this descriptor refers to. */
  private instance(): DescribedInstance | undefined {
    const el = this.el as any;
    return (el[COMPONENT] ?? el[PAGE] ?? el[OWNER]) as DescribedInstance | undefined;
  }

  selectComponent(selector: string): ComponentDescriptor | null {
    return this.selectAllComponents(selector)[0] ?? null;
  }

  selectAllComponents(selector: string): ComponentDescriptor[] {
    // Inside a component host: that component's template; otherwise the element's own template.
    const owner = this.instance() as unknown as Instance | undefined;
    if (!owner) return [];
    return find({ root: this.el, owner }, String(selector), true).map(descriptorOf);
  }

  setStyle(style: Record<string, unknown> | string): ComponentDescriptor {
    if (this.el.tagName === PAGE_TAG) {
      console.warn('[wx2tg] wxs setStyle: the style of a page itself cannot be set (as in WeChat)');
      return this;
    }
    const text =
      typeof style === 'string'
        ? style
        : Object.entries(style ?? {})
            .map(([k, v]) => `${kebab(k)}:${v}`)
            .join(';');
    const o = overrides(this.el);
    o.style = convertRpxInStyle(text);
    (this.el as HTMLElement).style.cssText = o.baseStyle + ';' + o.style;
    return this;
  }

  private mapClass(name: string): string[] {
    const owner = (this.el as any)[OWNER] as DescribedInstance | undefined;
    const mapped = owner ? owner.__mapClass(String(name)) : String(name);
    return mapped.split(/\s+/).filter(Boolean);
  }

  private writeClasses(o: WxsOverrides): void {
    this.el.setAttribute('class', [o.baseClass, ...o.cls].filter(Boolean).join(' '));
  }

  addClass(name: string): ComponentDescriptor {
    const o = overrides(this.el);
    for (const c of this.mapClass(name)) if (!o.cls.includes(c)) o.cls.push(c);
    this.writeClasses(o);
    return this;
  }

  removeClass(name: string): ComponentDescriptor {
    const o = overrides(this.el);
    const drop = new Set(this.mapClass(name));
    o.cls = o.cls.filter((c) => !drop.has(c));
    // A class the template itself set can be removed too, until the template sets it again.
    o.baseClass = o.baseClass
      .split(/\s+/)
      .filter((c) => c && !drop.has(c))
      .join(' ');
    this.writeClasses(o);
    return this;
  }

  hasClass(name: string): boolean {
    return this.mapClass(name).every((c) => this.el.classList.contains(c));
  }

  getDataset(): Record<string, unknown> {
    return { ...(peekNodeData(this.el)?.dataset ?? {}) };
  }

  /** Calls a method of the page or component this descriptor stands for (or that owns the element). */
  callMethod(name: string, args?: unknown): unknown {
    const inst = this.instance();
    if (!inst) return undefined;
    const fn = inst.__method(String(name));
    if (!fn) {
      console.warn(`[wx2tg] ${inst.__label}: wxs callMethod("${name}"): no such method`);
      return undefined;
    }
    return inst.__try(() => fn.call(inst, args), `${name} (wxs callMethod)`);
  }

  triggerEvent(name: string, detail?: unknown): void {
    const comp = (this.el as any)[COMPONENT] as DescribedInstance | undefined;
    if (comp?.triggerEvent) comp.triggerEvent(name, detail);
    else dispatchWxEvent(this.el, name, detail === undefined ? {} : detail);
  }

  getState(): Record<string, unknown> {
    return (this.state ??= {});
  }

  requestAnimationFrame(fn: FrameRequestCallback): number {
    if (typeof fn !== 'function') return 0;
    return requestAnimationFrame(fn);
  }

  setTimeout(fn: () => void, ms?: number): number {
    // Only a function: a string would be run as code.
    if (typeof fn !== 'function') return 0;
    return setTimeout(fn, ms) as unknown as number;
  }

  clearTimeout(id: number): void {
    clearTimeout(id);
  }

  getComputedStyle(names: string[]): Record<string, string> {
    const cs = getComputedStyle(this.el);
    const out: Record<string, string> = {};
    for (const n of names ?? []) out[n] = cs.getPropertyValue(kebab(n));
    return out;
  }

  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; width: number; height: number; x: number; y: number } {
    const r = this.el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height, x: r.x, y: r.y };
  }
}
