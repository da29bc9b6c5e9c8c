/**
 * APIs most programs never call (location, media pickers, QR, scopes, sensors) load on first
 * use, so they cost nothing in the first download. A call before the module has loaded keeps
 * WeChat's conventions: a Promise without callbacks, the callbacks otherwise.
 */
type Loader = () => Promise<Record<string, any>>;

function hasCallbacks(p: unknown): boolean {
  const o = p as Record<string, unknown> | undefined;
  return !!o && (typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function');
}

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

export const extras: Loader = () => import('./extras.js');
