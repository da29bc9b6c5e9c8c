import { parseEventAttribute } from '../../common/events.js';
import type { WxmlAttribute } from './ast.js';
import { exprOf, type WxmlContext } from './context.js';
import { splitInterpolation } from './interpolation.js';

/**
 * `bindtap="onTap"` → `["tap",0,"onTap"]`; `bind:tap="{{handler}}"` → the handler name (or wxs
 * function) is evaluated at dispatch time. Returns null when the attribute is not an event.
 */
export function eventBinding(ctx: WxmlContext, attr: WxmlAttribute): string | null {
  const parsed = parseEventAttribute(attr.name);
  if (!parsed) return null;
  const value = (attr.value ?? '').trim();
  const parts = splitInterpolation(value, attr.valueStart);
  if (parts.length === 1 && parts[0]!.kind === 'expr') {
    const e = exprOf(ctx, parts[0]!.code, parts[0]!.offset);
    if (!e) return 'null';
    return `[${JSON.stringify(parsed.event)},${parsed.flags},(d,s,w)=>${e.code}]`;
  }
  return `[${JSON.stringify(parsed.event)},${parsed.flags},${JSON.stringify(value)}]`;
}
