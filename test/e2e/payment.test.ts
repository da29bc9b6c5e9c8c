/**
 * The showcase logs in and pays through the simulator against the real server kit.
 *
 * Telegram's two sides are simulated, nothing of ours: the dev server's panel plays the Telegram
 * client (signed launch data, the invoice sheet), and the Bot API stand-in plays Telegram's
 * servers (createInvoiceLink, the pre_checkout_query / successful_payment webhook updates).
 * The test is the user: it pays the invoice with the stand-in, then closes the sheet as paid.
 * The showcase is copied and its config pointed at this run's server, as a developer would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_BOT_TOKEN, startDevServer } from '../../dist/compiler/dev.js';
import { createServerKit, openStore, TelegramStandIn, type Order, type ServerKit, type Store } from '../../dist/server/index.js';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { REPO } from '../helpers/sample.js';

const ADA = { id: 700000001, is_bot: false as const, first_name: 'Ada', last_name: 'Tester', username: 'wx2tg_ada', language_code: 'en' };

let tmp: string;
let browser: Browser;
let dev: ViteDevServer;
let tg: TelegramStandIn;
let kit: ServerKit;
let store: Store;
let api: http.Server;
let serverUrl: string;
let page: Page;
let app: Frame;
let errors: string[];
const fulfilled: Order[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-pay-'));
  tg = await new TelegramStandIn({ token: DEV_BOT_TOKEN, username: 'tiny_shop_bot' }).start();
  store = await openStore(path.join(tmp, 'shop.sqlite'));
  const config = JSON.parse(readFileSync(path.join(REPO, 'samples/showcase/server/wx2tg-server.json'), 'utf8'));
  kit = createServerKit({
    botToken: DEV_BOT_TOKEN,
    store,
    webhookSecret: 'e2e-secret',
    apiRoot: tg.apiRoot,
    catalog: config.catalog,
    subscribe: { ...config.subscribe, appUrl: 'https://shop.example.com/' },
    fulfilRetryMs: 0,
    hooks: { fulfil: (o: Order) => void fulfilled.push(o) },
  });
  api = http.createServer(kit.handle);
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  serverUrl = `${origin}/wx2tg`;
  await kit.start();
  await kit.setWebhook(origin);
  // The developer's step: point the program at their server.
  const program = path.join(tmp, 'showcase');
  cpSync(path.join(REPO, 'samples/showcase'), program, { recursive: true });
  for (const f of ['config.js', 'app.json']) {
    const file = path.join(program, f);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('http://127.0.0.1:8787/wx2tg', serverUrl));
  }
  [browser, dev] = await Promise.all([launchBrowser(), startDevServer(program, { port: 0, backend: false })]);
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  errors = watchErrors(page);
  await page.goto(dev.resolvedUrls!.local[0]!);
  await page.frameLocator('#app-frame').locator('wx-view.product').first().waitFor();
  app = page.frames().find((f) => f.url().includes('/app.html'))!;
});
afterAll(async () => {
  await browser?.close();
  await dev?.close();
  api?.closeAllConnections();
  await new Promise((r) => api?.close(r));
  await kit?.close();
  await store?.close();
  await tg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const frame = () => page.frameLocator('#app-frame');
const tab = (i: number) => frame().locator('.wx-tab-bar__item').nth(i);
const pendingInvoice = () =>
  page.evaluate(() => (window as any).__wx2tgSimulator.pending.find((p: { kind: string }) => p.kind === 'invoice') as { id: number; params: { slug: string } } | undefined);

describe('showcase: login and payment through the server kit', () => {
  it('logs in: wx.login → code2Session on the server → a session; the user is recorded', async () => {
    await tab(2).click();
    await frame().locator('#login').click();
    await expect.poll(() => frame().locator('#user').textContent().catch(() => null)).toBe('Signed in as Ada');
    const openid = (await frame().locator('#openid').textContent())!.replace('openid ', '');
    expect(await store.userByOpenid(openid)).toMatchObject({ userId: ADA.id, username: 'wx2tg_ada' });
    expect(await frame().locator('#no-orders').textContent()).toBe('No orders yet');
  });

  it('a cancelled invoice fails with WeChat’s "requestPayment:fail cancel"; the order stays pending', async () => {
    await tab(0).click();
    await frame().locator('.product__add').nth(0).click();
    await frame().locator('.product__add').nth(1).click();
    await tab(1).click();
    await frame().locator('#checkout').click();
    await expect.poll(pendingInvoice).toBeTruthy();
    const inv = (await pendingInvoice())!;
    expect(tg.invoices.get(inv.params.slug)).toMatchObject({ currency: 'XTR', total: 42, title: 'Green tea and 1 more' });
    await page.evaluate((id) => (window as any).__wx2tgSimulator.answer(id, 'cancelled'), inv.id);
    await expect.poll(() => frame().locator('#pay-error').textContent().catch(() => null)).toBe('requestPayment:fail cancel');
    const order = await store.order(tg.invoices.get(inv.params.slug)!.payload);
    expect(order).toMatchObject({ status: 'pending' });
  });

  it('pays: the bridge opens the invoice by slug, Telegram charges, the server records the paid order and fulfils it once', async () => {
    await frame().locator('#checkout').click();
    await expect.poll(pendingInvoice).toBeTruthy();
    const inv = (await pendingInvoice())!;
    const log = await app.evaluate(() => (window as any).__wx2tgBridgeLog as { method: string; params: any }[]);
    expect(log.filter((c) => c.method === 'web_app_open_invoice').pop()!.params).toEqual({ slug: inv.params.slug });
    // The user pays in Telegram: pre_checkout_query → the kit says ok → successful_payment.
    const paid = await tg.pay(inv.params.slug, ADA);
    expect(paid.status).toBe('paid');
    await page.evaluate((id) => (window as any).__wx2tgSimulator.answer(id, 'paid'), inv.id);
    await expect.poll(() => frame().locator('#paid').textContent().catch(() => null)).toBe('Order paid. Thank you!');
    expect(await frame().locator('#empty').isVisible()).toBe(true);
    const orderId = tg.invoices.get(inv.params.slug)!.payload;
    expect(await store.order(orderId)).toMatchObject({ status: 'paid', amount: 42, chargeId: paid.chargeId, data: { items: [{ id: 'tea', quantity: 1 }, { id: 'mug', quantity: 1 }] } });
    expect(fulfilled.map((o) => o.id)).toEqual([orderId]);
    // The Me tab lists it from the server.
    await tab(2).click();
    await expect.poll(() => frame().locator('.order__status').allTextContents()).toEqual(expect.arrayContaining(['★ 42 · paid', '★ 42 · pending']));
    expect(await frame().locator('.order').count()).toBe(2); // the cancelled one is still pending
    // An order opens in the "orders" subpackage.
    await frame().locator('.order', { hasText: '· paid' }).click();
    await expect.poll(() => frame().locator('wx-page:not([hidden]) #order-status').textContent().catch(() => null)).toBe('Paid — we are packing it');
    expect(await frame().locator('wx-page:not([hidden]) #order-detail price').textContent()).toBe('★ 42');
    await app.evaluate(() => (window as any).wx.navigateBack());
    await frame().locator('wx-page:not([hidden]) #account').waitFor();
  });

  it('"pending" from Telegram waits for the server’s verdict', async () => {
    await tab(0).click();
    await frame().locator('.product__add').nth(2).click();
    await tab(1).click();
    await frame().locator('#checkout').click();
    await expect.poll(pendingInvoice).toBeTruthy();
    const inv = (await pendingInvoice())!;
    await page.evaluate((id) => (window as any).__wx2tgSimulator.answer(id, 'pending'), inv.id);
    await page.waitForTimeout(300);
    expect(await frame().locator('#paid').count()).toBe(0); // still waiting
    await tg.pay(inv.params.slug, ADA);
    await expect.poll(() => frame().locator('#paid').textContent().catch(() => null), { timeout: 10_000 }).toBe('Order paid. Thank you!');
  });

  it('subscribes to the shipping notice (Telegram write access), and the server’s message opens the orders page', async () => {
    await tab(2).click();
    await frame().locator('#subscribe').click();
    await expect.poll(() => frame().locator('#subscribed').textContent().catch(() => null)).toBe('Shipping notice: accept');
    const openid = (await frame().locator('#openid').textContent())!.replace('openid ', '');
    expect(await store.grants(openid)).toEqual({ ORDER_SHIPPED: 1 });
    tg.writeAllowed.add(ADA.id);
    const sent = await kit.sendSubscribeMessage({ openid, templateId: 'ORDER_SHIPPED', data: { character_string1: { value: 'A-1' }, thing2: { value: 'on its way' } }, page: 'pages/me/me' });
    expect(sent.errcode).toBe(0);
    const msg = tg.sent.pop() as { text: string; reply_markup: any };
    expect(msg.text).toBe('<b>Your order has shipped</b>\nOrder A-1: on its way');
    expect(msg.reply_markup.inline_keyboard[0][0].text).toBe('View my orders');
  });

  it('wx.requestPayment fails in WeChat’s form: no invoice in the params, or Telegram reports the payment failed', async () => {
    const bad = await app.evaluate(() => (window as any).wx.requestPayment({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx123', signType: 'MD5', paySign: 'x' }).catch((e: unknown) => e));
    expect((bad as { errMsg: string }).errMsg).toMatch(/^requestPayment:fail invalid params/);
    const session = await app.evaluate(() => (window as any).wx.getStorageSync('session').token as string);
    const order = (await (await fetch(`${serverUrl}/orders`, { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ id: 'fan' }] }) })).json()) as { payment: Record<string, string> };
    const result = app.evaluate((p) => (window as any).wx.requestPayment(p).catch((e: unknown) => e), order.payment);
    await expect.poll(pendingInvoice).toBeTruthy();
    const inv = (await pendingInvoice())!;
    await page.evaluate((id) => (window as any).__wx2tgSimulator.answer(id, 'failed'), inv.id);
    expect(await result).toEqual({ errMsg: 'requestPayment:fail payment failed' });
  });

  it('wx.requestSubscribeMessage: a refused write access rejects every template; bad ids fail in WeChat’s form', async () => {
    await page.evaluate(() => ((window as any).__wx2tgSimulator.autoAnswer.writeAccess = 'cancelled'));
    const refused = await app.evaluate(() => (window as any).wx.requestSubscribeMessage({ tmplIds: ['ORDER_SHIPPED', 'UNKNOWN'] }));
    expect(refused).toEqual({ errMsg: 'requestSubscribeMessage:ok', ORDER_SHIPPED: 'reject', UNKNOWN: 'reject' });
    await page.evaluate(() => ((window as any).__wx2tgSimulator.autoAnswer.writeAccess = 'allowed'));
    const filtered = await app.evaluate(() => (window as any).wx.requestSubscribeMessage({ tmplIds: ['UNKNOWN'] }));
    expect(filtered).toEqual({ errMsg: 'requestSubscribeMessage:ok', UNKNOWN: 'filter' });
    const empty = await app.evaluate(() => (window as any).wx.requestSubscribeMessage({ tmplIds: [] }).catch((e: unknown) => e));
    expect(empty).toEqual({ errMsg: 'requestSubscribeMessage:fail Invalid template id', errCode: 20001 });
    const many = await app.evaluate(() => (window as any).wx.requestSubscribeMessage({ tmplIds: ['a', 'b', 'c', 'd'] }).catch((e: unknown) => e));
    expect(many).toEqual({ errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds', errCode: 20003 });
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
  });
});
