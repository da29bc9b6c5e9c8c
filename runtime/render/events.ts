/**
 * WeChat's event system on the DOM: tap/longpress synthesised from pointer input (mouse on
 * Telegram Desktop, touch on phones), and dispatch through the capture and bubble phases with
 * bind / catch / mut-bind / capture-bind / capture-catch semantics.
 */
import { BUBBLING_EVENTS, EventFlags } from '../../common/events.js';
import type { EventBinding } from '../../common/template.js';
import { ACTIVATE, OWNER, ownerOf, peekNodeData, type WxNodeData } from './attrs.js';

/** WeChat's tap tolerance: a press that moves further than this is not a tap. */
export const TAP_MOVE_THRESHOLD = 10;
/** A press held this long is a longpress (WeChat fires it at 350 ms). */
export const LONGPRESS_DELAY = 350;

export interface WxTouch {
  identifier: number;
  pageX: number;
  pageY: number;
  clientX: number;
  clientY: number;
}

export interface WxEventTarget {
  id: string;
  dataset: Record<string, unknown>;
  offsetLeft: number;
  offsetTop: number;
}

export interface WxEvent {
  type: string;
  timeStamp: number;
  target: WxEventTarget;
  currentTarget: WxEventTarget;
  detail: unknown;
  mark: Record<string, unknown>;
  touches?: WxTouch[];
  changedTouches?: WxTouch[];
  [extra: string]: unknown;
}

export interface DispatchOptions {
  bubbles?: boolean;
  composed?: boolean;
  capturePhase?: boolean;
  touches?: WxTouch[];
  changedTouches?: WxTouch[];
  /** Receives each handler's return value (bindinput may return the input's new value). */
  onResult?: (value: unknown) => void;
}

/** Resolves and calls a handler on the owner of the node that bound it. */
export type HandlerInvoker = (data: WxNodeData, handler: string | ((...a: any[]) => unknown), event: WxEvent, el: Element) => unknown;

/** Returned by a handler to stop the event (a wxs handler that returned false). */
export const STOP_EVENT = Symbol.for('wx2tg.stopEvent');

let invoke: HandlerInvoker = () => {};

export function setHandlerInvoker(fn: HandlerInvoker): void {
  invoke = fn;
}

function describe(el: Element): WxEventTarget {
  const data = peekNodeData(el);
  const h = el as HTMLElement;
  return { id: el.id || '', dataset: { ...(data?.dataset ?? {}) }, offsetLeft: h.offsetLeft ?? 0, offsetTop: h.offsetTop ?? 0 };
}

function collectMarks(path: Element[]): Record<string, unknown> {
  const mark: Record<string, unknown> = {};
  // Outer nodes first so that marks nearer the target win.
  for (let i = path.length - 1; i >= 0; i--) {
    const m = peekNodeData(path[i]!)?.mark;
    if (m) Object.assign(mark, m);
  }
  return mark;
}

function listenersOf(el: Element, type: string): EventBinding[] | null {
  const on = peekNodeData(el)?.on;
  if (!on) return null;
  let out: EventBinding[] | null = null;
  for (const b of on) if (b[0] === type) (out ??= []).push(b);
  return out;
}

/**
 * Dispatches a WeChat event at `target`. Returns true when at least one handler ran.
 *
 * The path is the element's ancestors up to its page. Each element belongs to the template of one
 * page or component (its owner). A listener sees `target` retargeted into its own template: the
 * first element of the path that its owner created (for an event from inside a component, that
 * is the component's host). An event that is not `composed` reaches only elements of the
 * template the target belongs to. Capture listeners run root → target (when the event has a
 * capture phase), then bind/catch target → root (only the target when the event does not
 * bubble). `catch` stops the event; a fired `mut-bind` silences later mut-binds.
 */
export function dispatchWxEvent(target: Element, type: string, detail: unknown, options: DispatchOptions = {}): boolean {
  // Most pointer moves have no touchmove listener anywhere: leave before building an event.
  let listened = false;
  for (let n: Element | null = target; n && !listened; n = n.parentElement) listened = listenersOf(n, type) !== null;
  if (!listened) return false;
  const bubbles = options.bubbles ?? BUBBLING_EVENTS.has(type);
  const composed = options.composed ?? true;
  const capture = options.capturePhase ?? true;
  const path: Element[] = [];
  const owners: unknown[] = [];
  let owner: unknown = ownerOf(target);
  const originOwner = owner;
  for (let n: Element | null = target; n; n = n.parentElement) {
    const own = (n as any)[OWNER];
    if (own) owner = own;
    if (!composed && owner !== originOwner) {
      if (n.tagName === 'WX-PAGE') break;
      continue;
    }
    path.push(n);
    owners.push(owner);
    if (n.tagName === 'WX-PAGE') break;
  }
  // The first element of the path in each owner's template: what `target` is for that owner.
  const targetFor = new Map<unknown, Element>();
  for (let i = 0; i < path.length; i++) if (!targetFor.has(owners[i])) targetFor.set(owners[i], path[i]!);
  const described = new Map<Element, WxEventTarget>();
  const describeOnce = (el: Element): WxEventTarget => {
    let d = described.get(el);
    if (!d) described.set(el, (d = describe(el)));
    return d;
  };
  const base = {
    type,
    timeStamp: Math.round(performance.now()),
    detail,
    mark: collectMarks(path),
    ...(options.touches ? { touches: options.touches, changedTouches: options.changedTouches ?? options.touches } : {}),
  };
  let handled = false;
  let stopped = false;
  let mutDone = false;
  const run = (i: number, binding: EventBinding): void => {
    const el = path[i]!;
    const data = peekNodeData(el)!;
    const flags = binding[1];
    if (flags & EventFlags.Mut) {
      if (mutDone) return;
      mutDone = true;
    }
    const event: WxEvent = { ...base, target: describeOnce(targetFor.get(owners[i]) ?? el), currentTarget: describeOnce(el) };
    handled = true;
    const result = invoke(data, binding[2], event, el);
    if (result === STOP_EVENT) stopped = true;
    else if (options.onResult && result !== undefined) options.onResult(result);
    if (flags & EventFlags.Catch) stopped = true;
  };
  if (capture) {
    for (let i = path.length - 1; i >= 0 && !stopped; i--) {
      const list = listenersOf(path[i]!, type);
      if (list) for (const b of list) if (b[1] & EventFlags.Capture) run(i, b);
    }
  }
  for (let i = 0; i < path.length && !stopped; i++) {
    // Without bubbling, only the target itself hears it.
    if (!bubbles && i > 0) break;
    const list = listenersOf(path[i]!, type);
    if (list) for (const b of list) if (!(b[1] & EventFlags.Capture)) run(i, b);
  }
  return handled;
}

/** Runs the activation behaviour of the nearest element that has one (button form-type, navigator). */
export function activate(target: Element): void {
  for (let n: Element | null = target; n; n = n.parentElement) {
    const fn = (n as any)[ACTIVATE] as (() => void) | undefined;
    if (fn) {
      fn();
      return;
    }
    if (n.tagName === 'WX-PAGE') return;
  }
}

interface Press {
  id: number;
  target: Element;
  x: number;
  y: number;
  moved: boolean;
  longpressed: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function touchOf(e: PointerEvent): WxTouch {
  return { identifier: e.pointerId, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY };
}

/** Listens for pointer input under `root` and turns it into WeChat touch, tap and longpress events. */
export function installPointerEvents(root: HTMLElement): () => void {
  let press: Press | null = null;
  const down = (e: PointerEvent): void => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const target = e.target as Element;
    const t = touchOf(e);
    dispatchWxEvent(target, 'touchstart', {}, { touches: [t], changedTouches: [t] });
    if (press?.timer) clearTimeout(press.timer);
    const p: Press = { id: e.pointerId, target, x: e.clientX, y: e.clientY, moved: false, longpressed: false, timer: undefined };
    p.timer = setTimeout(() => {
      p.timer = undefined;
      if (press !== p || p.moved) return;
      const detail = { x: p.x, y: p.y };
      const a = dispatchWxEvent(target, 'longpress', detail, { touches: [t], changedTouches: [t] });
      const b = dispatchWxEvent(target, 'longtap', detail, { touches: [t], changedTouches: [t] });
      // A handled longpress cancels the tap, as in WeChat.
      p.longpressed = a || b;
    }, LONGPRESS_DELAY);
    press = p;
  };
  const move = (e: PointerEvent): void => {
    if (!press || press.id !== e.pointerId) return;
    const t = touchOf(e);
    if (Math.abs(e.clientX - press.x) > TAP_MOVE_THRESHOLD || Math.abs(e.clientY - press.y) > TAP_MOVE_THRESHOLD) press.moved = true;
    dispatchWxEvent(press.target, 'touchmove', {}, { touches: [t], changedTouches: [t] });
  };
  const up = (e: PointerEvent): void => {
    if (!press || press.id !== e.pointerId) return;
    const p = press;
    press = null;
    if (p.timer) clearTimeout(p.timer);
    const t = touchOf(e);
    dispatchWxEvent(p.target, 'touchend', {}, { touches: [], changedTouches: [t] });
    if (!p.moved && !p.longpressed) {
      dispatchWxEvent(p.target, 'tap', { x: e.pageX, y: e.pageY }, { touches: [], changedTouches: [t] });
      activate(p.target);
    }
  };
  const cancel = (e: PointerEvent): void => {
    if (!press || press.id !== e.pointerId) return;
    const p = press;
    press = null;
    if (p.timer) clearTimeout(p.timer);
    const t = touchOf(e);
    dispatchWxEvent(p.target, 'touchcancel', {}, { touches: [], changedTouches: [t] });
  };
  root.addEventListener('pointerdown', down);
  root.addEventListener('pointermove', move);
  root.addEventListener('pointerup', up);
  root.addEventListener('pointercancel', cancel);
  return () => {
    root.removeEventListener('pointerdown', down);
    root.removeEventListener('pointermove', move);
    root.removeEventListener('pointerup', up);
    root.removeEventListener('pointercancel', cancel);
  };
}
