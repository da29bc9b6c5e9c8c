/**
 * The ComponentDescriptor code (descriptor.ts) that wxs event handlers and change: observers
 * need loads only for programs whose templates have wxs modules: a template with wxs starts the
 * load when it is first instantiated, long before a user's first touch.
 */
import type * as Descriptor from './descriptor.js';

let hooks: typeof Descriptor | null = null;
let loading: Promise<typeof Descriptor> | null = null;

export function wxsHooks(): typeof Descriptor | null {
  return hooks;
}

export function loadWxsHooks(): Promise<typeof Descriptor> {
  return (loading ??= import('./descriptor.js').then((m) => (hooks = m)));
}
