/**
 * Calls the handler an event binding names: a method of the page/component whose template holds
 * the element, or the function a bound expression yields (a wxs handler). Errors are reported
 * with the page or component named; the handler's return value is passed back (bindinput).
 */
import type { Instance } from '../core/instance.js';
import type { WxNodeData } from './attrs.js';
import { STOP_EVENT, type WxEvent } from './events.js';
import { loadWxsHooks, wxsHooks } from './wxsHooks.js';

export function invokeHandler(data: WxNodeData, handler: string | ((...a: any[]) => unknown), event: WxEvent, el?: Element): unknown {
  const scope = data.scope;
  if (!scope) return undefined;
  const owner = scope.ts.owner as unknown as Instance;
  let fn: unknown = handler;
  if (typeof handler === 'function') {
    try {
      fn = handler(scope.ts.d, scope.s, scope.ts.w);
    } catch (err) {
      owner.__error(err, 'event handler expression');
      return undefined;
    }
  }
  if (typeof fn === 'string') {
    if (!fn) return undefined;
    const method = owner.__method(fn);
    if (!method) {
      console.warn(`[wx2tg] ${owner.__label}: no method "${fn}" for the ${event.type} event`);
      return undefined;
    }
    return owner.__try(() => method.call(owner, event), `${fn} (${event.type} handler)`);
  } else if (typeof fn === 'function') {
    // A wxs function (data never holds functions): fn(event, ownerInstance), with event.instance
    // the element that bound it; `return false` stops the event as catch does.
    const call = (hooks: NonNullable<ReturnType<typeof wxsHooks>>): unknown => {
      const wxsEvent = el ? { ...event, instance: hooks.descriptorOf(el) } : event;
      return owner.__try(() => (fn as (e: unknown, o: unknown) => unknown)(wxsEvent, hooks.ownerDescriptor(owner)), `${event.type} wxs handler`);
    };
    const hooks = wxsHooks();
    if (!hooks) {
      // Not loaded yet (a touch in the first moments): run it once it is.
      void loadWxsHooks().then(call);
      return undefined;
    }
    const result = call(hooks);
    return result === false ? STOP_EVENT : result;
  }
  return undefined;
}
