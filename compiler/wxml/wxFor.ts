import { getAttr, type WxmlElement } from './ast.js';
import { exprOf, type WxmlContext } from './context.js';
import { splitInterpolation } from './interpolation.js';

export const FOR_ATTRS = new Set(['wx:for', 'wx:for-items', 'wx:for-item', 'wx:for-index', 'wx:key', 'wx-for']);

export interface ForInfo {
  fn: string;
  deps: (string | number)[][];
  /** The list's data path when the list expression is exactly a path. */
  path: (string | number)[] | null;
  item: string;
  index: string;
  key: string | null;
}

export function hasFor(el: WxmlElement): boolean {
  return !!(getAttr(el, 'wx:for') ?? getAttr(el, 'wx:for-items') ?? getAttr(el, 'wx-for'));
}

/**
 * Reads wx:for and its companions. The list is compiled in the enclosing scope (before the loop
 * variables exist). `wx:for="a,b"` without braces iterates the characters of the string, as WeChat does.
 */
export function forInfo(ctx: WxmlContext, el: WxmlElement): ForInfo | null {
  const attr = (getAttr(el, 'wx:for') ?? getAttr(el, 'wx:for-items') ?? getAttr(el, 'wx-for'))!;
  const value = attr.value ?? '';
  const item = getAttr(el, 'wx:for-item')?.value || 'item';
  const index = getAttr(el, 'wx:for-index')?.value || 'index';
  const keyAttr = getAttr(el, 'wx:key');
  let key: string | null = keyAttr?.value ? keyAttr.value.trim() : null;
  if (key && /^\{\{\s*\*this\s*\}\}$/.test(key)) key = '*this';
  if (!keyAttr) ctx.report('WX2009', [], attr.start, attr.end);
  const parts = splitInterpolation(value, attr.valueStart);
  if (parts.length === 1 && parts[0]!.kind === 'expr') {
    const e = exprOf(ctx, parts[0]!.code, parts[0]!.offset);
    if (!e) return null;
    const simple = e.deps.length === 1 && isPlainPath(e.code) ? e.deps[0]! : null;
    return { fn: `(d,s,w)=>${e.code}`, deps: e.deps, path: simple, item, index, key };
  }
  return { fn: `()=>${JSON.stringify(value)}`, deps: [], path: null, item, index, key };
}

/** True for code like `d.list`, `s.item?.children`, `d["a-b"]?.c` (a path with nothing else). */
function isPlainPath(code: string): boolean {
  return /^[ds](\??\.[A-Za-z_$][\w$]*|\??\.?\[("[^"]*"|\d+)\]|\?\.\[("[^"]*"|\d+)\])*$/.test(code);
}
