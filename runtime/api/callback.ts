/**
 * WeChat's calling convention for asynchronous APIs: `success` / `fail` / `complete` callbacks,
 * or a Promise when none is given; results carry `errMsg` as "name:ok" or "name:fail reason".
 */
export interface ApiCallbacks<R> {
  success?: (res: R) => void;
  fail?: (err: { errMsg: string; errno?: number }) => void;
  complete?: (res: R | { errMsg: string }) => void;
}

/** Thrown inside an API implementation to fail with a WeChat-style reason. */
export class ApiFail extends Error {
  constructor(
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

export type Result<R> = R & { errMsg: string };

/** Did the caller pass success / fail / complete (then no Promise is returned)? */
export function hasCallbacks(params: unknown): params is { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void } {
  if (!params || typeof params !== 'object') return false;
  const p = params as Record<string, unknown>;
  return typeof p.success === 'function' || typeof p.fail === 'function' || typeof p.complete === 'function';
}

function safeCall(fn: ((arg: any) => void) | undefined, arg: unknown, api: string): void {
  if (typeof fn !== 'function') return;
  try {
    fn(arg);
  } catch (err) {
    // A throwing callback is the caller's bug; report it without turning success into fail.
    console.error(`[wx2tg] a callback of wx.${api} threw`, err);
    queueMicrotask(() => {
      throw err;
    });
  }
}

/** Wraps an implementation into a wx.* function with WeChat's conventions. */
export function asyncApi<P extends object, R extends object>(
  name: string,
  impl: (params: P) => Promise<R> | R,
): (params?: P & ApiCallbacks<Result<R>>) => Promise<Result<R>> | undefined {
  return (params?: P & ApiCallbacks<Result<R>>) => {
    const p = (params ?? {}) as P & ApiCallbacks<Result<R>>;
    const run = (async (): Promise<Result<R>> => {
      try {
        const res = await impl(p);
        return { ...(res as R), errMsg: `${name}:ok` };
      } catch (err) {
        const reason = err instanceof ApiFail ? err.reason : err instanceof Error ? err.message : String(err);
        const extra = err instanceof ApiFail ? err.extra : {};
        throw { ...extra, errMsg: `${name}:fail ${reason}`.trimEnd() };
      }
    })();
    if (!hasCallbacks(p)) return run;
    run.then(
      (res) => {
        safeCall(p.success, res, name);
        safeCall(p.complete, res, name);
      },
      (err: { errMsg: string }) => {
        safeCall(p.fail, err, name);
        safeCall(p.complete, err, name);
      },
    );
    return undefined;
  };
}
