// @vitest-environment happy-dom
/** wx storage: types come back as they went in, WeChat's limits fail loudly, nothing is dropped. */
import { beforeEach, describe, expect, it } from 'vitest';
import * as storage from '../../runtime/api/storage.js';

beforeEach(() => storage.clearStorageSync());

describe('wx storage', () => {
  it('keeps types and reads synchronously', () => {
    const when = new Date(1700000000000);
    storage.setStorageSync('n', 42);
    storage.setStorageSync('o', { a: [1, { b: true }] });
    storage.setStorageSync('d', when);
    storage.setStorageSync('s', 'text');
    expect(storage.getStorageSync('n')).toBe(42);
    expect(storage.getStorageSync('o')).toEqual({ a: [1, { b: true }] });
    expect((storage.getStorageSync('d') as Date).getTime()).toBe(when.getTime());
    expect(storage.getStorageSync('s')).toBe('text');
    expect(storage.getStorageSync('missing')).toBe('');
    expect(storage.getStorageInfoSync().keys.sort()).toEqual(['d', 'n', 'o', 's']);
    // and it is in localStorage, so a reload finds it
    expect(Object.keys(localStorage).filter((k) => k.startsWith('wx2tg:s:')).length).toBe(4);
  });

  it('fails past 1 MB per key and 10 MB in all, keeping what was there', () => {
    expect(() => storage.setStorageSync('big', 'x'.repeat(1024 * 1024))).toThrow('setStorageSync:fail exceed storage item max length');
    expect(storage.getStorageSync('big')).toBe('');
    const chunk = 'y'.repeat(500 * 1024);
    let stored = 0;
    let error = '';
    for (let i = 0; i < 20; i++) {
      try {
        storage.setStorageSync(`k${i}`, chunk);
        stored++;
      } catch (e) {
        error = (e as Error).message;
        break;
      }
    }
    expect(error).toBe('setStorageSync:fail exceed storage max size 10Mb');
    expect(stored).toBeGreaterThan(5);
    expect(storage.getStorageSync('k0')).toBe(chunk);
  });

  it('async variants follow WeChat’s conventions', async () => {
    await expect(storage.getStorage({ key: 'nope' })).rejects.toEqual({ errMsg: 'getStorage:fail data not found' });
    expect(await storage.setStorage({ key: 'a', data: 1 })).toEqual({ errMsg: 'setStorage:ok' });
    expect(await storage.getStorage({ key: 'a' })).toEqual({ data: 1, errMsg: 'getStorage:ok' });
    await expect(storage.setStorage({ key: 'a', data: 1, encrypt: true })).rejects.toEqual({ errMsg: 'setStorage:fail encrypt is not supported on Telegram' });
    const info = await storage.getStorageInfo();
    expect(info).toMatchObject({ keys: ['a'], limitSize: 10240, errMsg: 'getStorageInfo:ok' });
  });
});
