/**
 * wx storage. The *Sync APIs stay synchronous: reads come from an in-memory mirror; every write
 * goes to localStorage at once and, where the Telegram client has DeviceStorage (Bot API 9.0),
 * through to it as well, in order, retried on failure. At start-up the mirror is filled from
 * localStorage, and from DeviceStorage when the WebView lost its localStorage (DeviceStorage
 * outlives it on some clients). WeChat's limits hold: 1 MB per key, 10 MB in all; going past
 * them fails, it never drops a write silently.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported } from '../telegram/index.js';

export const PREFIX = 'wx2tg:s:';
export const INDEX_KEY = 'wx2tg:index';
export const MAX_ITEM = 1024 * 1024;
export const MAX_TOTAL = 10 * 1024 * 1024;

interface Entry {
  /** The stored JSON: {"t": type tag, "v": value} so that types come back as they went in. */
  json: string;
}

const mirror = new Map<string, Entry>();
let loaded = false;
let total = 0;
/** Writes waiting for DeviceStorage, in order; a failed write stays at the head and is retried. */
const pending: { key: string; json: string | null }[] = [];
const storageErrors: string[] = [];

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function size(key: string, json: string): number {
  return (key.length + json.length) * 2;
}

function load(): void {
  if (loaded) return;
  loaded = true;
  const ls = local();
  if (!ls) return;
  for (let i = 0; i < ls.length; i++) {
    const k = ls.key(i);
    if (!k || !k.startsWith(PREFIX)) continue;
    const json = ls.getItem(k);
    if (json === null) continue;
    const key = k.slice(PREFIX.length);
    mirror.set(key, { json });
    total += size(key, json);
  }
  // Another tab of the same app writes the same localStorage: follow its writes, so both tabs
  // read the same values and the DeviceStorage index written from here lists every key.
  if (typeof window !== 'undefined') window.addEventListener('storage', onOtherTab);
}

function onOtherTab(e: StorageEvent): void {
  if (e.storageArea !== local()) return;
  if (e.key === null) {
    // The other tab cleared the storage.
    mirror.clear();
    total = 0;
    return;
  }
  if (!e.key.startsWith(PREFIX)) return;
  const key = e.key.slice(PREFIX.length);
  const before = mirror.get(key);
  if (before) total -= size(key, before.json);
  if (e.newValue === null) mirror.delete(key);
  else {
    mirror.set(key, { json: e.newValue });
    total += size(key, e.newValue);
  }
}

function encode(value: unknown): string {
  if (value instanceof Date) return JSON.stringify({ t: 'Date', v: value.getTime() });
  if (value === undefined) return JSON.stringify({ t: 'Undefined' });
  return JSON.stringify({ t: typeof value, v: value });
}

function decode(json: string): unknown {
  try {
    const parsed = JSON.parse(json) as { t: string; v: unknown };
    if (parsed.t === 'Date') return new Date(parsed.v as number);
    if (parsed.t === 'Undefined') return undefined;
    return parsed.v;
  } catch {
    return json; // written by something else: hand the raw string back
  }
}

function keyOf(key: unknown): string {
  if (typeof key !== 'string') throw new ApiFail(`parameter error: parameter.key should be String instead of ${key === undefined ? 'Undefined' : typeof key};`);
  return key;
}

function deviceStorage(): boolean {
  return isSupported('web_app_device_storage_save_key');
}

/** The write-through to DeviceStorage (storageDevice.ts) loads with the first write it has to make. */
const device = (): Promise<typeof import('./storageDevice.js')> => import('./storageDevice.js');

function queueDevice(key: string, json: string | null): void {
  if (!deviceStorage()) return;
  pending.push({ key, json });
  void device().then((m) => m.flushDevice());
}

/**
 * Start-up: when localStorage lost our keys but DeviceStorage still has them, bring them back
 * before the program's first getStorageSync (storageDevice.ts, loaded only then). Bounded in
 * time so that a silent client cannot block the launch.
 */
export async function hydrateStorage(timeoutMs = 1500): Promise<void> {
  load();
  if (mirror.size || !deviceStorage()) return;
  // A chunk that cannot be fetched leaves localStorage as it is, as a silent client would.
  await device().then((m) => m.hydrate(timeoutMs), () => undefined);
}

/** What storageDevice.ts works on: the mirror, its size, the queue of writes, the refusals. */
export const state = {
  mirror: (): Map<string, Entry> => mirror,
  pending: (): { key: string; json: string | null }[] => pending,
  errors: (): string[] => storageErrors,
  add(key: string, json: string): void {
    mirror.set(key, { json });
    total += size(key, json);
    local()?.setItem(PREFIX + key, json);
  },
};

export function setStorageSync(key: string, data: unknown): void {
  try {
    setItem(keyOf(key), data);
  } catch (err) {
    throw new Error(`setStorageSync:fail ${err instanceof ApiFail ? err.reason : (err as Error).message}`);
  }
}

function setItem(key: string, data: unknown): void {
  load();
  const json = encode(data);
  if (json.length > MAX_ITEM) throw new ApiFail('exceed storage item max length');
  const before = mirror.get(key);
  const next = total - (before ? size(key, before.json) : 0) + size(key, json);
  if (next > MAX_TOTAL) throw new ApiFail('exceed storage max size 10Mb');
  const ls = local();
  try {
    ls?.setItem(PREFIX + key, json);
  } catch {
    throw new ApiFail('exceed storage max size 10Mb'); // the browser's own quota
  }
  mirror.set(key, { json });
  total = next;
  queueDevice(key, json);
}

export function getStorageSync(key: string): unknown {
  load();
  const e = mirror.get(String(key));
  // WeChat gives '' for a key it does not have.
  return e ? decode(e.json) : '';
}

export function removeStorageSync(key: string): void {
  load();
  const k = String(key);
  const e = mirror.get(k);
  if (!e) return;
  mirror.delete(k);
  total -= size(k, e.json);
  local()?.removeItem(PREFIX + k);
  queueDevice(k, null);
}

export function clearStorageSync(): void {
  load();
  for (const k of [...mirror.keys()]) removeStorageSync(k);
}

export function getStorageInfoSync(): { keys: string[]; currentSize: number; limitSize: number } {
  load();
  return { keys: [...mirror.keys()], currentSize: Math.ceil(total / 1024), limitSize: MAX_TOTAL / 1024 };
}

export const setStorage = asyncApi('setStorage', (p: { key?: string; data?: unknown; encrypt?: boolean }) => {
  if (p.encrypt) throw new ApiFail('encrypt is not supported on Telegram');
  setItem(keyOf(p.key), p.data);
  return {};
});

export const getStorage = asyncApi('getStorage', (p: { key?: string }) => {
  load();
  const e = mirror.get(keyOf(p.key));
  if (!e) throw new ApiFail('data not found');
  return { data: decode(e.json) };
});

export const removeStorage = asyncApi('removeStorage', (p: { key?: string }) => {
  removeStorageSync(keyOf(p.key));
  return {};
});

export const clearStorage = asyncApi('clearStorage', () => {
  clearStorageSync();
  return {};
});

export const getStorageInfo = asyncApi('getStorageInfo', () => getStorageInfoSync());

/** For tests: writes not yet confirmed by DeviceStorage, and refusals so far. */
export function storageStatus(): { pending: number; errors: string[] } {
  return { pending: pending.length, errors: [...storageErrors] };
}
