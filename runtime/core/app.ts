import { reportError, setAppErrorHandler } from './errors.js';

/** The object `App({...})` was given, which `getApp()` returns. */
let app: Record<string, any> | null = null;
const defaultApp: Record<string, any> = { globalData: {} };

export function App(options: Record<string, any>): void {
  if (app) {
    reportError(new Error('App() may only be called once'), 'app.js');
    return;
  }
  // What the program set on getApp({allowDefault: true}) before App() ran is merged in; App's
  // own fields win (as WeChat documents it).
  app = Object.assign({}, defaultApp, options ?? {});
  if (defaultApp.globalData && options?.globalData && typeof options.globalData === 'object') app.globalData = { ...defaultApp.globalData, ...options.globalData };
  setAppErrorHandler((message) => {
    if (typeof app?.onError === 'function') app.onError(message);
  });
}

/** The App's onUnhandledRejection hook, bound, if it has one. */
export function appRejectionHook(): ((res: unknown) => void) | undefined {
  const fn = app?.onUnhandledRejection;
  return typeof fn === 'function' ? (res) => fn.call(app, res) : undefined;
}

export function getApp(opts?: { allowDefault?: boolean }): any {
  if (app) return app;
  if (opts?.allowDefault) return defaultApp;
  return undefined;
}

/** Calls an App hook, reporting (not throwing) errors from it. */
export function callAppHook(name: string, ...args: unknown[]): unknown {
  const fn = app?.[name];
  if (typeof fn !== 'function') return undefined;
  try {
    return fn.apply(app, args);
  } catch (err) {
    reportError(err, `app ${name}`);
    return undefined;
  }
}
