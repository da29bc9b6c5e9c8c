/**
 * The one place that talks to Telegram: the Mini App bridge as Telegram documents it.
 *
 * Outgoing methods go, in the order Telegram's own script tries them, to
 * `window.TelegramWebviewProxy.postEvent(type, json)` (iOS, Android, macOS, Desktop),
 * `window.external.notify(json)` (Windows Phone), or `parent.postMessage(json)` (Telegram Web,
 * and our dev simulator, which hosts the app in an iframe). Incoming events arrive through
 * `Telegram.WebView.receiveEvent`, `TelegramGameProxy.receiveEvent` or a message from the parent.
 *
 * Every call is version-checked against tgWebAppVersion (a call the client does not know is not
 * made; the caller gets false) and recorded in `window.__wx2tgBridgeLog` for tests and the
 * simulator panel.
 */
import { supports } from './versions.js';

export interface BridgeLogEntry {
  method: string;
  params: unknown;
  /** ms since page start */
  t: number;
}

type Listener = (data: any) => void;

interface BridgeWindow {
  TelegramWebviewProxy?: { postEvent(type: string, data: string): void };
  external?: { notify?: (data: string) => void };
  Telegram?: { WebView?: { receiveEvent?: (type: string, data: unknown) => void } };
  TelegramGameProxy?: { receiveEvent?: (type: string, data: unknown) => void };
  TelegramGameProxy_receiveEvent?: (type: string, data: unknown) => void;
  __wx2tgBridgeLog?: BridgeLogEntry[];
}

const LOG_LIMIT = 1000;
const listeners = new Map<string, Set<Listener>>();
let version = '6.0';
let installed = false;

export function setBridgeVersion(v: string): void {
  version = v;
}

export function bridgeVersion(): string {
  return version;
}

/** True when the connected client supports `method`. */
export function isSupported(method: string): boolean {
  return supports(method, version);
}

function w(): BridgeWindow & Window {
  return window as unknown as BridgeWindow & Window;
}

function log(method: string, params: unknown): void {
  const win = w();
  const entries = (win.__wx2tgBridgeLog ??= []);
  entries.push({ method, params, t: Math.round(performance.now()) });
  if (entries.length > LOG_LIMIT) entries.splice(0, entries.length - LOG_LIMIT);
}

/**
 * Posts a method to Telegram. Returns false (and sends nothing) when the client's version does
 * not support it; never throws.
 */
export function postEvent(method: string, params?: Record<string, unknown>): boolean {
  if (!supports(method, version)) return false;
  log(method, params ?? null);
  const win = w();
  const json = JSON.stringify(params ?? {});
  try {
    if (win.TelegramWebviewProxy) {
      win.TelegramWebviewProxy.postEvent(method, json);
      return true;
    }
    if (win.external && typeof win.external.notify === 'function') {
      win.external.notify(JSON.stringify({ eventType: method, eventData: params ?? {} }));
      return true;
    }
    if (win.parent && win.parent !== win) {
      // Telegram's own script sends with target '*' as well; the data is not secret.
      win.parent.postMessage(JSON.stringify({ eventType: method, eventData: params ?? {} }), '*');
      return true;
    }
  } catch (err) {
    console.error(`[wx2tg] bridge call ${method} failed`, err);
  }
  return false;
}

/** Subscribes to a Telegram event; returns the unsubscribe function. */
export function on(event: string, listener: Listener): () => void {
  installReceiver();
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => set!.delete(listener);
}

/** Waits for the first of `events` that `filter` accepts. */
export function once(events: string[], filter: (event: string, data: any) => boolean = () => true): Promise<{ event: string; data: any }> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    for (const e of events) {
      offs.push(
        on(e, (data) => {
          if (!filter(e, data)) return;
          for (const off of offs) off();
          resolve({ event: e, data });
        }),
      );
    }
  });
}

/** Delivers an event to listeners, as Telegram does. Exported for the in-page simulator. */
export function receiveEvent(event: string, data: unknown): void {
  const set = listeners.get(event);
  if (!set) return;
  for (const l of [...set]) {
    try {
      l(data);
    } catch (err) {
      console.error(`[wx2tg] listener for ${event} threw`, err);
    }
  }
}

function installReceiver(): void {
  if (installed) return;
  installed = true;
  const win = w();
  const tg = (win.Telegram ??= {});
  const webView = (tg.WebView ??= {});
  const prevWebView = webView.receiveEvent;
  webView.receiveEvent = (type, data) => {
    prevWebView?.(type, data);
    receiveEvent(type, data);
  };
  const game = (win.TelegramGameProxy ??= {});
  game.receiveEvent = (type, data) => receiveEvent(type, data);
  win.TelegramGameProxy_receiveEvent = (type, data) => receiveEvent(type, data);
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent || typeof e.data !== 'string') return;
    try {
      const msg = JSON.parse(e.data) as { eventType?: string; eventData?: unknown };
      if (typeof msg.eventType === 'string') receiveEvent(msg.eventType, msg.eventData);
    } catch {
      /* not a bridge message */
    }
  });
}

export function initBridge(v: string): void {
  setBridgeVersion(v);
  installReceiver();
}

let reqCounter = 0;

/**
 * Calls a method that answers with an event carrying the same `req_id` (storage, custom methods).
 * Resolves with the answer's data; rejects with the error the client gave, on timeout, or when
 * the client's version does not have the method.
 */
export function request(method: string, params: Record<string, unknown>, ok: string, fail: string, timeoutMs = 10_000): Promise<any> {
  const reqId = `wx2tg-${Date.now().toString(36)}-${++reqCounter}`;
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offOk = on(ok, (data: { req_id?: string }) => {
      if (data?.req_id !== reqId) return;
      done();
      resolve(data);
    });
    const offFail = on(fail, (data: { req_id?: string; error?: string }) => {
      if (data?.req_id !== reqId) return;
      done();
      reject(new Error(data.error ?? 'UNKNOWN_ERROR'));
    });
    const done = (): void => {
      offOk();
      offFail();
      if (timer) clearTimeout(timer);
    };
    if (!postEvent(method, { ...params, req_id: reqId })) {
      done();
      reject(new Error(`${method} is not available in this Telegram version`));
      return;
    }
    timer = setTimeout(() => {
      done();
      reject(new Error('TIMEOUT'));
    }, timeoutMs);
  });
}
