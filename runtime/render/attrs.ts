import { convertRpxInStyle } from '../shell/rpx.js';
import { builtinFor } from '../components/registry.js';

/** Per-element data the runtime keeps beside the DOM: dataset, marks, event bindings. */
export interface WxNodeData {
  dataset: Record<string, unknown>;
  mark?: Record<string, unknown>;
  /** Event bindings: [event, flags, handler] plus how to evaluate a bound handler. */
  on?: import('../../common/template.js').EventBinding[];
  scope?: { ts: import('./view.js').TemplateScope; s: unknown };
  /** Styles and classes set by wxs (ComponentDescriptor), kept over the template's own. */
  wxs?: WxsOverrides;
}

export interface WxsOverrides {
  style: string;
  cls: string[];
  baseStyle: string;
  baseClass: string;
}

const WX = Symbol.for('wx2tg.node');
/** The page or component whose template created an element. */
export const OWNER = Symbol.for('wx2tg.owner');
/** On a custom component's host element: the component instance. */
export const COMPONENT = Symbol.for('wx2tg.component');

/** On an element with `model:` bindings: writes a changed value back to the owner's data. */
export const MODEL = Symbol.for('wx2tg.model');
/** On built-in form controls: how <form> reads, and resets, their value. */
export const FORM_FIELD = Symbol.for('wx2tg.formField');
/** On elements with an activation behaviour (button form-type, navigator): run after a tap. */
export const ACTIVATE = Symbol.for('wx2tg.activate');

export interface FormField {
  name(): string;
  value(): unknown;
  reset(): void;
}

/** Tells the owner's `model:` binding for `attr` (if any) that the control now holds `value`. */
export function modelChanged(el: Element, attr: string, value: unknown): void {
  const fn = (el as any)[MODEL] as ((attr: string, value: unknown) => void) | undefined;
  fn?.(attr, value);
}

export function ownerOf(el: Element): unknown {
  for (let n: Element | null = el; n; n = n.parentElement) {
    const o = (n as any)[OWNER];
    if (o) return o;
  }
  return undefined;
}

export function nodeData(el: Element): WxNodeData {
  let data = (el as any)[WX] as WxNodeData | undefined;
  if (!data) {
    data = { dataset: {} };
    (el as any)[WX] = data;
  }
  return data;
}

export function peekNodeData(el: Element): WxNodeData | undefined {
  return (el as any)[WX] as WxNodeData | undefined;
}

/** `data-foo-bar` → `fooBar`; `data-fooBar` → `foobar` (WeChat lowercases, then camelCases). */
export function datasetKey(attr: string): string {
  return attr
    .slice(5)
    .toLowerCase()
    .replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Applies one attribute value to an element. Values of class and style are strings; id, hidden,
 * data-* and mark:* are handled here for every tag; the rest goes to the built-in component
 * (or is reflected as a DOM attribute for tags without special behaviour).
 */
export function applyAttribute(el: HTMLElement, tag: string, name: string, value: unknown): void {
  switch (name) {
    case 'class': {
      const v = value == null ? '' : String(value);
      const wxs = peekNodeData(el)?.wxs;
      if (wxs) {
        wxs.baseClass = v;
        el.className = wxs.cls.length ? `${v} ${wxs.cls.join(' ')}` : v;
      } else el.className = v;
      return;
    }
    case 'style': {
      const v = value == null ? '' : convertRpxInStyle(String(value));
      const wxs = peekNodeData(el)?.wxs;
      if (wxs) {
        wxs.baseStyle = v;
        el.style.cssText = wxs.style ? `${v};${wxs.style}` : v;
      } else el.style.cssText = v;
      return;
    }
    case 'id':
      if (value == null || value === '') el.removeAttribute('id');
      else el.id = String(value);
      return;
    case 'hidden':
      el.hidden = !!value;
      return;
    case 'animation':
      // wx.createAnimation().export(): its steps run as transitions (code loaded on first use).
      if (value && typeof value === 'object') void import('./animationAttr.js').then((m) => m.runAnimation(el, value));
      return;
  }
  if (name.startsWith('data-')) {
    nodeData(el).dataset[datasetKey(name)] = value;
    return;
  }
  if (name.startsWith('mark:')) {
    const data = nodeData(el);
    (data.mark ??= {})[name.slice(5)] = value;
    return;
  }
  const builtin = builtinFor(tag);
  if (builtin && builtin.set(el, name, value)) return;
  // Data never becomes an event handler (onclick="{{x}}" would run it as script).
  if (/^on/i.test(name)) return;
  if (value === false || value == null) el.removeAttribute(name);
  else if (typeof value !== 'object') el.setAttribute(name, value === true ? '' : String(value));
}
