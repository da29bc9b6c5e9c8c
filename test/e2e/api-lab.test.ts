/**
 * samples/api-lab in Chromium: the page stack with WeChat's lifecycle order, the 10-page limit,
 * switchTab keeping tab pages alive, App.onPageNotFound at launch, a startapp deep link into a
 * subpackage page with its query, safe areas and fullscreen from Telegram's events, the capsule
 * rect a custom navigation bar lays out around, and closing confirmation in the bridge log.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/api-lab')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(url = app.server.url, viewport = { width: 390, height: 844 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.locator('wx-page:not([hidden])').first().waitFor();
  return { page, errors };
}

/** The lifecycle log app.js keeps, from `from` on. */
const logOf = (page: Page, from = 0): Promise<string[]> => page.evaluate((n) => (getApp() as any).globalData.log.slice(n), from);
const logLength = (page: Page): Promise<number> => page.evaluate(() => (getApp() as any).globalData.log.length);
const top = (page: Page): Promise<string> => page.evaluate(() => getCurrentPages().map((p: any) => p.route + (p.options?.n ? '#' + p.options.n : '')).join(' > '));
const visible = (page: Page, sel: string) => page.locator(`wx-page:not([hidden]) ${sel}`);

declare function getApp(): unknown;
declare function getCurrentPages(): unknown[];

describe('samples/api-lab: the page stack', () => {
  it('navigateTo / navigateBack(2) / redirectTo / reLaunch run the lifecycle hooks in WeChat’s order', async () => {
    const { page, errors } = await open();
    await expect.poll(() => logOf(page)).toEqual(['app.onLaunch pages/home/home', 'home.onLoad {}', 'home.onShow', 'home.onReady']);
    let n = await logLength(page);
    await visible(page, '#push').click();
    await visible(page, '#where').waitFor();
    await expect.poll(() => logOf(page, n)).toEqual(['home.onHide', 'stack1.onLoad {"n":"1"}', 'stack1.onShow', 'stack1.onReady']);
    await visible(page, '#next').click();
    await expect.poll(() => top(page)).toBe('pages/home/home > pages/stack/stack#1 > pages/stack/stack#2');
    // onReady follows the first render by a frame: let it land before counting from here
    await expect.poll(async () => (await logOf(page)).at(-1)).toBe('stack2.onReady');
    n = await logLength(page);
    await visible(page, '#back2').click();
    await expect.poll(() => top(page)).toBe('pages/home/home');
    await expect.poll(() => logOf(page, n)).toEqual(['stack2.onUnload', 'stack1.onUnload', 'home.onShow']);
    await visible(page, '#push').click();
    await visible(page, '#redirect').click();
    await expect.poll(() => top(page)).toBe('pages/home/home > pages/stack/stack#101');
    await expect.poll(async () => (await logOf(page)).at(-1)).toBe('stack101.onReady');
    n = await logLength(page);
    await visible(page, '#relaunch').click();
    await expect.poll(() => top(page)).toBe('pages/home/home');
    await expect.poll(() => logOf(page, n)).toEqual(['stack101.onUnload', 'home.onUnload', 'home.onLoad {}', 'home.onShow', 'home.onReady']);
    // Every page here has the same colours: Telegram was told them once, not at each navigation.
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_set_header_color')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the stack holds 10 pages; the 11th navigateTo fails with WeChat’s errMsg; the back button follows the depth', async () => {
    const { page } = await open();
    await visible(page, '#push').click();
    for (let i = 2; i <= 9; i++) {
      await visible(page, '#next').click();
      await expect.poll(() => page.evaluate(() => getCurrentPages().length)).toBe(i + 1);
    }
    await visible(page, '#next').click();
    await expect.poll(() => visible(page, '#error').innerText()).toBe('navigateTo:fail webview count limit exceed');
    expect(await page.evaluate(() => getCurrentPages().length)).toBe(10);
    const back = (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_back_button').map((c) => c.params.is_visible);
    expect(back[0]).toBe(false);
    expect(back.at(-1)).toBe(true);
    await page.evaluate(() => (window as any).__wx2tgSimulator.pressBack());
    await expect.poll(() => page.evaluate(() => getCurrentPages().length)).toBe(9);
    await page.close();
  });

  it('switchTab keeps tab pages alive with their state and closes the pages above', async () => {
    const { page } = await open();
    await page.evaluate(() => (window as any).wx.switchTab({ url: '/pages/tab2/tab2' }));
    await visible(page, '#inc').click();
    await visible(page, '#inc').click();
    await expect.poll(() => visible(page, '#count').innerText()).toBe('count 2');
    await page.evaluate(() => (window as any).wx.switchTab({ url: '/pages/home/home' }));
    await visible(page, '#push').click();
    await visible(page, '#tab').click();
    await expect.poll(() => top(page)).toBe('pages/tab2/tab2');
    expect(await visible(page, '#count').innerText()).toBe('count 2');
    const log = await logOf(page);
    expect(log.filter((l) => l.startsWith('tab2.onLoad'))).toHaveLength(1);
    expect(log).toContain('stack1.onUnload');
    await page.close();
  });
});

describe('samples/api-lab: launch', () => {
  it('a startapp deep link opens a subpackage page with its query; getLaunchOptionsSync reports it', async () => {
    const param = Buffer.from('sub/pages/deep/deep?id=7&from=link').toString('base64url');
    const { page, errors } = await open(`${app.server.url}?tgWebAppStartParam=${param}`);
    await expect.poll(() => visible(page, '#deep').innerText()).toBe('deep page · id 7 · from link · depth 1');
    const opts = await page.evaluate(() => (window as any).wx.getLaunchOptionsSync());
    expect(opts).toMatchObject({ path: 'sub/pages/deep/deep', query: { id: '7', from: 'link' }, scene: 1037 });
    expect(await page.evaluate(() => (window as any).wx.getEnterOptionsSync().path)).toBe('sub/pages/deep/deep');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an entry page that does not exist goes to App.onPageNotFound, which redirects', async () => {
    const { page } = await open(`${app.server.url}#/pages/gone/gone?x=1`);
    await expect.poll(() => visible(page, '#found').innerText()).toBe('No page "pages/gone/gone": App.onPageNotFound sent you here.');
    expect(await page.evaluate(() => (getApp() as any).globalData.notFound)).toEqual(['pages/gone/gone (entry)']);
    await page.close();
  });
});

describe('samples/api-lab: button open types', () => {
  it('open-type="share" asks the page (onShareAppMessage) and opens Telegram’s share dialog with a startapp link to that page', async () => {
    const { page, errors } = await open();
    await visible(page, '#share').click();
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_open_tg_link').length).toBe(1);
    const call = (await bridgeLog(page)).find((c) => c.method === 'web_app_open_tg_link')!;
    const share = new URL('https://t.me' + call.params.path_full);
    expect(share.pathname).toBe('/share/url');
    expect(share.searchParams.get('text')).toBe('Stack lab (button)');
    const link = new URL(share.searchParams.get('url')!);
    expect(link.origin + link.pathname).toBe('https://t.me/wx2tg_demo_bot/lab');
    expect(Buffer.from(link.searchParams.get('startapp')!, 'base64url').toString()).toBe('pages/stack/stack?n=5');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('open-type="getPhoneNumber" asks Telegram for the contact: a code the server can check, or "user deny"', async () => {
    const { page } = await open();
    await visible(page, '#phone').click();
    await expect.poll(() => visible(page, '#answer').innerText()).toBe('getPhoneNumber:fail user deny');
    await page.evaluate(() => ((window as any).__wx2tgSimulator.autoAnswer.phone = 'sent'));
    await visible(page, '#phone').click();
    await expect.poll(() => visible(page, '#answer').innerText()).toBe('getPhoneNumber:ok tmacontact.');
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_request_phone')).toHaveLength(2);
    await visible(page, '#user').click();
    await expect.poll(() => visible(page, '#answer').innerText()).toBe('getUserInfo:ok Ada Tester');
    await page.close();
  });
});

describe('samples/api-lab: Telegram chrome', () => {
  it('safe areas from Telegram become insets: status bar, capsule rect, a custom bar laid out around it', async () => {
    const { page } = await open();
    await page.evaluate(() => (window as any).__wx2tgSimulator.setSafeArea({ top: 47, bottom: 34, left: 0, right: 0 }));
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tg-safe-area-inset-top'))).toBe('47px');
    // The shell's bar starts below the status bar.
    const bar = await page.locator('wx-navigation-bar').boundingBox();
    expect(bar!.y + bar!.height).toBe(47 + 44);
    await visible(page, '#safe').click();
    await visible(page, '#info').waitFor();
    expect(await visible(page, '#info').innerText()).toBe('status 47 · menu top 53 height 32 · safe bottom 810 · window 844');
    const own = await visible(page, '#bar').boundingBox();
    expect(own!.height).toBe(47 + 44);
    await page.close();
  });

  it('fullscreen: the bar takes Telegram’s control band; the capsule rect sits in it', async () => {
    const { page } = await open();
    await page.evaluate(() => {
      const sim = (window as any).__wx2tgSimulator;
      sim.setSafeArea({ top: 47, bottom: 34, left: 0, right: 0 });
      sim.handle('web_app_request_fullscreen', {});
    });
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('wx-fullscreen'))).toBe(true);
    await expect.poll(async () => (await page.locator('wx-navigation-bar').boundingBox())!.height).toBe(47 + 46);
    const rect = await page.evaluate(() => (window as any).wx.getMenuButtonBoundingClientRect());
    expect(rect.top).toBe(47 + 7);
    await page.close();
  });

  it('enableAlertBeforeUnload: Telegram’s back asks first (stay or leave); closing confirmation follows the page', async () => {
    const { page } = await open();
    await visible(page, '#safe').click();
    await visible(page, '#guard-on').click();
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_closing_behavior').map((c) => c.params.need_confirmation)).toEqual([true]);
    await page.evaluate(() => (window as any).__wx2tgSimulator.autoAnswer.popup = 'cancel');
    await page.evaluate(() => (window as any).__wx2tgSimulator.pressBack());
    await expect.poll(async () => (await bridgeLog(page)).some((c) => c.method === 'web_app_open_popup' && /draft is not saved/.test(c.params.message))).toBe(true);
    await page.waitForTimeout(100);
    expect(await top(page)).toBe('pages/home/home > pages/safe/safe');
    await page.evaluate(() => (window as any).__wx2tgSimulator.autoAnswer.popup = 'confirm');
    await page.evaluate(() => (window as any).__wx2tgSimulator.pressBack());
    await expect.poll(() => top(page)).toBe('pages/home/home');
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_closing_behavior').map((c) => c.params.need_confirmation)).toEqual([true, false]);
    await page.close();
  });
});
