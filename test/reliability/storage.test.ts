/**
 * Storage under stress in Chromium (issue 12): rapid writes survive an immediate reload, WeChat's
 * quotas fail through fail/throw and keep what was stored, Telegram DeviceStorage failures are
 * retried (transient) or reported (permanent) with the value kept locally, a WebView that lost
 * its localStorage gets its data back from DeviceStorage, and two tabs writing at once leave
 * every value intact. Telegram is the in-page simulator; failures are injected by wrapping its
 * handle() for DeviceStorage calls.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { buildProgram, pageFiles, type BuiltProgram } from './program.js';

let browser: Browser;
let app: BuiltProgram;
let context: BrowserContext;

beforeAll(async () => {
  [browser, app] = await Promise.all([
    launchBrowser(),
    buildProgram({
      'app.json': JSON.stringify({ pages: ['pages/s/s'] }),
      'app.js': 'App({});',
      ...pageFiles('pages/s/s', '<view id="s">storage</view>', 'Page({});'),
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext();
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.locator('#s').waitFor();
  return page;
}

/** Keys written by wx storage (the runtime's localStorage namespace) and by the simulator's DeviceStorage. */
const deviceKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('wx2tg-sim:device:wx2tg:s:')).length);
const waitDeviceFlushed = (page: Page, count: number) => expect.poll(() => deviceKeys(page), { timeout: 15_000 }).toBe(count);

describe('wx storage in Chromium', () => {
  it('600 rapid writes (sync, async with callbacks, promise form) all survive an immediate reload, with their types', async () => {
    const page = await open();
    const written = await page.evaluate(() => {
      const wx = (window as any).wx;
      const want: Record<string, unknown> = {};
      for (let i = 0; i < 200; i++) {
        const v = i % 3 === 0 ? { i, list: [i, String(i)], nested: { ok: i % 2 === 0 } } : i % 3 === 1 ? `str-${i}-${'é'.repeat(i % 7)}` : i * 1.5;
        wx.setStorageSync(`sync${i}`, v);
        want[`sync${i}`] = v;
        wx.setStorage({ key: `cb${i}`, data: v, fail: () => ((window as any).__fails = ((window as any).__fails ?? 0) + 1) });
        want[`cb${i}`] = v;
        void wx.setStorage({ key: `pr${i}`, data: v });
        want[`pr${i}`] = v;
      }
      // The same key rewritten many times: the last write wins.
      for (let i = 0; i < 100; i++) wx.setStorageSync('counter', i);
      want.counter = 99;
      wx.setStorageSync('date', new Date(1700000000000));
      return want;
    });
    await page.reload(); // right away: nothing awaited
    await page.locator('#s').waitFor();
    const read = await page.evaluate((keys) => {
      const wx = (window as any).wx;
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = wx.getStorageSync(k);
      return { out, date: (wx.getStorageSync('date') as Date).getTime?.(), info: wx.getStorageInfoSync().keys.length };
    }, Object.keys(written));
    expect(read.out).toEqual(written);
    expect(read.date).toBe(1700000000000);
    expect(read.info).toBe(Object.keys(written).length + 1);
  });

  it('quota: a value over 1 MB and writes past 10 MB fail (throw / fail callback / rejected promise) and keep what was stored', async () => {
    const page = await open();
    const r = await page.evaluate(async () => {
      const wx = (window as any).wx;
      const out: Record<string, unknown> = {};
      try {
        wx.setStorageSync('big', 'x'.repeat(1024 * 1024));
        out.syncBig = 'stored';
      } catch (e) {
        out.syncBig = (e as Error).message;
      }
      out.cbBig = await new Promise((resolve) => wx.setStorage({ key: 'big', data: 'x'.repeat(1024 * 1024), success: () => resolve('stored'), fail: (e: any) => resolve(e.errMsg) }));
      out.prBig = await wx.setStorage({ key: 'big', data: 'x'.repeat(1024 * 1024) }).then(() => 'stored', (e: any) => e.errMsg);
      // Fill up with 400 KB values until it refuses.
      const chunk = 'y'.repeat(400 * 1024);
      let stored = 0;
      for (let i = 0; i < 40; i++) {
        const res = await new Promise<string>((resolve) => wx.setStorage({ key: `fill${i}`, data: chunk, success: () => resolve('ok'), fail: (e: any) => resolve(e.errMsg) }));
        if (res !== 'ok') {
          out.fill = res;
          break;
        }
        stored++;
      }
      out.stored = stored;
      out.firstIntact = wx.getStorageSync('fill0') === chunk;
      out.big = wx.getStorageSync('big');
      return out;
    });
    expect(r.syncBig).toBe('setStorageSync:fail exceed storage item max length');
    expect(r.cbBig).toBe('setStorage:fail exceed storage item max length');
    expect(r.prBig).toBe('setStorage:fail exceed storage item max length');
    expect(r.fill).toBe('setStorage:fail exceed storage max size 10Mb');
    expect(r.stored).toBeGreaterThanOrEqual(5);
    expect(r.firstIntact).toBe(true);
    expect(r.big).toBe('');
    console.log(`quota: ${r.stored} values of 400 KB stored before "${r.fill}"`);
    // What was stored before the refusal is still there after a reload.
    await page.reload();
    await page.locator('#s').waitFor();
    expect(await page.evaluate(() => ((window as any).wx.getStorageSync('fill0') as string).length)).toBe(400 * 1024);
  });

  it('DeviceStorage: transient failures are retried until the write lands; a permanent refusal is reported and the value kept locally', async () => {
    const page = await open();
    await page.evaluate(() => {
      const sim = (window as any).__wx2tgSimulator;
      const w = window as any;
      w.__transient = 3;
      w.__refuse = new Set(['refused']);
      const handle = sim.handle.bind(sim);
      sim.handle = (method: string, params: any) => {
        if (method === 'web_app_device_storage_save_key') {
          const key = String(params?.key ?? '');
          if (w.__refuse.has(key.replace('wx2tg:s:', ''))) return sim.emit('device_storage_failed', { req_id: params.req_id, error: 'QUOTA_EXCEEDED' });
          if (w.__transient > 0) {
            w.__transient--;
            return sim.emit('device_storage_failed', { req_id: params.req_id, error: 'UNKNOWN_ERROR' });
          }
        }
        return handle(method, params);
      };
      w.__errors = [];
      const orig = console.error;
      console.error = (...a: unknown[]) => {
        w.__errors.push(a.map(String).join(' '));
        orig(...a);
      };
    });
    await page.evaluate(() => {
      const wx = (window as any).wx;
      wx.setStorageSync('kept', { v: 1 });
      wx.setStorageSync('refused', 'local only');
      wx.setStorageSync('after', 2);
    });
    // Retried past three failures with back-off (200 + 400 + 800 ms), then everything but the refused key lands.
    await waitDeviceFlushed(page, 2);
    const state = await page.evaluate(() => ({
      transientLeft: (window as any).__transient,
      errors: (window as any).__errors as string[],
      device: Object.keys(localStorage).filter((k) => k.startsWith('wx2tg-sim:device:wx2tg:s:')).sort(),
      refusedLocal: (window as any).wx.getStorageSync('refused'),
    }));
    expect(state.transientLeft).toBe(0);
    expect(state.device).toEqual(['wx2tg-sim:device:wx2tg:s:after', 'wx2tg-sim:device:wx2tg:s:kept']);
    expect(state.errors.some((e) => e.includes('DeviceStorage refused "refused"') && e.includes('QUOTA_EXCEEDED'))).toBe(true);
    expect(state.refusedLocal).toBe('local only');
  });

  it('a WebView that lost its localStorage gets every flushed value back from DeviceStorage at start-up', async () => {
    const page = await open();
    await page.evaluate(() => {
      const wx = (window as any).wx;
      for (let i = 0; i < 50; i++) wx.setStorageSync(`k${i}`, { i });
    });
    await waitDeviceFlushed(page, 50);
    // The client wipes the WebView's storage (ours), DeviceStorage (the simulator's keys) stays.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('wx2tg:s:')) localStorage.removeItem(k);
    });
    await page.reload();
    await page.locator('#s').waitFor();
    const back = await page.evaluate(() => Array.from({ length: 50 }, (_, i) => (window as any).wx.getStorageSync(`k${i}`)?.i));
    expect(back).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('two tabs writing at once: every key of both is intact, a shared key holds one of the written values', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const write = (page: Page, tag: string) =>
      page.evaluate(async (t) => {
        const wx = (window as any).wx;
        for (let i = 0; i < 300; i++) {
          wx.setStorageSync(`${t}${i}`, { t, i, pad: 'z'.repeat(i % 50) });
          wx.setStorageSync('shared', `${t}${i}`);
          if (i % 25 === 0) await new Promise((r) => setTimeout(r, 0)); // let the other tab interleave
        }
      }, tag);
    await Promise.all([write(a, 'a'), write(b, 'b')]);
    // Each tab follows the other's writes through storage events (delivered a moment later).
    await expect.poll(() => a.evaluate(() => (window as any).wx.getStorageInfoSync().keys.length)).toBe(601);
    // What each tab now believes (its in-memory mirror), before any reload.
    const seenByA = await a.evaluate(() => ({ b5: (window as any).wx.getStorageSync('b5'), keys: (window as any).wx.getStorageInfoSync().keys.length, shared: (window as any).wx.getStorageSync('shared') }));
    const c = await open();
    const result = await c.evaluate(() => {
      const wx = (window as any).wx;
      const bad: string[] = [];
      for (const t of ['a', 'b']) {
        for (let i = 0; i < 300; i++) {
          const v = wx.getStorageSync(`${t}${i}`);
          if (!v || v.t !== t || v.i !== i || v.pad.length !== i % 50) bad.push(`${t}${i}`);
        }
      }
      return { bad, shared: wx.getStorageSync('shared'), keys: wx.getStorageInfoSync().keys.length };
    });
    expect(result.bad).toEqual([]);
    expect(['a299', 'b299']).toContain(result.shared);
    expect(result.keys).toBe(601);
    // No reload was needed to see them.
    expect(seenByA.keys).toBe(601);
    expect(seenByA.b5).toEqual({ t: 'b', i: 5, pad: 'zzzzz' });
    // DeviceStorage has every value too; its key index is written by whichever tab flushed last.
    await waitDeviceFlushed(c, 601);
    const index = await c.evaluate(() => JSON.parse(localStorage.getItem('wx2tg-sim:device:wx2tg:index') ?? '[]').length);
    console.log(
      `two tabs: a fresh tab sees ${result.keys} keys; tab A, without reloading, sees ${seenByA.keys} keys, b5 = ${JSON.stringify(seenByA.b5)}, shared = ${JSON.stringify(seenByA.shared)}; ` +
        `the DeviceStorage index lists ${index} of 601 keys`,
    );
  });
});
