/**
 * samples/structure: a program whose root sits in a subfolder (project.config.json), with
 * subpackages (one fetched ahead by preloadRule, one independent), TypeScript pages and app.ts,
 * CommonJS utilities and a JSON require, resolveAlias paths in scripts and usingComponents,
 * a component with componentGenerics, .wxs files that require each other, a miniprogram_npm
 * component, and less/scss styles through the compiler plugins it declares — built by the CLI,
 * run in Chromium.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/structure')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('samples/structure in Chromium', () => {
  it('renders TS + CommonJS + wxs + npm component, and loads the subpackage chunk only on navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = watchErrors(page);
    await page.goto(app.server.url);
    await page.locator('#today').waitFor();
    expect(await page.textContent('#today')).toBe('Today is 2026-11-24');
    expect(await page.textContent('#total')).toBe('Total: ⭐123.45 3 items');
    expect(await page.textContent('#bad')).toBe('—');
    // index.scss (sass plugin): nested rule with a variable
    expect(await page.locator('#today').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(22, 119, 255)');
    expect(await page.locator('fancy-badge wx-text').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 77, 79)');

    // componentGenerics: the default (plain-option), and the host's choice (generic:choice="star-option")
    expect(await page.locator('#plain-list choice').allTextContents()).toEqual(['red', 'green']);
    expect(await page.locator('#star-list choice').allTextContents()).toEqual(['★ gold']);

    const subChunk = (p: string): boolean => /\/assets\/sub-orders-[\w-]+\.(js|css)$/.test(p);
    const moreChunk = (p: string): boolean => /\/assets\/sub-more-[\w-]+\.js$/.test(p);
    expect(app.server.requests.filter(subChunk)).toEqual([]);
    expect(app.server.requests.filter(moreChunk)).toEqual([]);
    await page.click('#orders');
    await page.locator('#from').waitFor();
    expect(app.server.requests.filter(subChunk).length).toBeGreaterThan(0);
    expect(await page.textContent('#from')).toBe('Opened from index (1 time)');
    expect(await page.locator('wx-view.order, [class~="order"]').count()).toBe(2);
    expect(await page.textContent('wx-page[data-route="orders/pages/list/list"]')).toContain('A-2 on day 14: $12.50');
    // list.less (less plugin): variables, arithmetic and rpx
    const padding = await page.locator('wx-page[data-route="orders/pages/list/list"] wx-view').first().evaluate((el) => getComputedStyle(el).paddingTop);
    expect(parseFloat(padding)).toBeCloseTo((20 * 390) / 750, 1);
    // preloadRule: showing the orders list fetched the "more" subpackage before anyone opened it
    await expect.poll(() => app.server.requests.filter(moreChunk).length).toBe(1);
    expect(await page.locator('#about-text').count()).toBe(0);
    await page.click('#about');
    await page.locator('#about-text').waitFor();
    expect(await page.textContent('#about-text')).toBe('About: fetched ahead by preloadRule');
    expect(app.server.requests.filter(moreChunk).length).toBe(1);
    await page.goBack();
    await page.locator('#from').waitFor({ state: 'visible' });
    // require.async from the main package reached a module of the subpackage
    await page.goBack();
    await expect.poll(() => page.textContent('#async')).toBe('require.async loaded 2 orders');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a deep link straight into the subpackage page works after reload', async () => {
    const page = await browser.newPage();
    await page.goto(app.server.url + '#/orders/pages/list/list?from=link');
    await page.locator('#from').waitFor();
    expect(await page.textContent('#from')).toBe('Opened from link (0 times)');
    await page.close();
  });

  it('an independent subpackage opens without the main package; app.js runs when a main page opens', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const from = app.server.requests.length;
    const requested = (re: RegExp): string[] => app.server.requests.slice(from).filter((p) => re.test(p));
    await page.goto(app.server.url + '#/guest/pages/welcome/welcome');
    await page.locator('#greeting').waitFor();
    expect(await page.textContent('#greeting')).toBe('Welcome, guest');
    expect(await page.textContent('#app-state')).toBe('no app yet (default app: yes)');
    expect(requested(/\/assets\/sub-guest-[\w-]+\.js$/).length).toBe(1);
    // neither app.js nor a page of the main package was fetched
    expect(requested(/\/assets\/(_wx2tg_app|index)-[\w-]+\.js$/)).toEqual([]);

    // preloadRule "__APP__": the main package is fetched, not run
    await page.click('#next');
    await page.locator('#next-state').waitFor();
    await expect.poll(() => requested(/\/assets\/(_wx2tg_app|index)-[\w-]+\.js$/).length).toBe(2);
    expect(await page.textContent('#next-state')).toBe('still no app');

    // entering the main package runs app.js first (the index page reads getApp() at load)
    await page.click('#home');
    await page.locator('#today').waitFor();
    expect(await page.textContent('#total')).toContain('⭐123.45');
    expect(await page.evaluate(() => (globalThis as any).getApp()?.globalData?.currency)).toBe('XTR');
    expect(requested(/\/assets\/(_wx2tg_app|index)-[\w-]+\.js$/).length).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
