/**
 * The server kit over real HTTP against the Telegram Bot API stand-in: login, orders, the
 * payment webhook (pre-checkout checks, duplicate and out-of-order updates, refunds, the secret
 * token), fulfilment exactly once across restarts, and subscribe messages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../server/initData.js';
import { createServerKit, type KitOptions, type ServerKit } from '../../server/kit.js';
import { openStore } from '../../server/storage/index.js';
import type { Order, Store } from '../../server/storage/store.js';
import { TelegramStandIn, type StandInUser } from '../../server/telegramStandIn.js';

const TOKEN = '555000111:AAkit-test-token';
const SECRET = 'hook-secret_123';
const ADA: StandInUser = { id: 700000001, is_bot: false, first_name: 'Ada', username: 'ada' };
const BOB: StandInUser = { id: 700000002, is_bot: false, first_name: 'Bob' };
const CATALOG = { tea: { title: 'Green tea', price: 25 }, mug: { title: 'Clay mug', price: 40 } };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-kit-'));
let tg: TelegramStandIn;

interface Running {
  kit: ServerKit;
  store: Store;
  url: string;
  fulfilled: Order[];
  stop(): Promise<void>;
}
const running: Running[] = [];

async function startKit(file: string, over: Partial<KitOptions> = {}, fulfil?: (o: Order) => void | Promise<void>, registerWebhook = true): Promise<Running> {
  const store = await openStore(file);
  const fulfilled: Order[] = [];
  const kit = createServerKit({
    botToken: TOKEN,
    store,
    webhookSecret: SECRET,
    apiRoot: tg.apiRoot,
    catalog: CATALOG,
    fulfilRetryMs: 0,
    log: () => undefined,
    hooks: {
      fulfil: async (o) => {
        if (fulfil) await fulfil(o);
        fulfilled.push(o);
      },
    },
    ...over,
  });
  const server = http.createServer(kit.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await kit.start();
  if (registerWebhook) await kit.setWebhook(url);
  const r: Running = {
    kit,
    store,
    url,
    fulfilled,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await kit.close();
      await store.close();
      running.splice(running.indexOf(r), 1);
    },
  };
  running.push(r);
  return r;
}

function codeFor(user: StandInUser): string {
  const raw = signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)), chat_type: 'sender', chat_instance: String(Math.random()) }, TOKEN);
  return `tma.${Buffer.from(raw).toString('base64url')}`;
}
const tmaHeader = (user: StandInUser) => `tma ${signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)) }, TOKEN)}`;

async function api(base: string, method: string, route: string, body?: unknown, auth?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/wx2tg${route}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function login(s: Running, user: StandInUser): Promise<string> {
  const res = await api(s.url, 'POST', '/login', { code: codeFor(user) });
  expect(res.status).toBe(200);
  return `Bearer ${res.body.token}`;
}

beforeAll(async () => {
  tg = await new TelegramStandIn({ token: TOKEN, username: 'wx2tg_shop_bot' }).start();
});
afterEach(async () => {
  for (const r of [...running]) await r.stop();
});
afterAll(async () => {
  await tg.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let fileNo = 0;
const dbFile = () => path.join(tmp, `kit-${++fileNo}.sqlite`);

describe('login and orders', () => {
  it('POST /login exchanges a wx.login code once; the token authenticates order calls', async () => {
    const s = await startKit(dbFile());
    const code = codeFor(ADA);
    const first = await api(s.url, 'POST', '/login', { code });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ openid: expect.stringMatching(/^o/), session_key: expect.any(String), token: expect.any(String), user: { id: ADA.id, first_name: 'Ada' } });
    expect(await api(s.url, 'POST', '/login', { code })).toEqual({ status: 400, body: { errcode: 40163, errmsg: 'code been used' } });
    expect((await api(s.url, 'POST', '/login', { code: 'tma.bogus' })).body.errcode).toBe(40029);
    expect((await api(s.url, 'GET', '/orders')).status).toBe(401);
    expect((await api(s.url, 'GET', '/orders', undefined, 'Bearer x.y')).status).toBe(401);
    const list = await api(s.url, 'GET', '/orders', undefined, `Bearer ${first.body.token}`);
    expect(list).toEqual({ status: 200, body: { orders: [] } });
  });

  it('POST /orders prices items from the catalog, records a pending order and returns WeChat’s requestPayment fields', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const res = await api(s.url, 'POST', '/orders', { items: [{ id: 'tea', quantity: 2 }, { id: 'mug' }] }, auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', currency: 'XTR', amount: 90, title: 'Green tea and 1 more', description: 'Green tea ×2, Clay mug' });
    expect(res.body.invoiceLink).toBe(`https://t.me/$${res.body.slug}`);
    const inv = tg.invoices.get(res.body.slug)!;
    expect(inv).toMatchObject({ payload: res.body.orderId, currency: 'XTR', total: 90, providerToken: '' });
    const { payment } = res.body;
    expect(Object.keys(payment).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    const pkg = new URLSearchParams(payment.package);
    expect(pkg.get('invoice')).toBe(res.body.slug);
    expect(pkg.get('status')).toBe(`${s.url}/wx2tg/orders/${res.body.orderId}`);
    // The runtime polls that status URL with its init data.
    const status = await fetch(pkg.get('status')!, { headers: { authorization: tmaHeader(ADA) } });
    expect(((await status.json()) as { status: string }).status).toBe('pending');
    // Someone else's order is not visible.
    expect((await fetch(pkg.get('status')!, { headers: { authorization: tmaHeader(BOB) } })).status).toBe(404);
    for (const bad of [{}, { items: [] }, { items: [{ id: 'caviar' }] }, { items: [{ id: 'tea', quantity: 0 }] }, { items: [{ id: '__proto__' }] }]) {
      const r = await api(s.url, 'POST', '/orders', bad, auth);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('rate limits', () => {
  it('logins per client address and calls per user get 429 with Retry-After past their burst; other users are not held up', async () => {
    const s = await startKit(dbFile(), { rateLimit: { login: { perMinute: 6, burst: 3 }, user: { perMinute: 6, burst: 2 } } });
    const ada = { id: 901, first_name: 'Ada', is_bot: false };
    const bob = { id: 902, first_name: 'Bob', is_bot: false };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(s.url, 'POST', '/login', { code: codeFor(ada) })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await fetch(`${s.url}/wx2tg/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: codeFor(ada) }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Per user: Ada's third orders call in a row is refused, Bob's first is not.
    const adaAuth = tmaHeader(ada);
    const calls = [];
    for (let i = 0; i < 3; i++) calls.push((await api(s.url, 'GET', '/orders', undefined, adaAuth)).status);
    expect(calls).toEqual([200, 200, 429]);
    expect((await api(s.url, 'GET', '/orders', undefined, tmaHeader(bob))).status).toBe(200);
  });
});

describe('when Telegram refuses the invoice', () => {
  it('the order is void and the client gets 502 with Telegram’s reason', async () => {
    const botInfo = { id: 555000111, is_bot: true, first_name: 'b', username: 'b_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never;
    const s = await startKit(dbFile(), { botInfo, apiRoot: `${tg.apiRoot}/wrong-root` }, undefined, false);
    const res = await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, tmaHeader(ADA));
    expect(res.status).toBe(502);
    expect(res.body.error).toMatch(/^Telegram refused the invoice: /);
    const [order] = await s.store.ordersOf((await s.store.db.query('SELECT openid FROM wx2tg_orders'))[0]!.openid as string);
    expect(order).toMatchObject({ status: 'void', invoiceLink: '' });
  });
});

describe('the payment webhook', () => {
  it('pays: pre-checkout answered after checking the order, paid only on successful_payment, fulfilled once', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    const t0 = Date.now();
    const paid = await tg.pay(order.slug, ADA);
    expect(paid.status).toBe('paid');
    expect(Date.now() - t0).toBeLessThan(2000); // well within Telegram's 10 s
    expect(paid.deliveries).toEqual([200, 200]);
    const answer = tg.calls.filter((c) => c.method === 'answerPreCheckoutQuery').pop()!;
    expect(answer.params).toMatchObject({ ok: true });
    const after = (await api(s.url, 'GET', `/orders/${order.orderId}`, undefined, auth)).body;
    expect(after).toMatchObject({ status: 'paid', fulfilled: true });
    expect(s.fulfilled.map((o) => o.id)).toEqual([order.orderId]);
    expect(s.fulfilled[0]).toMatchObject({ status: 'paid', chargeId: paid.chargeId, data: { items: [{ id: 'tea', quantity: 1 }] } });
    // Paying it again is refused at pre-checkout: no second charge.
    expect(await tg.pay(order.slug, ADA)).toMatchObject({ status: 'rejected', errorMessage: 'This order has already been paid.' });
  });

  it('the same successful_payment update delivered twice (and at once) fulfils once', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'mug' }] }, auth)).body;
    const paid = await tg.pay(order.slug, ADA);
    const update = tg.successfulPaymentUpdate(paid.chargeId!);
    expect(await Promise.all([tg.deliver(update), tg.deliver(update), tg.deliver(update)])).toEqual([200, 200, 200]);
    expect(s.fulfilled).toHaveLength(1);
    expect(await s.store.paymentsOfOrder(order.orderId)).toHaveLength(1);
  });

  it('refuses pre-checkout for another user’s order, an unknown order, and a changed price', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    expect(await tg.pay(order.slug, BOB)).toMatchObject({ status: 'rejected', errorMessage: 'This order belongs to another user.' });
    const send = (payload: string, total: number) =>
      tg.deliver(tg.update({ pre_checkout_query: { id: `q${Math.random()}`, from: ADA, currency: 'XTR', total_amount: total, invoice_payload: payload } }));
    // The stand-in only waits for answers to its own queries; here the kit's answer call is what we check.
    await send('no-such-order', 25);
    await send(order.orderId, 1);
    const answers = tg.calls.filter((c) => c.method === 'answerPreCheckoutQuery').slice(-2).map((c) => c.params.error_message);
    expect(answers).toEqual(['This order does not exist.', 'The price of this order has changed.']);
    expect((await s.store.order(order.orderId))!.status).toBe('pending');
  });

  it('checks the secret token: a missing or wrong one is 401 and nothing changes', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    const forged = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: ADA.id, type: 'private' }, from: ADA, successful_payment: { currency: 'XTR', total_amount: 25, invoice_payload: order.orderId, telegram_payment_charge_id: 'forged', provider_payment_charge_id: '' } } };
    for (const headers of [{}, { 'x-telegram-bot-api-secret-token': 'guess' }] as Record<string, string>[]) {
      const res = await fetch(`${s.url}/wx2tg/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(forged) });
      expect(res.status).toBe(401);
    }
    expect((await s.store.order(order.orderId))!.status).toBe('pending');
    expect(await s.store.payment('forged')).toBeNull();
  });

  it('a payment that matches no pending order is recorded and reported, never fulfilled', async () => {
    const unmatched: string[] = [];
    const s = await startKit(dbFile(), { hooks: { unmatchedPayment: (p) => void unmatched.push(p.chargeId) } });
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    const update = tg.update({ message: { message_id: 9, date: 1, chat: { id: ADA.id, type: 'private' }, from: ADA, successful_payment: { currency: 'XTR', total_amount: 1, invoice_payload: order.orderId, telegram_payment_charge_id: 'odd-charge', provider_payment_charge_id: '' } } });
    expect(await tg.deliver(update)).toBe(200);
    expect(unmatched).toEqual(['odd-charge']);
    expect(await s.store.payment('odd-charge')).toMatchObject({ amount: 1, orderId: order.orderId });
    expect((await s.store.order(order.orderId))!.status).toBe('pending');
  });

  it('refunds Stars through refundStarPayment; Telegram’s refunded_payment is recorded once', async () => {
    const refunded: string[] = [];
    const s = await startKit(dbFile(), { hooks: { refunded: (o) => void refunded.push(o.id) } });
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    const paid = await tg.pay(order.slug, ADA);
    const after = await s.kit.payments.refund(order.orderId);
    expect(after.status).toBe('refunded');
    expect(tg.isRefunded(paid.chargeId!)).toBe(true);
    expect(tg.calls.find((c) => c.method === 'refundStarPayment')!.params).toEqual({ user_id: ADA.id, telegram_payment_charge_id: paid.chargeId });
    // The stand-in then sends refunded_payment, as Telegram does; and again, as a redelivery.
    await new Promise((r) => setTimeout(r, 100));
    expect(await tg.deliver(tg.refundedPaymentUpdate(paid.chargeId!))).toBe(200);
    expect(refunded).toEqual([order.orderId]);
    expect((await s.kit.payments.refund(order.orderId)).status).toBe('refunded'); // idempotent
  });

  it('out of order: a refund that arrives before its payment leaves the order refunded and unfulfilled', async () => {
    const s = await startKit(dbFile());
    const auth = await login(s, ADA);
    const order = (await api(s.url, 'POST', '/orders', { items: [{ id: 'mug' }] }, auth)).body;
    const chargeId = 'early-refund';
    const msg = (body: object) => tg.update({ message: { message_id: 5, date: 1, chat: { id: ADA.id, type: 'private' }, from: ADA, ...body } });
    const facts = { currency: 'XTR', total_amount: 40, invoice_payload: order.orderId, telegram_payment_charge_id: chargeId };
    expect(await tg.deliver(msg({ refunded_payment: facts }))).toBe(200);
    expect(await tg.deliver(msg({ successful_payment: { ...facts, provider_payment_charge_id: '' } }))).toBe(200);
    expect((await s.store.order(order.orderId))!.status).toBe('refunded');
    expect(s.fulfilled).toEqual([]);
  });
});

describe('restarts', () => {
  it('a paid order survives a server restart and is not fulfilled again', async () => {
    const file = dbFile();
    const a = await startKit(file);
    const auth = await login(a, ADA);
    const order = (await api(a.url, 'POST', '/orders', { items: [{ id: 'tea' }] }, auth)).body;
    await tg.pay(order.slug, ADA);
    expect(a.fulfilled).toHaveLength(1);
    await a.stop();
    const b = await startKit(file);
    const got = await api(b.url, 'GET', `/orders/${order.orderId}`, undefined, tmaHeader(ADA));
    expect(got.body).toMatchObject({ orderId: order.orderId, status: 'paid', fulfilled: true });
    expect(b.fulfilled).toEqual([]);
  });

  it('a fulfilment that failed is retried after a restart, and then never again', async () => {
    const file = dbFile();
    const a = await startKit(file, {}, () => {
      throw new Error('warehouse down');
    });
    const auth = await login(a, ADA);
    const order = (await api(a.url, 'POST', '/orders', { items: [{ id: 'mug' }] }, auth)).body;
    const paid = await tg.pay(order.slug, ADA);
    expect(paid.deliveries).toEqual([200, 200]); // the payment is recorded even though delivery failed
    expect(await a.store.order(order.orderId)).toMatchObject({ status: 'paid', fulfilledAt: null, fulfilError: 'warehouse down' });
    await a.stop();
    const b = await startKit(file);
    expect(b.fulfilled.map((o) => o.id)).toEqual([order.orderId]);
    await b.stop();
    const c = await startKit(file);
    expect(c.fulfilled).toEqual([]);
  });
});

describe('subscribe messages', () => {
  it('grants per template are stored from the client and consumed by sendSubscribeMessage; the button opens the page', async () => {
    const s = await startKit(dbFile(), {
      subscribe: {
        appUrl: 'https://shop.example.com/app/',
        templates: { SHIPPED: { title: 'Order shipped', content: 'Order {{character_string1.DATA}} is on its way ({{thing2.DATA}})', button: 'View order' }, PROMO: {} },
      },
    });
    const openid = (await api(s.url, 'POST', '/login', { code: codeFor(ADA) })).body.openid as string;
    const rec = await api(s.url, 'POST', '/subscribe', { results: { SHIPPED: 'accept', PROMO: 'reject', UNKNOWN: 'accept' } }, tmaHeader(ADA));
    expect(rec).toEqual({ status: 200, body: { accepted: ['SHIPPED'] } });
    const msg = { openid, templateId: 'SHIPPED', data: { character_string1: { value: 'A-17' }, thing2: { value: '<2 parcels>' } }, page: 'pages/orders/detail?id=A-17' };
    // The user has not let the bot write yet: Telegram refuses, the grant is kept.
    await expect(s.kit.sendSubscribeMessage(msg)).rejects.toMatchObject({ errcode: 43101 });
    expect(await s.store.grants(openid)).toEqual({ SHIPPED: 1 });
    await tg.allowWriteAccess(ADA);
    const sent = await s.kit.sendSubscribeMessage(msg);
    expect(sent).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const m = tg.sent.pop() as { text: string; chat: { id: number }; reply_markup: any };
    expect(m.chat.id).toBe(ADA.id);
    expect(m.text).toBe('<b>Order shipped</b>\nOrder A-17 is on its way (&lt;2 parcels&gt;)');
    const button = m.reply_markup.inline_keyboard[0][0];
    expect(button.text).toBe('View order');
    const param = new URL(button.web_app.url).searchParams.get('tgWebAppStartParam')!;
    expect(Buffer.from(param, 'base64url').toString()).toBe('pages/orders/detail?id=A-17');
    // One-time: the grant is used up.
    await expect(s.kit.sendSubscribeMessage(msg)).rejects.toMatchObject({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    await expect(s.kit.sendSubscribeMessage({ ...msg, templateId: 'NOPE' })).rejects.toMatchObject({ errcode: 40037 });
    await expect(s.kit.sendSubscribeMessage({ ...msg, openid: 'o-unknown' })).rejects.toMatchObject({ errcode: 40003 });
  });
});
