/**
 * APIs most programs never call (location, media pickers, QR, scopes, sensors) load on first
 * use, so they cost nothing in the first download. A call before the module has loaded keeps
 * WeChat's conventions: a Promise without callbacks, the callbacks otherwise.
 */
import { hasCallbacks } from './callback.js';

type Loader = () => Promise<Record<string, any>>;

export function lazyAsync(load: Loader, name: string): (params?: any) => Promise<any> | undefined {
  return (params?: any) => {
    const run = load().then((m) => m[name](params));
    if (!hasCallbacks(params)) return run;
    run.catch(() => undefined);
    return undefined;
  };
}

/** on/offXxx listener registration: applied once the module is there, in call order. */
export function lazyListener(load: Loader, name: string): (fn?: unknown) => void {
  return (fn?: unknown) => void load().then((m) => m[name](fn));
}

/**
 * APIs that hand back a task object at once (uploadFile, connectSocket, getUpdateManager): the
 * caller gets a stand-in whose methods are queued and replayed on the real task once the module
 * has loaded. Without callbacks, `promised` APIs also return a Promise of their result.
 */
export function lazyTask(load: Loader, name: string, methods: readonly string[], promised: boolean): (params?: any) => any {
  return (params?: any) => {
    const queued: [string, unknown[]][] = [];
    let real: Record<string, (...a: unknown[]) => unknown> | null = null;
    const stand: Record<string, (...a: unknown[]) => unknown> = {};
    for (const m of methods) {
      stand[m] = (...args: unknown[]) => {
        if (real) return real[m]!(...args);
        queued.push([m, args]);
        return undefined;
      };
    }
    const ready = load().then((mod) => {
      const r = mod[name](params);
      real = r;
      for (const [m, a] of queued) r[m](...a);
      return r;
    });
    if (!promised || hasCallbacks(params)) {
      ready.catch(() => undefined);
      return stand;
    }
    // The real call returned a Promise with the task's methods: its result is ours.
    return Object.assign(ready.then((r) => r), stand);
  };
}

export const extras: Loader = () => import('./extras.js');
export const network: Loader = () => import('./network.js');
export const device: Loader = () => import('./device.js');
export const auth: Loader = () => import('./auth.js');
export const feedback: Loader = () => import('./feedback.js');
export const transfer: Loader = () => import('./transfer.js');
export const sockets: Loader = () => import('./socket.js');
export const updates: Loader = () => import('./update.js');
export const payments: Loader = () => import('./payment.js');
export const subscriptions: Loader = () => import('./subscribe.js');

