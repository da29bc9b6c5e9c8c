/**
 * TON payments end to end, in Chromium: a program built by `wx2tg publish` (which writes the
 * TON Connect manifest) calls wx.requestPayment with what the server kit answered for a TON
 * product. Everything around it is real or a stand-in speaking the documented protocol:
 *
 *  - the server kit with the TON rail (SQLite), watching the toncenter v3 stand-in's chain;
 *  - @tonconnect/ui itself, unchanged, loaded by the runtime on the payment path only; its
 *    wallets list (config.ton.org/wallets-v2.json, intercepted) names one wallet whose bridge
 *    is the TON Connect bridge stand-in on 127.0.0.1;
 *  - the wallet stand-in: it opens the connect link the modal hands to Telegram, answers over
 *    the bridge with NaCl-encrypted messages, and does what each test decides with the
 *    transaction (pay, pay less, pay nothing, decline) — putting the transfer on the chain
 *    stand-in, as a real wallet's transfer lands on the chain.
 *
 * The Mini App runs in the in-page Telegram simulator with launch data signed by the bot's
 * token (the kit checks it on every status call).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerKit, openStore, signInitData, TelegramStandIn, type Order, type ServerKit, type Store } from '../../dist/server/index.js';
import { commentOf, createTonRail, rawAddress, ToncenterStandIn, type TonRail } from '../../dist/server/index.js';
import { bridgeLog, launchBrowser, watchErrors } from '../helpers/browser.js';
import { runCli, writeProgram } from '../helpers/sample.js';
import { serveStatic, type StaticServer } from '../helpers/serve.js';
import { BridgeStandIn, WalletStandIn } from '../helpers/tonConnect.js';

const TOKEN = '555000333:AAton-e2e-token';
const ADA = { id: 700000021, is_bot: false, first_name: 'Ada', username: 'ada_ton', language_code: 'en' };
const SHOP = 'EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2';
const BUYER = `0:${'5a'.repeat(32)}`;
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let tg: TelegramStandIn;
let chain: ToncenterStandIn;
let bridge: BridgeStandIn;
let wallet: WalletStandIn;
let store: Store;
let kit: ServerKit;
let rail: TonRail;
let api: http.Server;
let site: StaticServer;
let browser: Browser;
let page: Page;
let errors: string[];
let dir: string;
let out: string;
let clockOffset = 0;
/** Wallet links the page opened in a new browser tab. */
const opened: string[] = [];
const fulfilled: Order[] = [];

beforeAll(async () => {
  [tg, chain, bridge] = await Promise.all([new TelegramStandIn({ token: TOKEN, username: 'ton_shop_bot' }).start(), new ToncenterStandIn().start(), new BridgeStandIn().start()]);
  wallet = new WalletStandIn(bridge, BUYER);
  dir = writeProgram({}, 'wx2tg-ton-e2e-'); // a folder for the database and the build
  store = await openStore(path.join(dir, 'shop.sqlite'));
  rail = createTonRail({ address: SHOP, endpoint: chain.endpoint, ttlSeconds: 300, graceSeconds: 30, pollMs: 250, now: () => Date.now() + clockOffset, log: () => undefined });
  kit = createServerKit({
    botToken: TOKEN,
    store,
    apiRoot: tg.apiRoot,
    catalog: { stone: { title: 'Moon stone', ton: '0.5' }, tea: { title: 'Green tea', price: 25 } },
    fulfilRetryMs: 0,
    extensions: [rail],
    hooks: { fulfil: (o: Order) => void fulfilled.push(o) },
    log: () => undefined,
  });
  api = http.createServer(kit.handle);
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const server = `http://127.0.0.1:${(api.address() as AddressInfo).port}/wx2tg`;
  await kit.start();

  // The program: buys a product with wx.request to its server, pays with wx.requestPayment.
  const program = writeProgram({
    'app.json': JSON.stringify({
      pages: ['pages/shop/shop'],
      window: { navigationBarTitleText: 'Moon Shop' },
      telegram: { server, authorizeRequests: [server], bot: 'ton_shop_bot', app: 'moonshop', ton: { iconUrl: 'icon.png', termsOfUseUrl: 'terms.html' } },
    }),
    'app.js': 'App({})',
    'pages/shop/shop.json': '{}',
    'pages/shop/shop.wxml': '<button id="buy" bindtap="buy">Buy with TON</button><text id="result">{{result}}</text>',
    'pages/shop/shop.js': `
      const SERVER = ${JSON.stringify(server)};
      Page({
        data: { result: '' },
        buy() {
          this.setData({ result: 'paying' });
          wx.request({
            url: SERVER + '/orders', method: 'POST', data: { items: [{ id: 'stone' }], rail: 'ton' },
            success: (res) => {
              getApp().order = res.data;
              wx.requestPayment({
                timeStamp: res.data.payment.timeStamp, nonceStr: res.data.payment.nonceStr, package: res.data.payment.package,
                signType: res.data.payment.signType, paySign: res.data.payment.paySign,
                success: (r) => this.setData({ result: r.errMsg }),
                fail: (e) => this.setData({ result: e.errMsg }),
              });
            },
            fail: (e) => this.setData({ result: e.errMsg }),
          });
        },
      });`,
  });
  out = path.join(dir, 'dist');
  const published = await runCli(['publish', program, '--url', 'https://shop.example.com/moon/', '--out', out]);
  rmSync(program, { recursive: true, force: true });
  if (published.code !== 0) throw new Error(`wx2tg publish failed:\n${published.stderr}\n${published.stdout}`);
  site = await serveStatic(out);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  api?.closeAllConnections();
  await new Promise((r) => api?.close(r));
  await kit?.close();
  await store?.close();
  await Promise.all([tg?.stop(), chain?.stop(), bridge?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh tab (no TON Connect session kept), launched as Telegram would with signed init data. */
async function openApp(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  errors = watchErrors(p);
  const initDataRaw = signInitData({ user: JSON.stringify(ADA), auth_date: String(Math.floor(Date.now() / 1000)), chat_type: 'sender', chat_instance: '1' }, TOKEN);
  const lp = { version: '9.1', platform: 'web', initDataRaw, initData: { user: ADA }, themeParams: {}, startParam: '', fullscreen: false, simulated: true };
  await p.addInitScript((v) => sessionStorage.setItem('wx2tg:launch-params', v), JSON.stringify(lp));
  // TON Connect's wallets list names the stand-in wallet; nothing else leaves 127.0.0.1.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('https://wallet.example.org/')) opened.push(url); // a wallet link opened in a new tab
    if (url === 'https://config.ton.org/wallets-v2.json') return route.fulfill({ contentType: 'application/json', body: JSON.stringify([wallet.listEntry(PNG)]) });
    if (/^(http:\/\/127\.0\.0\.1|data:|blob:)/.test(url)) return route.continue();
    return route.abort();
  });
  await p.goto(site.url);
  await p.locator('#buy').waitFor();
  return p;
}

/**
 * The connect link TON Connect opens for the chosen wallet: through Telegram's bridge
 * (web_app_open_link / web_app_open_tg_link) or, as on Telegram Web, in a new browser tab.
 */
async function connectLink(p: Page): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const calls = await bridgeLog(p);
      const open = calls.filter((c) => c.method === 'web_app_open_link' || c.method === 'web_app_open_tg_link').map((c) => (c.params.url ?? `https://t.me${c.params.path_full}`) as string);
      link = [...open, ...opened].find((u) => u.includes('ton-connect') && u.includes('id='));
      return !!link;
    }, { timeout: 15_000 })
    .toBe(true);
  return link!;
}

const result = (p: Page) => p.locator('#result').textContent();

describe('wx.requestPayment on the TON rail', () => {
  it('the bundle does not load TON Connect until a TON payment starts; publish wrote the manifest', async () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'tonconnect-manifest.json'), 'utf8'));
    expect(manifest).toEqual({ url: 'https://shop.example.com/moon', name: 'Moon Shop', iconUrl: 'https://shop.example.com/moon/icon.png', termsOfUseUrl: 'https://shop.example.com/moon/terms.html' });
    page = await openApp();
    expect(existsSync(out)).toBe(true);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.some((u) => /tonPay|tonconnect/i.test(u))).toBe(false);
  });

  it('pays: connect the wallet in TON Connect’s modal, the wallet sends the transfer, the server sees it on the chain', async () => {
    wallet.decide = (req) => {
      const m = req.messages[0]!;
      chain.transfer({ from: BUYER, to: m.address, amount: m.amount, comment: commentOf(m.payload) ?? undefined });
      return { boc: m.payload! };
    };
    await page.locator('#buy').click();
    // TON Connect's own modal lists the wallet; the user picks it.
    const entry = page.getByText('Stand-in Wallet').first();
    await entry.waitFor({ timeout: 15_000 });
    await entry.click();
    await wallet.connect(await connectLink(page));
    await expect.poll(() => result(page), { timeout: 20_000 }).toBe('requestPayment:ok');
    const order = await page.evaluate(() => (window as any).getApp().order);
    expect(wallet.manifest).toMatchObject({ name: 'Moon Shop', url: 'https://shop.example.com/moon' });
    const sent = wallet.requests.find((r) => r.method === 'sendTransaction')!.params[0] as any;
    expect(sent).toMatchObject({ valid_until: order.ton.validUntil, network: '-239', messages: [{ address: SHOP, amount: '500000000', payload: order.ton.payload }] });
    expect(await store.order(order.orderId)).toMatchObject({ status: 'paid', currency: 'TON', amount: 500000000 });
    expect(fulfilled.map((o) => o.id)).toEqual([order.orderId]);
    expect((await rail.store.get(order.orderId))!.boc).toBe(order.ton.payload); // the client reported the BOC
    // TON Connect was told to come back to the Mini App, and its chunk came only now.
    const link = new URL(wallet.links[0]!);
    expect(link.origin + link.pathname).toBe('https://wallet.example.org/ton-connect');
    expect(link.searchParams.get('v')).toBe('2');
    expect(link.searchParams.get('id')).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(link.searchParams.get('r')!)).toEqual({ manifestUrl: `${site.url}tonconnect-manifest.json`, items: [{ name: 'ton_addr' }] });
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.some((u) => /tonPay/.test(u))).toBe(true);
  });

  it('cancel: declining in the wallet is WeChat’s "requestPayment:fail cancel"; the order stays pending', async () => {
    wallet.decide = () => ({ reject: 'User declined the transaction' });
    await page.locator('#buy').click(); // the wallet is still connected: straight to the transaction
    await expect.poll(() => result(page), { timeout: 20_000 }).toBe('requestPayment:fail cancel');
    const order = await page.evaluate(() => (window as any).getApp().order);
    expect(await store.order(order.orderId)).toMatchObject({ status: 'pending' });
  });

  it('underpaid: less TON arrives than the order costs → fail; the order is void', async () => {
    wallet.decide = (req) => {
      const m = req.messages[0]!;
      chain.transfer({ from: BUYER, to: m.address, amount: String(BigInt(m.amount) - 1n), comment: commentOf(m.payload) ?? undefined });
      return { boc: m.payload! };
    };
    await page.locator('#buy').click();
    await expect.poll(() => result(page), { timeout: 20_000 }).toBe('requestPayment:fail payment underpaid: less TON arrived than the order costs');
    const order = await page.evaluate(() => (window as any).getApp().order);
    expect(await store.order(order.orderId)).toMatchObject({ status: 'void' });
    expect(await rail.store.get(order.orderId)).toMatchObject({ status: 'underpaid', received: '499999999' });
  });

  it('expired: the wallet signs but nothing reaches the chain by validUntil + grace → fail', async () => {
    wallet.decide = (req) => {
      // The transfer is lost (never included); the server's clock then passes validUntil + grace.
      setTimeout(() => (clockOffset = 400_000), 500);
      return { boc: req.messages[0]!.payload! };
    };
    await page.locator('#buy').click();
    await expect.poll(() => result(page), { timeout: 20_000 }).toBe('requestPayment:fail payment expired: no transfer arrived in time');
    clockOffset = 0;
    const order = await page.evaluate(() => (window as any).getApp().order);
    expect(await store.order(order.orderId)).toMatchObject({ status: 'void' });
    expect(fulfilled).toHaveLength(1);
  });

  it('cancel: closing TON Connect’s wallet list without connecting is "requestPayment:fail cancel"', async () => {
    const fresh = await openApp();
    await fresh.locator('#buy').click();
    await fresh.getByText('Stand-in Wallet').first().waitFor({ timeout: 15_000 });
    await fresh.keyboard.press('Escape');
    await expect.poll(() => result(fresh), { timeout: 10_000 }).toBe('requestPayment:fail cancel');
    await fresh.context().close();
  });

  it('ran without errors', () => {
    expect(errors).toEqual([]);
    expect(chain.transactions.every((t) => t.account === rawAddress(SHOP))).toBe(true);
  });
});
