/**
 * The DeviceStorage side of wx storage (storage.ts): writes go through to it in order, a failed
 * write is retried; at start-up, keys localStorage lost are brought back from it. Loaded with
 * the first write or restore it has to make, on clients that have DeviceStorage.
 */
import { request } from '../telegram/index.js';
import { INDEX_KEY, PREFIX, state } from './storage.js';

let flushing = false;

export async function flushDevice(): Promise<void> {
  if (flushing) return;
  flushing = true;
  let delay = 200;
  try {
    while (state.pending().length) {
      const head = state.pending()[0]!;
      try {
        await request('web_app_device_storage_save_key', { key: PREFIX + head.key, value: head.json }, 'device_storage_key_saved', 'device_storage_failed');
        state.pending().shift();
        delay = 200;
      } catch (err) {
        const message = (err as Error).message;
        if (message === 'QUOTA_EXCEEDED' || message === 'KEY_INVALID' || message === 'VALUE_INVALID') {
          // The client refuses this write for good; the value is still in localStorage. Say so.
          state.errors().push(`DeviceStorage refused "${head.key}": ${message}`);
          console.error(`[wx2tg] storage: DeviceStorage refused "${head.key}" (${message}); it is kept in localStorage only`);
          state.pending().shift();
          continue;
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
    await request('web_app_device_storage_save_key', { key: INDEX_KEY, value: JSON.stringify([...state.mirror().keys()]) }, 'device_storage_key_saved', 'device_storage_failed').catch(() => undefined);
  } finally {
    flushing = false;
  }
}

/** Restores the keys DeviceStorage has and the mirror lacks (storage.ts hydrateStorage). */
export async function hydrate(timeoutMs: number): Promise<void> {
  const get = (key: string) => request('web_app_device_storage_get_key', { key }, 'device_storage_key_received', 'device_storage_failed', timeoutMs).then((d: { value?: string | null }) => d.value ?? null);
  try {
    const index = await get(INDEX_KEY);
    const keys = index ? (JSON.parse(index) as string[]) : [];
    const values = await Promise.all(keys.map((k) => get(PREFIX + k).catch(() => null)));
    keys.forEach((k, i) => {
      const json = values[i];
      if (json != null && !state.mirror().has(k)) state.add(k, json);
    });
  } catch {
    /* nothing to restore */
  }
}
