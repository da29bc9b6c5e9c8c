/**
 * What a selector query does once it runs (selectorQuery.ts builds the query; this module is
 * loaded on its first exec): find the elements of a scope's own template, and describe them.
 * Selectors take #id, .class, descendant, `>`, `>>>` and `,`; classes are matched through the
 * scope's style scoping, and only elements of the scope's own template (and content it slots into
 * child components) match, as in WeChat.
 */
import { OWNER, peekNodeData } from '../render/attrs.js';
import { flushAll } from '../core/scheduler.js';
import type { Instance } from '../core/instance.js';
import type { FieldsSpec, Request, Scope } from './selectorQuery.js';

function mapSelector(selector: string, owner: Instance | null): string {
  const s = selector.replace(/>>>/g, ' ');
  if (!owner) return s;
  return s.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, c: string) => '.' + (owner.__mapClass(c).split(' ')[0] || c));
}

/** Elements under `scope.root` of the scope owner's own template (all templates across `>>>`). */
export function find(scope: Scope, selector: string, all: boolean): Element[] {
  const crossing = selector.includes('>>>');
  let list: Element[];
  try {
    list = [...scope.root.querySelectorAll(mapSelector(selector, scope.owner))];
  } catch {
    return [];
  }
  if (!crossing && scope.owner) list = list.filter((el) => (el as any)[OWNER] === scope.owner);
  return all ? list : list.slice(0, 1);
}

export function describe(el: Element | null, f: FieldsSpec): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (el === null) {
    // The viewport.
    if (f.id) out.id = '';
    if (f.dataset) out.dataset = {};
    if (f.rect) Object.assign(out, { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight });
    if (f.size) Object.assign(out, { width: window.innerWidth, height: window.innerHeight });
    if (f.scrollOffset) {
      const d = document.documentElement;
      Object.assign(out, { scrollLeft: window.scrollX, scrollTop: window.scrollY, scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight });
    }
    return out;
  }
  const data = peekNodeData(el);
  if (f.id) out.id = el.id || '';
  if (f.dataset) out.dataset = { ...(data?.dataset ?? {}) };
  if (f.mark) out.mark = { ...(data?.mark ?? {}) };
  if (f.rect || f.size) {
    const r = el.getBoundingClientRect();
    if (f.rect) Object.assign(out, { left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    if (f.size) Object.assign(out, { width: r.width, height: r.height });
  }
  if (f.scrollOffset) {
    const target = (el.querySelector('.wx-scroll-view__content') as Element | null) ?? el;
    Object.assign(out, { scrollLeft: target.scrollLeft, scrollTop: target.scrollTop, scrollWidth: target.scrollWidth, scrollHeight: target.scrollHeight });
  }
  if (f.properties) {
    const comp = (el as any)[Symbol.for('wx2tg.component')] as { data?: Record<string, unknown> } | undefined;
    for (const p of f.properties) out[p] = comp?.data ? comp.data[p] : ((el as any)[p] ?? el.getAttribute(p));
  }
  if (f.computedStyle) {
    const cs = getComputedStyle(el);
    for (const p of f.computedStyle) out[p] = cs.getPropertyValue(p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
  }
  if (f.node) out.node = (el.querySelector('canvas') as Element | null) ?? el;
  if (f.context) {
    // video, audio, canvas and map elements keep the controller their wx.createXxxContext calls.
    const media = (el as any)[Symbol.for('wx2tg.media')] as Record<string, unknown> | undefined;
    out.context = media ? Object.fromEntries(Object.entries(media).filter(([, v]) => typeof v === 'function')) : {};
  }
  return out;
}

/** Runs the requests after pending renders reached the DOM; results come in request order. */
export function runQuery(scopeOf: () => Scope | null, requests: readonly Request[]): unknown[] {
  flushAll();
  const scope = scopeOf();
  return requests.map((r) => {
    let res: unknown;
    if (r.selector === null) res = describe(null, r.fields);
    else if (!scope) res = r.all ? [] : null;
    else {
      const els = find(scope, r.selector, r.all);
      res = r.all ? els.map((el) => describe(el, r.fields)) : els[0] ? describe(els[0], r.fields) : null;
    }
    r.cb?.(res);
    return res;
  });
}
