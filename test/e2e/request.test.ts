/**
 * wx.request in Chromium against a real HTTP server on 127.0.0.1: encoding, status codes,
 * non-JSON bodies, timeouts and abort, in WeChat's result and errMsg shapes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let api: http.Server;
let base: string;
let page: Page;

beforeAll(async () => {
  api = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': '*', 'access-control-expose-headers': 'x-trace' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const url = new URL(req.url!, 'http://x');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (url.pathname === '/echo') {
        res.writeHead(200, { ...cors, 'content-type': 'application/json', 'x-trace': 't1' });
        res.end(JSON.stringify({ method: req.method, query: Object.fromEntries(url.searchParams), body, type: req.headers['content-type'] ?? null }));
      } else if (url.pathname === '/text') {
        res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('plain words');
      } else if (url.pathname === '/slow') {
        setTimeout(() => res.writeHead(200, cors).end('{}'), 3000);
      } else res.writeHead(404, { ...cors, 'content-type': 'application/json' }).end('{"error":"nope"}');
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/hello')]);
  page = await browser.newPage();
  await page.goto(app.server.url);
  await page.locator('#count').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  api.closeAllConnections();
  await new Promise((r) => api.close(r));
});

const call = (p: Record<string, unknown>) =>
  page.evaluate((params) => (window as any).wx.request(params).then((r: unknown) => r, (e: unknown) => e), p);

describe('network state', () => {
  it('getNetworkType and onNetworkStatusChange follow the browser going offline and back', async () => {
    expect(await page.evaluate(() => (window as any).wx.getNetworkType().then((r: any) => r.errMsg))).toBe('getNetworkType:ok');
    await page.evaluate(() => {
      (window as any).__net = [];
      (window as any).wx.onNetworkStatusChange((r: any) => (window as any).__net.push(r));
    });
    await page.context().setOffline(true);
    try {
      await expect.poll(() => page.evaluate(() => (window as any).__net.length)).toBe(1);
      expect(await page.evaluate(() => (window as any).wx.getNetworkType().then((r: any) => r.networkType))).toBe('none');
    } finally {
      await page.context().setOffline(false); // the other tests need the network, whatever happened here
    }
    await expect.poll(() => page.evaluate(() => (window as any).__net.map((r: any) => r.isConnected))).toEqual([false, true]);
  });
});

describe('wx.request', () => {
  it('GET puts data in the query string; JSON bodies are parsed; headers come back', async () => {
    const res = (await call({ url: `${base}/echo`, data: { a: 1, b: 'x y' } })) as any;
    expect(res.errMsg).toBe('request:ok');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ method: 'GET', query: { a: '1', b: 'x y' }, body: '', type: null });
    expect(res.header['x-trace']).toBe('t1');
  });

  it('POST sends JSON by default, form encoding when asked', async () => {
    const json = (await call({ url: `${base}/echo`, method: 'POST', data: { a: [1, 2] } })) as any;
    expect(json.data).toMatchObject({ method: 'POST', body: '{"a":[1,2]}', type: 'application/json' });
    const form = (await call({ url: `${base}/echo`, method: 'POST', data: { a: 1, b: 2 }, header: { 'content-type': 'application/x-www-form-urlencoded' } })) as any;
    expect(form.data).toMatchObject({ body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' });
  });

  it('any status is a success; a body that is not JSON stays a string', async () => {
    const missing = (await call({ url: `${base}/missing` })) as any;
    expect(missing).toMatchObject({ statusCode: 404, data: { error: 'nope' }, errMsg: 'request:ok' });
    const text = (await call({ url: `${base}/text` })) as any;
    expect(text.data).toBe('plain words');
  });

  it('timeout and abort fail with WeChat’s errMsg, through callbacks too', async () => {
    expect(await call({ url: `${base}/slow`, timeout: 200 })).toEqual({ errMsg: 'request:fail timeout' });
    const aborted = await page.evaluate(
      (url) =>
        new Promise((resolve) => {
          const task = (window as any).wx.request({ url, fail: (e: unknown) => resolve(e) });
          setTimeout(() => task.abort(), 50);
        }),
      `${base}/slow`,
    );
    expect(aborted).toEqual({ errMsg: 'request:fail abort' });
    expect(await call({ url: 'ftp://nowhere' })).toEqual({ errMsg: 'request:fail invalid url "ftp://nowhere"' });
  });
});
