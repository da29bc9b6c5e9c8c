import type { WxmlAttribute } from './ast.js';
import { exprOf, type WxmlContext } from './context.js';
import { splitInterpolation } from './interpolation.js';

/**
 * `model:value="{{form.name}}"`: binds `value` like `value="{{form.name}}"` and, when the control
 * (or a custom component's property) changes, writes the new value back with
 * `setData({'form.name': v})`. Only a data path can be written back, as in WeChat.
 */
export function modelBinding(ctx: WxmlContext, attr: WxmlAttribute): { name: string; fn: string; deps: (string | number)[][]; key: string } | null {
  const name = attr.name.slice('model:'.length);
  const parts = splitInterpolation(attr.value ?? '', attr.valueStart);
  const only = parts.length === 1 && parts[0]!.kind === 'expr' ? parts[0]! : null;
  const path = only ? /^\s*([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*\d+\s*\])*)\s*$/.exec(only.code) : null;
  if (!only || !path || !name) {
    ctx.report('WX2013', [attr.name], attr.start, attr.end);
    return null;
  }
  const root = path[1]!.split(/[.[]/)[0]!.trim();
  if (ctx.locals.includes(root)) {
    ctx.report('WX2013', [attr.name], attr.start, attr.end);
    return null;
  }
  const e = exprOf(ctx, only.code, only.offset);
  if (!e) return null;
  return { name, fn: `(d,s,w)=>${e.code}`, deps: e.deps, key: path[1]!.replace(/\s+/g, '') };
}
