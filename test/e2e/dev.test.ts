/**
 * `wx2tg dev`: the simulator page hosts the app in an iframe and plays Telegram Web around it
 * (postMessage both ways); its panel shows the bridge log and works the back button and theme.
 */
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built CLI code, as `wx2tg dev` runs it (npm test builds first).
import { startDevServer } from '../../dist/compiler/dev.js';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { REPO } from '../helpers/sample.js';

let browser: Browser;
let server: ViteDevServer;
let url: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startDevServer(`${REPO}/samples/hello`, { port: 0 })]);
  url = server.resolvedUrls!.local[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('wx2tg dev simulator', () => {
  it('runs the app in a Telegram-Web-style iframe with signed launch parameters', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(url);
    const app = page.frameLocator('#app-frame');
    await app.locator('#count').waitFor();
    const launch = await page.evaluate(() => (document.querySelector('#app-frame') as HTMLIFrameElement).src);
    const hash = new URLSearchParams(new URL(launch).hash.slice(1));
    expect(hash.get('tgWebAppVersion')).toBe('9.1');
    expect(hash.get('tgWebAppData')).toMatch(/hash=[0-9a-f]{64}/);
    expect(JSON.parse(hash.get('tgWebAppThemeParams')!)).toHaveProperty('bg_color');

    await app.locator('#tap').click();
    await expect.poll(() => app.locator('#count').textContent()).toBe('Taps: 1');
    // The panel's log is what the simulator (the parent page) received over postMessage.
    await expect.poll(() => page.locator('.log').textContent()).toContain('web_app_ready');
    expect(await page.locator('#tg-back').isDisabled()).toBe(true);

    await app.locator('#open').click();
    await app.locator('#picked').waitFor();
    await expect.poll(() => page.locator('#tg-back').isDisabled()).toBe(false);
    expect(await page.locator('.log').textContent()).toContain('web_app_setup_back_button {"is_visible":true}');

    await page.click('#tg-back');
    await app.locator('#count').waitFor();
    await expect.poll(() => page.locator('#tg-back').isDisabled()).toBe(true);
    expect(await app.locator('#count').textContent()).toBe('Taps: 1');

    await page.click('#theme-dark');
    await expect.poll(() => page.evaluate(() => (window as any).__wx2tgSimulator.state.colorScheme)).toBe('dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves a program of CommonJS, TypeScript, JSON requires and wxs files unbundled', async () => {
    const dev = await startDevServer(`${REPO}/samples/structure`, { port: 0 });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors = watchErrors(page);
      await page.goto(dev.resolvedUrls!.local[0]!);
      const app = page.frameLocator('#app-frame');
      await app.locator('#today').waitFor();
      expect(await app.locator('#total').textContent()).toBe('Total: ⭐123.45 3 items');
      await app.locator('#orders').click();
      await app.locator('#from').waitFor();
      expect(await app.locator('#from').textContent()).toBe('Opened from index (1 time)');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await dev.close();
    }
  });
});
