/**
 * The WXML event-binding attribute grammar, shared by the compiler (which parses it) and the
 * runtime (which dispatches by the flags).
 *
 *   bindtap / bind:tap          bubble-phase listener
 *   catchtap / catch:tap        bubble-phase listener that stops propagation
 *   mut-bind:tap                bubble-phase listener, mutually exclusive with other mut-binds
 *   capture-bind:tap            capture-phase listener
 *   capture-catch:tap           capture-phase listener that stops propagation
 */
export const EventFlags = {
  None: 0,
  Catch: 1,
  Capture: 2,
  Mut: 4,
} as const;

export interface EventBindingName {
  event: string;
  flags: number;
}

const PREFIXES: ReadonlyArray<[string, number]> = [
  ['capture-catch:', EventFlags.Capture | EventFlags.Catch],
  ['capture-bind:', EventFlags.Capture],
  ['capture-mut-bind:', EventFlags.Capture | EventFlags.Mut],
  ['mut-bind:', EventFlags.Mut],
  ['bind:', EventFlags.None],
  ['catch:', EventFlags.Catch],
  ['bind', EventFlags.None],
  ['catch', EventFlags.Catch],
];

/** Returns the event and flags an attribute name binds, or null when it is not an event binding. */
export function parseEventAttribute(name: string): EventBindingName | null {
  for (const [prefix, flags] of PREFIXES) {
    if (name.startsWith(prefix) && name.length > prefix.length) {
      return { event: name.slice(prefix.length), flags };
    }
  }
  return null;
}

/** Events that bubble in WeChat; every other event stops at its target. */
export const BUBBLING_EVENTS: ReadonlySet<string> = new Set([
  'touchstart', 'touchmove', 'touchcancel', 'touchend', 'tap', 'longpress', 'longtap',
  'transitionend', 'animationstart', 'animationiteration', 'animationend', 'touchforcechange',
]);
