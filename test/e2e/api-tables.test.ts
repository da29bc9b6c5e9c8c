/**
 * wx's synchronous tables in a build (compiler/vite/apiTables.ts): the unsupported-method stubs
 * and wx.canIUse's component table that the program's scripts name (its npm packages included)
 * are there before app.js runs; the rest, out of the runtime chunk, arrives after the first page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

const APP_JS = `
const wifi = require('wifi-lib');
App({
  onLaunch() {
    const at = (globalThis.__atLaunch = {
      named: typeof wx.getBLEMTU,
      namedCan: wx.canIUse('getBLEMTU'),
      fromPackage: wifi(),
      video: wx.canIUse('video.object-fit.fill'),
      videoBad: wx.canIUse('video.object-fit.bogus'),
      request: wx.canIUse('request'),
    });
    wx.getBLEMTU({ fail: (e) => (at.fail = e.errMsg) });
  },
});
`;

beforeAll(async () => {
  const dir = writeProgram({
    'app.json': '{"pages": ["pages/a/a"]}',
    'app.js': APP_JS,
    'miniprogram_npm/wifi-lib/index.js': 'module.exports = () => typeof wx.stopWifi;',
    'pages/a/a.wxml': '<view id="ok">ok</view>',
    'pages/a/a.js': 'Page({});',
  });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#ok').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('wx tables in a build', () => {
  it('index.html carries what the scripts name; the runtime chunk carries neither table', () => {
    const html = readFileSync(path.join(app.out, 'index.html'), 'utf8');
    const json = /<script type="application\/json" id="wx2tg-api-tables">([^<]*)<\/script>/.exec(html)?.[1];
    const tables = JSON.parse(json!) as { names: string; works: Record<string, string> };
    expect(tables.names.split(' ').sort()).toEqual(['getBLEMTU', 'stopWifi']);
    expect(Object.keys(tables.works)).toEqual(['video']);
    expect(tables.works.video).toContain('object-fit(contain|fill|cover)');
    expect(tables.works.video).not.toContain(':b'); // types are not needed at run time
    const assets = path.join(app.out, 'assets');
    const runtime = readFileSync(path.join(assets, readdirSync(assets).find((f) => /^wx2tg-runtime-.*\.js$/.test(f))!), 'utf8');
    expect(runtime).not.toContain('openCard');
    expect(runtime).not.toContain('scale-area');
    // The complete tables are a chunk of their own.
    expect(readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('openCard'))).toBe(true);
  });

  it('what the scripts name works before app.js runs', async () => {
    await expect.poll(() => page.evaluate(() => (globalThis as any).__atLaunch.fail)).toBe('getBLEMTU:fail not supported on Telegram');
    expect(await page.evaluate(() => (globalThis as any).__atLaunch)).toEqual({
      named: 'function',
      namedCan: false,
      fromPackage: 'function',
      video: true,
      videoBad: false,
      request: true,
      fail: 'getBLEMTU:fail not supported on Telegram',
    });
  });

  it('the rest arrives after the first page: computed names and other components too', async () => {
    await expect.poll(() => page.evaluate(() => typeof (window as any).wx['open' + 'Card'])).toBe('function');
    expect(await page.evaluate(() => (window as any).wx.canIUse('movable-view.inertia'))).toBe(true);
    expect(await page.evaluate(() => (window as any).wx.canIUse('movable-view.bogus'))).toBe(false);
    expect(await page.evaluate(() => (window as any).wx.canIUse('video.object-fit.fill'))).toBe(true);
    const failed = await page.evaluate(() => (window as any).wx.openCard().then(() => 'ok', (e: { errMsg: string }) => e.errMsg));
    expect(failed).toBe('openCard:fail not supported on Telegram');
    expect(errors).toEqual([]);
  });
});
