/**
 * samples/showcase (the default of `npm start`): a small shop with a tabBar. Tab pages stay alive
 * across switchTab, the cart badge follows wx.setTabBarBadge, a product page opens above the
 * tabs and switches to the cart.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe('samples/showcase')]);
  page = await browser.newPage({ viewport: { width: 390, height: 700 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('wx-view.product').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const tab = (i: number) => page.locator('.wx-tab-bar__item').nth(i);
const badge = () => page.locator('.wx-tab-bar__badge').nth(1);

describe('samples/showcase in Chromium', () => {
  it('shows the tabBar with the first tab selected and its icons loaded', async () => {
    expect(await page.locator('wx-tab-bar').isVisible()).toBe(true);
    expect(await tab(0).getAttribute('aria-selected')).toBe('true');
    expect(await tab(0).locator('.wx-tab-bar__text').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(7, 193, 96)');
    expect(await tab(1).locator('.wx-tab-bar__text').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(122, 126, 131)');
    expect(await tab(0).locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(81);
    expect(await badge().isVisible()).toBe(false);
  });

  it('images load by their program paths (from data) and report their size through bindload', async () => {
    const img = page.locator('wx-view.product wx-image img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(160);
    expect(await img.getAttribute('src')).toBe(`${app.server.url}images/products/tea.png`);
    expect(await img.evaluate((el) => getComputedStyle(el).objectFit)).toBe('cover');
    await expect.poll(() => page.evaluate(() => (window as any).getCurrentPages()[0].data.imagesLoaded)).toBe(4);
  });

  it('a horizontal scroll-view scrolls and reports bindscroll', async () => {
    const strip = page.locator('#featured');
    expect(await strip.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await strip.evaluate((el) => (el.scrollLeft = 60));
    await expect.poll(() => page.evaluate(() => (window as any).getCurrentPages()[0].data.featuredScroll)).toBe(60);
  });

  it('the home page turns Telegram’s vertical swipes off for its pull-down refresh', async () => {
    const swipes = (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_swipe_behavior');
    expect(swipes[0]?.params).toEqual({ allow_vertical_swipe: false });
  });

  it('adding products sets the cart badge', async () => {
    await page.locator('.product__add').nth(0).click();
    await page.locator('.product__add').nth(1).click();
    await page.locator('.product__add').nth(1).click();
    await expect.poll(() => badge().textContent()).toBe('3');
    expect(await page.textContent('#added')).toBe('Clay mug added to the cart');
  });

  it('switchTab keeps tab pages alive; onShow runs on each visit', async () => {
    await tab(1).click();
    await page.locator('#total').waitFor();
    expect(await page.textContent('#total')).toContain('72');
    expect(await page.textContent('#visits')).toBe('Cart opened 1 time');
    expect(new URL(page.url()).hash).toBe('#/pages/cart/cart');
    await tab(0).click();
    await expect.poll(() => page.locator('#added').isVisible()).toBe(true);
    expect(await page.textContent('#added')).toBe('Clay mug added to the cart');
    await tab(1).click();
    await expect.poll(() => page.textContent('#visits')).toBe('Cart opened 2 times');
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_back_button').every((c) => c.params.is_visible === false)).toBe(true);
  });

  it('a navigator opens a product; its widthFix image takes its height from the picture', async () => {
    await tab(0).click();
    await page.locator('#featured wx-navigator').nth(1).click();
    await page.locator('#name').waitFor();
    expect(await page.textContent('#name')).toBe('Clay mug');
    await expect.poll(() => page.locator('#hero').evaluate((el) => Math.round(el.getBoundingClientRect().height))).toBe(390);
    // The gallery is a swiper: a drag to the left moves to the next photo and fires change.
    const box = (await page.locator('#gallery').boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 150);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 150, { steps: 3 });
    await page.mouse.move(box.x + 60, box.y + 150, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => page.textContent('#slide')).toBe('Photo 2 of 3');
    expect(await page.locator('#gallery .wx-swiper__dot').count()).toBe(3);
    await expect.poll(() => page.locator('#gallery wx-swiper-item').nth(1).evaluate((el) => Math.round(el.getBoundingClientRect().left))).toBe(0);
    await page.evaluate(() => (window as any).wx.navigateBack());
    await page.locator('wx-view.product').first().waitFor({ state: 'visible' });
  });

  it('a product page opens above the tabs (back button shown, tabBar hidden) and can switch to the cart', async () => {
    await tab(0).click();
    await page.locator('wx-view.product').nth(2).click();
    await page.locator('#name').waitFor();
    expect(await page.textContent('#name')).toBe('Paper fan');
    // The product page draws its own bar (navigationStyle custom), laid out around the capsule.
    expect(await page.locator('wx-navigation-bar').isVisible()).toBe(false);
    expect((await page.locator('nav-bar').innerText()).trim()).toContain('Paper fan');
    // Tags know their group through relations; the price is formatted by wxs.
    expect(await page.textContent('#tag-count')).toBe('2 tags');
    expect(await page.locator('wx-tab-bar').isVisible()).toBe(false);
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_back_button').pop()?.params.is_visible).toBe(true);
    // EventChannel: the opener emitted "opened" in navigateTo's success; #buy emits "added" back.
    await expect.poll(() => page.textContent('#opened-from')).toBe('Opened from home');
    await page.click('#buy');
    await page.click('#to-cart');
    await expect.poll(() => page.textContent('#total')).toContain('80');
    expect(await page.locator('wx-tab-bar').isVisible()).toBe(true);
    expect(await badge().textContent()).toBe('4');
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_setup_back_button').pop()?.params.is_visible).toBe(false);
    await tab(0).click();
    await expect.poll(() => page.textContent('#added')).toBe('Paper fan added to the cart');
  });

  it('the orders subpackage is a chunk of its own, not fetched while no order is opened', async () => {
    expect(readdirSync(path.join(app.out, 'assets')).some((f) => /^sub-orders-.*\.js$/.test(f))).toBe(true);
    expect(app.server.requests.filter((r) => r.includes('sub-orders'))).toEqual([]);
  });

  it('a product shares as a t.me link that opens that product; the custom bar’s back button goes back', async () => {
    await tab(0).click();
    await page.locator('wx-view.product').nth(1).click();
    await page.locator('#share').waitFor();
    await page.click('#share');
    await expect.poll(async () => (await bridgeLog(page)).filter((c) => c.method === 'web_app_open_tg_link').length).toBe(1);
    const share = new URL('https://t.me' + (await bridgeLog(page)).find((c) => c.method === 'web_app_open_tg_link')!.params.path_full);
    expect(share.searchParams.get('text')).toBe('Clay mug · Tiny Shop');
    const link = new URL(share.searchParams.get('url')!);
    expect(link.origin + link.pathname).toBe('https://t.me/wx2tg_shop_bot/shop');
    const startapp = link.searchParams.get('startapp')!;
    expect(Buffer.from(startapp, 'base64url').toString()).toBe('pages/product/product?id=mug&from=share');
    await page.click('#nav-back');
    await page.locator('wx-view.product').first().waitFor({ state: 'visible' });
    // The friend opens the link: Telegram starts the Mini App with that start parameter.
    const friend = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await friend.goto(`${app.server.url}?tgWebAppStartParam=${startapp}`);
    await expect.poll(() => friend.textContent('#opened-from').catch(() => null)).toBe('Opened from a shared link');
    expect(await friend.textContent('#name')).toBe('Clay mug');
    expect(await friend.evaluate(() => (window as any).getCurrentPages().length)).toBe(1);
    await friend.close();
  });

  it('navigateTo a tab page fails with WeChat’s errMsg; the tabBar APIs validate the index', async () => {
    const res = await page.evaluate(() => (window as any).wx.navigateTo({ url: '/pages/me/me' }).catch((e: unknown) => e));
    expect(res).toEqual({ errMsg: 'navigateTo:fail can not navigateTo a tabbar page' });
    const bad = await page.evaluate(() => (window as any).wx.setTabBarBadge({ index: 7, text: '1' }).catch((e: unknown) => e));
    expect(bad).toEqual({ errMsg: 'setTabBarBadge:fail tabbar item not found' });
    await page.evaluate(() => (window as any).wx.showTabBarRedDot({ index: 2 }));
    expect(await page.locator('.wx-tab-bar__badge--dot').count()).toBe(1);
  });

  it('the cart survives a reload (localStorage) and a lost localStorage (Telegram DeviceStorage)', async () => {
    await expect.poll(async () => (await bridgeLog(page)).some((c) => c.method === 'web_app_device_storage_save_key' && c.params.key === 'wx2tg:s:cart')).toBe(true);
    await page.reload();
    await page.locator('wx-tab-bar').waitFor();
    await expect.poll(() => badge().textContent()).toBe('4');
    // The WebView loses its localStorage; DeviceStorage (kept by the Telegram client) still has the cart.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('wx2tg:s:')) localStorage.removeItem(k);
    });
    await page.reload();
    await page.locator('wx-tab-bar').waitFor();
    await expect.poll(() => badge().textContent()).toBe('4');
    const log = await bridgeLog(page);
    expect(log.some((c) => c.method === 'web_app_device_storage_get_key' && c.params.key === 'wx2tg:index')).toBe(true);
  });

  it('showModal uses Telegram’s popup when it fits; the answer comes back as confirm; showToast shows', async () => {
    await tab(1).click();
    await page.locator('#clear').click();
    await expect.poll(() => page.evaluate(() => (window as any).__wx2tgSimulator.pending.length)).toBe(1);
    const popup = await page.evaluate(() => (window as any).__wx2tgSimulator.pending[0]);
    expect(popup.kind).toBe('popup');
    expect(popup.params).toEqual({
      title: 'Clear the cart?',
      message: 'Every item will be removed.',
      buttons: [
        { id: 'cancel', type: 'default', text: 'Cancel' },
        { id: 'confirm', type: 'default', text: 'Clear' },
      ],
    });
    // A second modal while Telegram's popup is open is drawn by us (Telegram shows one at a time).
    const second = page.evaluate(() => (window as any).wx.showModal({ title: 'Second', content: 'Meanwhile' }));
    await page.locator('wx-modal').waitFor();
    await page.locator('wx-modal .wx-modal__cancel').click();
    expect(await second).toEqual({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    await page.evaluate((id) => (window as any).__wx2tgSimulator.answer(id, 'confirm'), popup.id);
    await page.locator('#empty').waitFor();
    expect(await page.locator('wx-toast').textContent()).toBe('Cleared');
    await expect.poll(() => badge().isVisible()).toBe(false);
  });

  it('editable showModal, showActionSheet and showLoading draw our own UI', async () => {
    const modal = page.evaluate(() => (window as any).wx.showModal({ title: 'Name', editable: true, placeholderText: 'Your name' }));
    await page.locator('wx-modal textarea').fill('Ada');
    await page.locator('wx-modal .wx-modal__confirm').click();
    expect(await modal).toEqual({ confirm: true, cancel: false, content: 'Ada', errMsg: 'showModal:ok' });
    const sheet = page.evaluate(() => (window as any).wx.showActionSheet({ itemList: ['One', 'Two', 'Three', 'Four'] }));
    await page.locator('wx-action-sheet .wx-action-sheet__item', { hasText: 'Three' }).click();
    expect(await sheet).toEqual({ tapIndex: 2, errMsg: 'showActionSheet:ok' });
    const cancelled = page.evaluate(() => (window as any).wx.showActionSheet({ itemList: ['A'] }).catch((e: unknown) => e));
    await page.locator('wx-action-sheet .wx-action-sheet__cancel').click();
    expect(await cancelled).toEqual({ errMsg: 'showActionSheet:fail cancel' });
    await page.evaluate(() => (window as any).wx.showLoading({ title: 'Loading' }));
    expect(await page.locator('wx-toast .wx-toast__spinner').count()).toBe(1);
    await page.evaluate(() => (window as any).wx.hideLoading());
    expect(await page.locator('wx-toast').count()).toBe(0);
  });

  it('Telegram’s dark theme drives WeChat darkmode: theme.json values, dark styles, onThemeChange', async () => {
    await page.evaluate(() => {
      (window as any).__themes = [];
      (window as any).wx.onThemeChange((res: { theme: string }) => (window as any).__themes.push(res.theme));
    });
    expect(await page.evaluate(() => document.documentElement.classList.contains('wx-dark'))).toBe(false);
    await page.evaluate(() => (window as any).__wx2tgSimulator.setColorScheme('dark'));
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('wx-dark'))).toBe(true);
    expect(await page.evaluate(() => (window as any).__themes)).toEqual(['dark']);
    expect(await page.locator('wx-navigation-bar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 31, 31)');
    expect(await page.locator('wx-page:not([hidden])').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(17, 17, 17)');
    expect(await page.locator('wx-tab-bar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 31, 31)');
    expect((await bridgeLog(page)).filter((c) => c.method === 'web_app_set_header_color').pop()?.params.color).toBe('#1f1f1f');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color'))).toBe('#212121');
    expect(await page.evaluate(() => (window as any).wx.getSystemInfoSync().theme)).toBe('dark');
    await page.evaluate(() => (window as any).__wx2tgSimulator.setColorScheme('light'));
    await expect.poll(() => page.evaluate(() => (window as any).__themes)).toEqual(['dark', 'light']);
    expect(await page.locator('wx-navigation-bar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  });

  it('pull-down refresh: a pull from the top calls onPullDownRefresh; stopPullDownRefresh ends it', async () => {
    await tab(0).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(200, 200);
    await page.mouse.down();
    await page.mouse.move(200, 260, { steps: 4 });
    await page.mouse.move(200, 340, { steps: 4 });
    expect(await page.locator('wx-pull-refresh').isVisible()).toBe(true);
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => (window as any).getCurrentPages()[0].data.refreshed)).toBe(1);
    await expect.poll(() => page.locator('wx-pull-refresh').isVisible()).toBe(false);
    expect(await page.locator('wx-toast').textContent()).toBe('Refreshed');
  });

  it('onReachBottom loads more as the list is scrolled to its end, once per arrival', async () => {
    await page.setViewportSize({ width: 390, height: 500 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.locator('wx-view.product').count()).toBe(8);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.locator('wx-view.product').count()).toBe(12);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
    expect(await page.locator('wx-view.product').count()).toBe(12);
    await page.evaluate(() => (window as any).wx.pageScrollTo({ scrollTop: 0, duration: 0 }));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.setViewportSize({ width: 390, height: 700 });
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
