/**
 * Where errors from user code go: App.onError and wx.onError listeners, with the page or
 * component and the place named, as WeChat reports them. Logged to the console once each.
 */
type ErrorListener = (message: string) => void;

const listeners = new Set<ErrorListener>();
let appHandler: ((message: string) => void) | null = null;

export function onError(listener: ErrorListener): void {
  listeners.add(listener);
}

export function offError(listener?: ErrorListener): void {
  if (listener) listeners.delete(listener);
  else listeners.clear();
}

export function setAppErrorHandler(handler: ((message: string) => void) | null): void {
  appHandler = handler;
}

/** Reports an error thrown by user code. `where` names the page/component and the hook or handler. */
export function reportError(err: unknown, where: string): void {
  const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  const message = `${where}: ${detail}`;
  console.error(`[wx2tg] ${message}`);
  try {
    appHandler?.(message);
  } catch (e) {
    console.error('[wx2tg] App.onError threw', e);
  }
  for (const l of listeners) {
    try {
      l(message);
    } catch (e) {
      console.error('[wx2tg] an onError listener threw', e);
    }
  }
}

type RejectionListener = (res: { reason: unknown; promise: Promise<unknown> }) => void;
const rejectionListeners = new Set<RejectionListener>();

export function onUnhandledRejection(listener: RejectionListener): void {
  if (typeof listener === 'function') rejectionListeners.add(listener);
}

export function offUnhandledRejection(listener?: RejectionListener): void {
  if (listener) rejectionListeners.delete(listener);
  else rejectionListeners.clear();
}

/**
 * A promise rejected with no handler: App.onUnhandledRejection and wx.onUnhandledRejection
 * listeners get {reason, promise}; returns whether anyone listened.
 */
export function reportRejection(reason: unknown, promise: Promise<unknown>, appHook: ((res: unknown) => void) | undefined): boolean {
  const res = { reason, promise };
  let heard = false;
  if (appHook) {
    heard = true;
    try {
      appHook(res);
    } catch (e) {
      console.error('[wx2tg] App.onUnhandledRejection threw', e);
    }
  }
  for (const l of rejectionListeners) {
    heard = true;
    try {
      l(res);
    } catch (e) {
      console.error('[wx2tg] an onUnhandledRejection listener threw', e);
    }
  }
  return heard;
}
