/**
 * Faults in Chromium (issue 12): a subpackage chunk that cannot be fetched makes navigateTo fail
 * through its fail callback (the page stack is untouched) and the same navigation succeeds once
 * the network is back; wx.request takes its default timeout from app.json networkTimeout, and
 * fails with WeChat's errMsg when the browser is offline ("request:fail
 * -2:net::ERR_INTERNET_DISCONNECTED", errno 600001, as WeChat's Android client words it) or the
 * server cannot be reached ("-2:net::ERR_FAILED"). (Timeout by parameter and abort are in
 * test/e2e/request.test.ts.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';
import { buildProgram, pageFiles, type BuiltProgram } from './program.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a subpackage chunk that fails to load', () => {
  let app: BuiltSample;
  let page: Page;
  beforeAll(async () => {
    app = await buildAndServe('samples/structure');
    page = await browser.newPage();
    watchErrors(page);
    await page.goto(app.server.url);
    await page.locator('#orders').waitFor();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const navigate = (url: string) =>
    page.evaluate(
      (u) =>
        new Promise((resolve) => {
          (window as any).wx.navigateTo({ url: u, success: (r: any) => resolve({ ok: r.errMsg }), fail: (e: any) => resolve({ fail: e.errMsg }) });
        }),
      url,
    ) as Promise<{ ok?: string; fail?: string }>;
  const routes = () => page.evaluate(() => (window as any).getCurrentPages().map((p: any) => p.route)) as Promise<string[]>;

  it('navigateTo fails through fail with a navigateTo:fail errMsg naming the page, and the stack and the shown page stay', async () => {
    const blocked: string[] = [];
    const chunk = /\/assets\/sub-orders-[\w-]+\.(js|css)$/;
    await page.route(chunk, (route) => {
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    try {
      const first = await navigate('/orders/pages/list/list');
      expect(blocked.length).toBeGreaterThan(0);
      expect(first.fail).toMatch(/^navigateTo:fail page "orders\/pages\/list\/list" failed to load: /);
      expect(await routes()).toEqual(['pages/index/index']);
      expect(await page.locator('wx-page[data-route="pages/index/index"]').isVisible()).toBe(true);
      // Other navigation still works.
      const other = await navigate('/extras/pages/about/about');
      expect(other).toEqual({ ok: 'navigateTo:ok' });
      expect(await routes()).toEqual(['pages/index/index', 'extras/pages/about/about']);
    } finally {
      await page.unroute(chunk);
    }
    // A retry once the chunk can be fetched again opens the page, on top of the stack.
    const retry = await navigate('/orders/pages/list/list?from=retry');
    expect(retry).toEqual({ ok: 'navigateTo:ok' });
    expect(await routes()).toEqual(['pages/index/index', 'extras/pages/about/about', 'orders/pages/list/list']);
    expect(await page.evaluate(() => (window as any).getCurrentPages()[2].options)).toEqual({ from: 'retry' });
  });
});

describe('wx.request against failures of the network', () => {
  let app: BuiltProgram;
  let api: http.Server;
  let base: string;
  let page: Page;
  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      if (req.url === '/slow') setTimeout(() => res.writeHead(200, cors).end('{}'), 3000);
      else res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    app = await buildProgram({
      'app.json': JSON.stringify({ pages: ['pages/a/a'], networkTimeout: { request: 300 } }),
      'app.js': 'App({});',
      ...pageFiles('pages/a/a', '<view id="a">a</view>', 'Page({});'),
    });
    page = await browser.newPage();
    await page.goto(app.server.url);
    await page.locator('#a').waitFor();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    api.closeAllConnections();
    await new Promise((r) => api.close(r));
  });

  const request = (params: Record<string, unknown>) =>
    page.evaluate(
      (p) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          (window as any).wx.request({ ...p, success: (r: any) => resolve({ ok: r.errMsg, ms: performance.now() - t0 }), fail: (e: any) => resolve({ fail: e.errMsg, ms: performance.now() - t0 }) });
        }),
      params,
    ) as Promise<{ ok?: string; fail?: string; ms: number }>;

  it('app.json networkTimeout.request is the default timeout: "request:fail timeout" after it, not after 60 s', async () => {
    const r = await request({ url: `${base}/slow` });
    expect(r.fail).toBe('request:fail timeout');
    expect(r.ms).toBeGreaterThanOrEqual(280);
    expect(r.ms).toBeLessThan(2500);
    expect((await request({ url: `${base}/ok` })).ok).toBe('request:ok');
  });

  it('offline: fails with WeChat\'s errMsg for a lost connection (promise form too), and works again online', async () => {
    await page.context().setOffline(true);
    try {
      const r = await request({ url: `${base}/ok` });
      expect(r.fail).toBe('request:fail -2:net::ERR_INTERNET_DISCONNECTED');
      const promised = await page.evaluate((u) => (window as any).wx.request({ url: u }).then(() => 'resolved', (e: any) => e), `${base}/ok`);
      expect(promised).toEqual({ errno: 600001, errMsg: 'request:fail -2:net::ERR_INTERNET_DISCONNECTED' });
    } finally {
      await page.context().setOffline(false);
    }
    expect((await request({ url: `${base}/ok` })).ok).toBe('request:ok');
  });

  it('online, a server that cannot be reached fails with WeChat\'s generic net error, not the browser\'s words', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((r) => closed.close(r));
    expect((await request({ url })).fail).toBe('request:fail -2:net::ERR_FAILED');
  });
});
