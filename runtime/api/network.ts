/**
 * Network state (getNetworkType, onNetworkStatusChange/offNetworkStatusChange) from the browser's
 * online state and Network Information API; makePhoneCall through a tel: link; setKeepScreenOn
 * through the Screen Wake Lock API (failing where the WebView has none).
 */
import { asyncApi, ApiFail } from './callback.js';

type Listener = (res: { isConnected: boolean; networkType: string }) => void;
const listeners = new Set<Listener>();
let wired = false;

/** WeChat's names: wifi, 2g, 3g, 4g, 5g, unknown, none. */
export function networkType(): string {
  if (!navigator.onLine) return 'none';
  const c = (navigator as { connection?: { type?: string; effectiveType?: string } }).connection;
  if (!c) return 'unknown';
  if (c.type === 'wifi' || c.type === 'ethernet') return 'wifi';
  if (c.effectiveType === 'slow-2g' || c.effectiveType === '2g') return '2g';
  if (c.effectiveType === '3g') return '3g';
  if (c.effectiveType === '4g') return '4g';
  return 'unknown';
}

export const getNetworkType = asyncApi('getNetworkType', () => ({ networkType: networkType(), signalStrength: 0, hasSystemProxy: false }));

let last = '';

/** One report per change: the browser may signal one change through several events. */
function notify(): void {
  const res = { isConnected: navigator.onLine, networkType: networkType() };
  const key = `${res.isConnected}:${res.networkType}`;
  if (key === last) return;
  last = key;
  for (const l of [...listeners]) {
    try {
      l(res);
    } catch (err) {
      console.error('[wx2tg] an onNetworkStatusChange listener threw', err);
    }
  }
}

/**
 * `onlineAtCall`: navigator.onLine when the program registered (this module loads on first use):
 * a change that happened while it loaded is reported to that listener, as it would have been.
 */
export function onNetworkStatusChange(listener: Listener, onlineAtCall?: boolean): void {
  listeners.add(listener);
  if (onlineAtCall !== undefined && onlineAtCall !== navigator.onLine) queueMicrotask(() => listeners.has(listener) && listener({ isConnected: navigator.onLine, networkType: networkType() }));
  if (wired) return;
  wired = true;
  last = `${navigator.onLine}:${networkType()}`;
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  (navigator as { connection?: EventTarget }).connection?.addEventListener?.('change', notify);
}

export function offNetworkStatusChange(listener?: Listener): void {
  if (listener) listeners.delete(listener);
  else listeners.clear();
}

export const makePhoneCall = asyncApi('makePhoneCall', (p: { phoneNumber?: unknown }) => {
  const number = typeof p.phoneNumber === 'string' ? p.phoneNumber.replace(/[^\d+*#,;]/g, '') : '';
  if (!number) throw new ApiFail('parameter error: parameter.phoneNumber should be String');
  const a = document.createElement('a');
  a.href = `tel:${number}`;
  a.click();
  return {};
});

let wakeLock: { release(): Promise<void> } | null = null;

export const setKeepScreenOn = asyncApi('setKeepScreenOn', async (p: { keepScreenOn?: boolean }) => {
  const wl = (navigator as { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
  if (!p.keepScreenOn) {
    await wakeLock?.release().catch(() => undefined);
    wakeLock = null;
    return {};
  }
  if (!wl) throw new ApiFail('not supported on Telegram');
  wakeLock = await wl.request('screen');
  return {};
});
