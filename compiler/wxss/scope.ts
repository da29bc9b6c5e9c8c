import type { Plugin, Rule } from 'postcss';

/**
 * Style scoping, as WeChat scopes styles:
 *  - app.wxss is global;
 *  - a page's wxss applies to that page only: every selector is placed under
 *    `wx-page[data-route="…"]` (a `page` selector becomes that element itself);
 *  - a component's wxss applies to its own template: class selectors get the component's
 *    prefix (`.a` → `.c1ab2--a`), matching the classes the runtime gives its elements, and
 *    `:host` becomes the host element's marker class.
 */
export type StyleScope = { kind: 'app' } | { kind: 'page'; route: string } | { kind: 'component'; prefix: string };

function splitSelectors(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(selector.slice(start).trim());
  return out.filter(Boolean);
}

function insideKeyframes(rule: Rule): boolean {
  for (let p: { type: string; parent?: unknown } | undefined = rule.parent; p; p = p.parent as typeof p) {
    if (p.type === 'atrule' && /keyframes$/i.test((p as unknown as { name: string }).name)) return true;
  }
  return false;
}

export function scopePageSelector(selector: string, route: string): string {
  const attr = `[data-route=${JSON.stringify(route)}]`;
  if (/^(:root|html|body)\b/.test(selector)) return selector;
  if (/^wx-page(?![\w-])/.test(selector)) return selector.replace(/^wx-page/, `wx-page${attr}`);
  return `wx-page${attr} ${selector}`;
}

const CLASS = /\.(-?[_a-zA-Z\u00a0-\uffff][\w\u00a0-\uffff-]*)/g;

export function scopeComponentSelector(selector: string, prefix: string): string {
  const hosted = selector.replace(/:host\b(\(([^)]*)\))?/g, (_, __, inner: string | undefined) => `.${prefix}-host${inner ?? ''}`);
  // For each position: is the last bracket before it a `[` (inside an attribute selector)?
  // Computed in one pass; rescanning the text before every class was quadratic.
  const inAttr = new Uint8Array(hosted.length + 1);
  let open = 0;
  for (let i = 0; i < hosted.length; i++) {
    inAttr[i] = open;
    const c = hosted.charCodeAt(i);
    if (c === 91 /* [ */) open = 1;
    else if (c === 93 /* ] */) open = 0;
  }
  return hosted.replace(CLASS, (m, name: string, offset: number) => {
    // Leave `.5` in attribute values and classes that are already our host marker alone.
    if (inAttr[offset]) return m;
    if (name === `${prefix}-host`) return m;
    return `.${prefix}--${name}`;
  });
}

// One pass over the finished tree (a Rule visitor would run again on every rule it changed).
export const scopePlugin = (scope: StyleScope): Plugin => ({
  postcssPlugin: 'wx2tg:scope',
  OnceExit(root) {
    if (scope.kind === 'app') return;
    root.walkRules((rule) => {
      if (insideKeyframes(rule)) return;
      const parts = splitSelectors(rule.selector);
      rule.selector = parts.map((s) => (scope.kind === 'page' ? scopePageSelector(s, scope.route) : scopeComponentSelector(s, scope.prefix))).join(', ');
    });
  },
});

/** A short, stable class prefix for a component path (FNV-1a, base 36). */
export function componentPrefix(componentPath: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < componentPath.length; i++) {
    h ^= componentPath.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 'c' + h.toString(36);
}
