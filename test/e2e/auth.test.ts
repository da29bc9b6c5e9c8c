/**
 * wx.login in the dev simulator: the code carries the init data the dev server signed, and the
 * server kit validates it with the same bot token (what code2Session will build on).
 */
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_TOKEN, startDevServer } from '../../dist/compiler/dev.js';
import { checkInitData, initDataFromCode } from '../../dist/server/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { REPO } from '../helpers/sample.js';

let browser: Browser;
let server: ViteDevServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startDevServer(`${REPO}/samples/hello`, { port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('wx.login and the user', () => {
  it('gives a code whose init data validates against the bot token; the user comes from Telegram', async () => {
    const page = await browser.newPage();
    await page.goto(server.resolvedUrls!.local[0]!);
    const frame = page.frameLocator('#app-frame');
    await frame.locator('#count').waitFor();
    const app = page.frames().find((f) => f.url().includes('/app.html'))!;
    const res = (await app.evaluate(() => (window as any).wx.login().catch((e: unknown) => e))) as { code: string; errMsg: string };
    expect(res.errMsg).toBe('login:ok');
    const raw = initDataFromCode(res.code)!;
    const check = checkInitData(raw, DEV_BOT_TOKEN);
    expect(check.ok).toBe(true);
    expect(checkInitData(raw, '1:another-bot').ok).toBe(false);
    const profile = (await app.evaluate(() => (window as any).wx.getUserProfile({ desc: 'test' }))) as { userInfo: { nickName: string; language: string } };
    expect(profile.userInfo).toMatchObject({ nickName: 'Ada Tester', language: 'en' });
    expect(await app.evaluate(() => (window as any).wx.checkSession().then((r: { errMsg: string }) => r.errMsg))).toBe('checkSession:ok');
    await page.close();
  });
});
