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
