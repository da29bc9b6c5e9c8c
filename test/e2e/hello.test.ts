/**
 * The first vertical slice, end to end: samples/hello built by the real CLI, served statically,
 * driven in Debian's Chromium inside the in-page Telegram simulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/hello')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(url = app.server.url): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.locator('#count').waitFor();
  return { page, errors };
}

const backButtonCalls = async (page: Page): Promise<boolean[]> =>
  (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_back_button').map((c) => c.params.is_visible as boolean);

describe('samples/hello in Chromium', () => {
  it('renders bindings, and a tap updates the text through setData', async () => {
    const { page, errors } = await open();
    expect(await page.textContent('#greeting')).toBe('Hello, Telegram!');
    expect(await page.textContent('#count')).toBe('Taps: 0');
    expect(await page.locator('#none').isVisible()).toBe(true);
    await page.click('#tap');
    await expect.poll(() => page.textContent('#count')).toBe('Taps: 1');
    expect(await page.locator('#some').count()).toBe(1);
    expect(await page.getAttribute('#counter-card', 'class')).toContain('counter--active');
    await page.click('#tap');
    await page.click('#tap');
    await expect.poll(() => page.locator('#many').count()).toBe(1);
    expect(await page.locator('#some').count()).toBe(0);
    // wx:for rows with data-* reach the handler through currentTarget.dataset
    await page.locator('wx-view.fruit').nth(2).click();
    await expect.poll(() => page.locator('.fruit__mark').count()).toBe(1);
    expect(await page.locator('wx-view.fruit').nth(2).textContent()).toContain('Plum ✓');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('index.html fetches the first screen at once: app.js and the entry page are modulepreloaded, other pages are not', async () => {
    const html = readFileSync(path.join(app.out, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/assets\/([^"]+)"/g)].map((m) => m[1]!);
    const chunkOf = (needle: string): string | undefined => readdirSync(path.join(app.out, 'assets')).find((f) => f.endsWith('.js') && readFileSync(path.join(app.out, 'assets', f), 'utf8').includes(needle));
    // The entry page's template and app.js, found by their text; the detail page is not fetched ahead.
    const [entryPage, appJs, detailPage] = [chunkOf('Tap the button below'), chunkOf('launchedAt'), chunkOf('You picked: ')];
    expect(entryPage && appJs && detailPage).toBeTruthy();
    expect(preloaded).toContain(entryPage);
    expect(preloaded).toContain(appJs);
    expect(preloaded).not.toContain(detailPage);
    // Opening the app requests nothing index.html did not name (the simulator loads outside
    // Telegram only; the rest of wx's tables, compiler/vite/apiTables.ts, after the first page).
    const from = app.server.requests.length;
    const { page, errors } = await open();
    const named = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]!));
    const fetched = app.server.requests.slice(from).filter((p) => p.includes('/assets/')).map((p) => p.slice(p.lastIndexOf('/') + 1));
    expect(fetched.filter((f) => !named.has(f) && !f.startsWith('simulator-') && !f.startsWith('apiTablesAll-'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the runtime loads a lazy chunk with its imports in parallel, through its own preload helper (not Vite’s)', async () => {
    const assets = path.join(app.out, 'assets');
    const runtime = readFileSync(path.join(assets, readdirSync(assets).find((f) => /^wx2tg-runtime-.*\.js$/.test(f))!), 'utf8');
    expect(runtime).not.toContain('vite:preloadError');
    // extras (getSetting and others) imports tempFiles: asking for one adds a modulepreload of the other.
    const extras = readdirSync(assets).find((f) => /^extras-.*\.js$/.test(f))!;
    const dep = readdirSync(assets).find((f) => /^tempFiles-.*\.js$/.test(f))!;
    expect(readFileSync(path.join(assets, extras), 'utf8')).toContain(dep);
    const { page, errors } = await open();
    const links = (): Promise<string[]> => page.$$eval('link[rel="modulepreload"]', (ls) => ls.map((l) => (l as HTMLLinkElement).href));
    expect((await links()).some((h) => h.endsWith(dep))).toBe(false);
    expect(await page.evaluate(() => (window as any).wx.getSetting().then((r: { errMsg: string }) => r.errMsg))).toBe('getSetting:ok');
    expect((await links()).filter((h) => h.endsWith(dep))).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lays out in rpx: 32rpx of padding is 32/750 of the width', async () => {
    const { page } = await open();
    const padding = await page.$eval('.container', (el) => getComputedStyle(el).paddingLeft);
    expect(parseFloat(padding)).toBeCloseTo((390 * 32) / 750, 1);
    const bg = await page.$eval('wx-page', (el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(246, 246, 246)');
    await page.close();
  });

  it('navigates with wx.navigateTo, shows the back button, and Telegram’s back button returns', async () => {
    const { page, errors } = await open();
    await page.locator('wx-view.fruit').nth(1).click();
    await page.click('#open');
    await page.locator('#picked').waitFor();
    expect(await page.textContent('#picked')).toBe('You picked: pear');
    expect(new URL(page.url()).hash).toBe('#/pages/detail/detail?id=pear');
    expect(await page.textContent('wx-navigation-bar')).toBe('Details');
    expect(await backButtonCalls(page)).toEqual([false, true]);
    // Telegram's back button: the simulator sends back_button_pressed, as the client would.
    expect(await page.evaluate(() => (window as any).__wx2tgSimulator.pressBack())).toBe(true);
    await page.locator('#count').waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/pages/index/index');
    expect(await backButtonCalls(page)).toEqual([false, true, false]);
    // The index page kept its state while it was below the detail page.
    expect(await page.locator('.fruit__mark').count()).toBe(1);
    const methods = (await bridgeLog(page)).map((c) => c.method);
    expect(methods).toContain('web_app_ready');
    expect(methods).toContain('web_app_set_header_color');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('wx.navigateBack from the page, and the browser’s own back, both pop the stack', async () => {
    const { page } = await open();
    await page.click('#open');
    await page.locator('#picked').waitFor();
    await page.click('#back');
    await page.locator('#count').waitFor({ state: 'visible' });
    await expect.poll(() => backButtonCalls(page)).toEqual([false, true, false]);
    await page.click('#open');
    await page.locator('#picked').waitFor();
    await page.goBack();
    await page.locator('#count').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#picked').count()).toBe(0);
    await expect.poll(() => backButtonCalls(page)).toEqual([false, true, false, true, false]);
    await page.close();
  });

  it('reports system information that agrees with the layout', async () => {
    const { page } = await open();
    const info = await page.evaluate(() => (window as any).wx.getSystemInfoSync());
    expect(info.windowWidth).toBe(390);
    expect(info.windowHeight).toBe(844 - 44);
    expect(info.SDKVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.theme).toBe('light');
    expect(['ios', 'android', 'mac', 'windows']).toContain(info.platform);
    const res = await page.evaluate(() => (window as any).wx.getSystemInfo());
    expect(res.errMsg).toBe('getSystemInfo:ok');
    const menu = await page.evaluate(() => (window as any).wx.getMenuButtonBoundingClientRect());
    expect(menu.right).toBeLessThanOrEqual(390);
    expect(menu.bottom).toBeLessThanOrEqual(44);
    await page.close();
  });

  it('reload restores the page the URL names', async () => {
    const { page } = await open();
    await page.click('#open');
    await page.locator('#picked').waitFor();
    await page.reload();
    await page.locator('#picked').waitFor();
    expect(await page.textContent('#picked')).toBe('You picked: none');
    await page.close();
  });
});

describe('served under a sub-path', () => {
  it('works from /apps/hello/ on any static server', async () => {
    const sub = await buildAndServe('samples/hello', { base: '/apps/hello/' });
    try {
      const { page, errors } = await open(sub.server.url);
      await page.click('#tap');
      await expect.poll(() => page.textContent('#count')).toBe('Taps: 1');
      expect(sub.server.requests.every((p) => p.startsWith('/apps/hello/') || p === '/favicon.ico')).toBe(true);
      expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
      await page.close();
    } finally {
      await sub.close();
    }
  });
});

describe('a program that fails at launch', () => {
  it('shows why on screen instead of a blank page, and app.js throwing at its top level is contained', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-broken-'));
    mkdirSync(path.join(dir, 'pages/a'), { recursive: true });
    writeFileSync(path.join(dir, 'app.json'), '{"pages": ["pages/a/a"]}');
    writeFileSync(path.join(dir, 'app.js'), 'global.flag = 1; undefinedFunction();');
    writeFileSync(path.join(dir, 'pages/a/a.wxml'), '<view>a</view>');
    writeFileSync(path.join(dir, 'pages/a/a.js'), 'throw new Error("page script is broken")');
    const built = await buildAndServe(dir);
    try {
      const page = await browser.newPage();
      await page.goto(built.server.url);
      await page.locator('wx-launch-error').waitFor();
      expect(await page.textContent('wx-launch-error')).toContain('page script is broken');
      expect(await page.evaluate(() => (globalThis as any).flag)).toBe(1);
      await page.close();
    } finally {
      await built.close();
    }
  });
});
