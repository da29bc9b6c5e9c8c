import { getAttr, type WxmlElement } from './ast.js';
import { exprOf, type WxmlContext } from './context.js';
import { splitInterpolation } from './interpolation.js';

export type IfRole = 'if' | 'elif' | 'else' | null;

/** Which part of a wx:if chain an element is (the legacy `wx-if` spelling included). */
export function ifRole(el: WxmlElement): IfRole {
  if (getAttr(el, 'wx:if') ?? getAttr(el, 'wx-if')) return 'if';
  if (getAttr(el, 'wx:elif') ?? getAttr(el, 'wx-elif')) return 'elif';
  if (getAttr(el, 'wx:else') ?? getAttr(el, 'wx-else')) return 'else';
  return null;
}

/** The condition of a wx:if / wx:elif branch as `[fn, deps]`, or null when it does not compile. */
export function ifCondition(ctx: WxmlContext, el: WxmlElement, role: 'if' | 'elif'): [string, (string | number)[][]] | null {
  const attr = getAttr(el, `wx:${role}`) ?? getAttr(el, `wx-${role}`)!;
  const value = attr.value ?? '';
  const parts = splitInterpolation(value, attr.valueStart);
  if (parts.length === 1 && parts[0]!.kind === 'expr') {
    const e = exprOf(ctx, parts[0]!.code, parts[0]!.offset);
    return e ? [`(d,s,w)=>${e.code}`, e.deps] : null;
  }
  // `wx:if="false"` without braces is a non-empty string, hence true, as in WeChat.
  return [`()=>${JSON.stringify(value.length > 0)}`, []];
}

export const IF_ATTRS = new Set(['wx:if', 'wx:elif', 'wx:else', 'wx-if', 'wx-elif', 'wx-else']);
