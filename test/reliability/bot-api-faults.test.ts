/**
 * The server kit when Telegram's Bot API fails (issue 12): the retry policy (server/botRetry.ts)
 * honours 429 retry_after and repeats 5xx and network errors only for calls safe to repeat; the
 * subscribe-message outbox queues what Telegram could not take and delivers it later, across a
 * restart, at least once and once per id; the stand-in redelivers webhook updates the server did
 * not take, and the payment still ends paid and fulfilled once. The outbox's store statements
 * run on SQLite and on a real PostgreSQL (skipped with the reason when none can be started).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpError } from 'grammy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { botApiRetry, type RetryInfo } from '../../server/botRetry.js';
import { signInitData } from '../../server/initData.js';
import { createServerKit, type KitOptions, type ServerKit } from '../../server/kit.js';
import { openStore } from '../../server/storage/index.js';
import type { Order, Store } from '../../server/storage/store.js';
import { TelegramStandIn, type StandInUser } from '../../server/telegramStandIn.js';
import { onPostgres } from '../server/pg.js';

const TOKEN = '555000222:AAfault-test-token';
const SECRET = 'fault-secret';
const ADA: StandInUser = { id: 710000001, is_bot: false, first_name: 'Ada' };
const CATALOG = { tea: { title: 'Green tea', price: 25 } };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-botfaults-'));
let tg: TelegramStandIn;
let fileNo = 0;
const dbFile = () => path.join(tmp, `k-${++fileNo}.sqlite`);

interface Running {
  kit: ServerKit;
  store: Store;
  url: string;
  fulfilled: Order[];
  logs: string[];
  stop(): Promise<void>;
}
const running: Running[] = [];

async function startKit(file: string, over: Partial<KitOptions> = {}): Promise<Running> {
  const store = await openStore(file);
  const fulfilled: Order[] = [];
  const logs: string[] = [];
  const kit = createServerKit({
    botToken: TOKEN,
    store,
    webhookSecret: SECRET,
    apiRoot: tg.apiRoot,
    catalog: CATALOG,
    fulfilRetryMs: 0,
    rateLimit: false,
    log: (m) => void logs.push(m),
    hooks: { fulfil: (o) => void fulfilled.push(o) },
    subscribe: { templates: { NOTE: { title: 'Note', content: 'n={{n.DATA}}' } }, outbox: { pollMs: 100 } },
    ...over,
  });
  const server = http.createServer(kit.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await kit.start();
  await kit.setWebhook(url);
  const r: Running = {
    kit,
    store,
    url,
    fulfilled,
    logs,
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

const tma = (user: StandInUser) => `tma ${signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)) }, TOKEN)}`;
const code = (user: StandInUser) => `tma.${Buffer.from(signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)), chat_instance: String(Math.random()) }, TOKEN)).toString('base64url')}`;

async function post(s: Running, route: string, body: unknown, auth?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}/wx2tg${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Logs Ada in and gives her `grants` NOTE grants; returns her openid. */
async function adaWithGrants(s: Running, grants: number): Promise<string> {
  const openid = (await post(s, '/login', { code: code(ADA) })).body.openid as string;
  for (let i = 0; i < grants; i++) expect((await post(s, '/subscribe', { results: { NOTE: 'accept' } }, tma(ADA))).status).toBe(200);
  return openid;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sentWith = (needle: string) => tg.sent.filter((m) => String(m.text).includes(needle));

beforeAll(async () => {
  tg = await new TelegramStandIn({ token: TOKEN, redeliver: { minDelayMs: 50, maxDelayMs: 400 } }).start();
  tg.writeAllowed.add(ADA.id);
});
afterEach(async () => {
  tg.clearFaults();
  for (const r of [...running]) await r.stop();
});
afterAll(async () => {
  await tg.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the Bot API retry policy (a grammY transformer)', () => {
  const ok = { ok: true as const, result: true };
  const refused = (code: number, extra: object = {}) => ({ ok: false as const, error_code: code, description: `E${code}`, ...extra });
  const netError = (code: string) => new HttpError(`Network request failed`, Object.assign(new Error(code), { code }));

  /** Runs the transformer over scripted answers; returns what the caller got, the calls made and the retries told. */
  async function run(method: string, script: (object | Error)[], options = {}) {
    const retries: RetryInfo[] = [];
    const t = botApiRetry({ baseDelayMs: 10, onRetry: (r) => void retries.push(r), ...options });
    let calls = 0;
    const prev = (async () => {
      const next = script[Math.min(calls++, script.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    }) as never;
    const t0 = Date.now();
    const out = await (t as any)(prev, method, {}).then(
      (r: unknown) => ({ answer: r }),
      (e: unknown) => ({ thrown: e }),
    );
    return { ...out, calls, retries, ms: Date.now() - t0 };
  }

  it('429: waits retry_after and calls again, for any method (Telegram did not run it)', async () => {
    const r = await run('sendMessage', [refused(429, { parameters: { retry_after: 1 } }), ok]);
    expect(r.answer).toEqual(ok);
    expect(r.calls).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.retries[0]).toMatchObject({ method: 'sendMessage', attempt: 1, reason: '429 retry_after 1' });
  });

  it('429 with a wait longer than allowed is returned at once, for the caller to reschedule', async () => {
    const r = await run('createInvoiceLink', [refused(429, { parameters: { retry_after: 30 } }), ok]);
    expect(r.answer).toMatchObject({ error_code: 429, parameters: { retry_after: 30 } });
    expect(r.calls).toBe(1);
    expect(r.ms).toBeLessThan(500);
  });

  it('5xx: repeated for idempotent calls with back-off, at most maxAttempts; never for sendMessage', async () => {
    const inv = await run('createInvoiceLink', [refused(500), refused(502), ok]);
    expect(inv).toMatchObject({ answer: ok, calls: 3 });
    expect(inv.retries.map((x: RetryInfo) => x.reason)).toEqual(['500 E500', '502 E502']);
    const always = await run('answerPreCheckoutQuery', [refused(500)], { maxAttempts: 3 });
    expect(always).toMatchObject({ answer: { error_code: 500 }, calls: 3 });
    const send = await run('sendMessage', [refused(500), ok]);
    expect(send).toMatchObject({ answer: { error_code: 500 }, calls: 1 });
  });

  it('network errors: a refused connection is repeated for any method; a reset only for idempotent ones', async () => {
    expect(await run('sendMessage', [netError('ECONNREFUSED'), ok])).toMatchObject({ answer: ok, calls: 2 });
    const reset = await run('sendMessage', [netError('ECONNRESET'), ok]);
    expect(reset.calls).toBe(1);
    expect(reset.thrown).toBeInstanceOf(HttpError);
    expect(await run('getMe', [netError('ECONNRESET'), ok])).toMatchObject({ answer: ok, calls: 2 });
  });

  it('4xx answers are final; the waiting budget bounds a call', async () => {
    expect(await run('createInvoiceLink', [refused(400), ok])).toMatchObject({ answer: { error_code: 400 }, calls: 1 });
    const slow = await run('createInvoiceLink', [refused(500)], { baseDelayMs: 300, maxAttempts: 10, budgetMs: 700 });
    expect(slow.ms).toBeLessThan(1500);
    expect(slow.calls).toBeLessThanOrEqual(3);
  });

  it('in the kit: createInvoiceLink through a 429 and 500 burst still gives the client its order; a long outage is a 502 with the order void', async () => {
    const s = await startKit(dbFile());
    tg.failNext('createInvoiceLink', 1, { code: 429, retryAfter: 1 });
    tg.failNext('createInvoiceLink', 2, { code: 500 });
    const t0 = Date.now();
    const res = await post(s, '/orders', { items: [{ id: 'tea' }] }, tma(ADA));
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(tg.calls.filter((c) => c.method === 'createInvoiceLink').slice(-4).map((c) => c.fault ?? 'ok')).toEqual(['429', '500', '500', 'ok']);
    expect(s.logs.filter((l) => l.startsWith('Bot API createInvoiceLink failed'))).toHaveLength(3);
    tg.failNext('createInvoiceLink', 10, { drop: true });
    const down = await post(s, '/orders', { items: [{ id: 'tea' }] }, tma(ADA));
    expect(down).toMatchObject({ status: 502, body: { error: expect.stringMatching(/^Telegram refused the invoice: no answer from the Bot API \(/) } });
    tg.clearFaults();
    tg.failNext('createInvoiceLink', 10, { code: 503 });
    const refused503 = await post(s, '/orders', { items: [{ id: 'tea' }] }, tma(ADA));
    expect(refused503).toMatchObject({ status: 502, body: { error: 'Telegram refused the invoice: Service Unavailable' } });
    const orders = await s.store.ordersOf((await s.store.db.query('SELECT openid FROM wx2tg_orders LIMIT 1'))[0]!.openid as string);
    expect(orders.map((o) => o.status).sort()).toEqual(['pending', 'void', 'void']);
  }, 30_000);

  it('a Bot API that takes a call and never answers fails it after botApiTimeoutSeconds (not grammY’s 500 s)', async () => {
    const s = await startKit(dbFile(), { botApiTimeoutSeconds: 1 });
    tg.clearFaults();
    tg.failNext('createInvoiceLink', 10, { delayMs: 20_000 });
    const t0 = Date.now();
    const res = await post(s, '/orders', { items: [{ id: 'tea' }] }, tma(ADA));
    expect(res.status).toBe(502);
    expect(Date.now() - t0).toBeLessThan(15_000);
    tg.clearFaults();
  }, 30_000);
});

describe('the subscribe outbox', () => {
  it('Telegram failing: send() answers queued; the loop delivers it once Telegram is back, exactly once', async () => {
    const s = await startKit(dbFile());
    const openid = await adaWithGrants(s, 1);
    tg.failNext('sendMessage', 3, { code: 500 });
    const res = await s.kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'q1' } });
    expect(res).toMatchObject({ errcode: 0, status: 'queued' });
    expect(await s.store.grants(openid)).toEqual({ NOTE: 0 });
    await until('the queued message to go out', async () => (await s.store.outboxMessage(res.id))?.status === 'sent');
    expect(sentWith('n=q1')).toHaveLength(1);
    const row = (await s.store.outboxMessage(res.id))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    expect(row.messageId).toBe(sentWith('n=q1')[0]!.message_id);
  });

  it('429 with a long retry_after is rescheduled for then, not waited out by the caller', async () => {
    const s = await startKit(dbFile());
    const openid = await adaWithGrants(s, 1);
    tg.failNext('sendMessage', 1, { code: 429, retryAfter: 40 });
    const t0 = Date.now();
    const res = await s.kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'flood' } });
    expect(res.status).toBe('queued');
    expect(Date.now() - t0).toBeLessThan(1000);
    const row = (await s.store.outboxMessage(res.id))!;
    expect(row.nextAt - t0).toBeGreaterThanOrEqual(39_000);
    expect(row.lastError).toBe('429: Too Many Requests: retry after 40');
  });

  it('queued messages survive a restart and are sent by the next process; a message claimed by a crashed sender too', async () => {
    const file = dbFile();
    const a = await startKit(file);
    const openid = await adaWithGrants(a, 2);
    tg.failNext('sendMessage', 1000, { code: 502 });
    const queued = await a.kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'restart1' } });
    expect(queued.status).toBe('queued');
    // A send that was under way when the process died: queued and claimed, never attempted.
    const crashed = await a.store.queueMessage({ id: 'mid-crash', openid, userId: ADA.id, templateId: 'NOTE', text: 'n=restart2', markup: null }, { claimed: true });
    expect(crashed).toHaveProperty('queued');
    await a.stop();
    tg.clearFaults();
    const b = await startKit(file);
    await until('both messages to go out', async () => (await b.store.outboxCounts()).sent === 2);
    expect(sentWith('n=restart1')).toHaveLength(1);
    expect(sentWith('n=restart2')).toHaveLength(1);
    expect(await b.store.grants(openid)).toEqual({ NOTE: 0 });
  });

  it('a send begun while the server is still starting is not sent again by the start-up release of dead processes\' claims', async () => {
    const file = dbFile();
    const a = await startKit(file);
    const openid = await adaWithGrants(a, 1);
    await a.stop();
    // Requests are served before start() has finished (the HTTP server listens first): a send under way then.
    const store = await openStore(file);
    const kit = createServerKit({ botToken: TOKEN, store, apiRoot: tg.apiRoot, log: () => undefined, subscribe: { templates: { NOTE: { content: 'n={{n.DATA}}' } }, outbox: { pollMs: 50 } } });
    try {
      tg.failNext('sendMessage', 1, { delayMs: 600 });
      const sending = kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'starting' } });
      await until('the send to reach Telegram', () => tg.calls.some((c) => c.method === 'sendMessage' && c.fault === 'slow 600 ms' && String(c.params.text).includes('n=starting')));
      await kit.start();
      expect(await sending).toMatchObject({ status: 'sent' });
      await new Promise((r) => setTimeout(r, 300));
      expect(sentWith('n=starting')).toHaveLength(1);
    } finally {
      await kit.close();
      await store.close();
    }
  });

  it('the same id sent twice is one message and one grant; a refusal for good gives the grant back', async () => {
    const s = await startKit(dbFile());
    const openid = await adaWithGrants(s, 2);
    const msg = { id: 'order-42:shipped', openid, templateId: 'NOTE', data: { n: 'once' } };
    const [x, y] = await Promise.all([s.kit.sendSubscribeMessage(msg), s.kit.sendSubscribeMessage(msg)]);
    expect([x.status, y.status].sort()).toEqual(['queued', 'sent']); // the second found the first under way
    const again = await s.kit.sendSubscribeMessage(msg);
    expect(again).toMatchObject({ status: 'sent', id: 'order-42:shipped', msgid: sentWith('n=once')[0]!.message_id });
    expect(sentWith('n=once')).toHaveLength(1);
    expect(await s.store.grants(openid)).toEqual({ NOTE: 1 });
    await expect(s.kit.sendSubscribeMessage({ ...msg, id: 'bad id!' })).rejects.toMatchObject({ errcode: 47003 });
    // The user blocks the bot: 403 is final, the message failed, the grant is back.
    tg.writeAllowed.delete(ADA.id);
    try {
      await expect(s.kit.sendSubscribeMessage({ ...msg, id: 'blocked-1' })).rejects.toMatchObject({ errcode: 43101 });
      expect(await s.store.outboxMessage('blocked-1')).toMatchObject({ status: 'failed', lastError: "403: Forbidden: bot can't initiate conversation with a user" });
      expect(await s.store.grants(openid)).toEqual({ NOTE: 1 });
      await expect(s.kit.sendSubscribeMessage({ ...msg, id: 'blocked-1' })).rejects.toMatchObject({ errcode: 43101 });
    } finally {
      tg.writeAllowed.add(ADA.id);
    }
  });

  it('at least once: a 500 after Telegram sent, or a dropped answer, sends the message again (the Bot API has no idempotency key)', async () => {
    const s = await startKit(dbFile());
    const openid = await adaWithGrants(s, 2);
    tg.failNext('sendMessage', 1, { code: 500, after: true });
    const a = await s.kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'twice-a' } });
    tg.failNext('sendMessage', 1, { drop: true, after: true });
    const b = await s.kit.sendSubscribeMessage({ openid, templateId: 'NOTE', data: { n: 'twice-b' } });
    expect([a.status, b.status]).toEqual(['queued', 'queued']);
    await until('both to be marked sent', async () => (await s.store.outboxCounts()).sent === 2);
    expect(sentWith('n=twice-a')).toHaveLength(2);
    expect(sentWith('n=twice-b')).toHaveLength(2);
  });
});

describe('webhook updates the server did not take are redelivered', () => {
  const isPayment = (u: Record<string, unknown>) => Boolean((u.message as { successful_payment?: unknown } | undefined)?.successful_payment);

  it('successful_payment lost twice (never arrived, answer lost): paid and fulfilled once after redelivery', async () => {
    const s = await startKit(dbFile());
    const order = (await post(s, '/orders', { items: [{ id: 'tea' }] }, tma(ADA))).body;
    tg.failWebhook(1, { match: isPayment });
    tg.failWebhook(1, { match: isPayment, after: true });
    const before = { ...tg.webhookStats };
    const paid = await tg.pay(order.slug, ADA);
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid.deliveries).toEqual([200, 0]);
    await until('redelivery to be taken', () => tg.pendingUpdateCount === 0);
    expect(tg.webhookStats.injected - before.injected).toBe(2);
    expect(tg.webhookStats.redelivered - before.redelivered).toBe(2);
    expect(await s.store.order(order.orderId)).toMatchObject({ status: 'paid', chargeId: paid.chargeId, fulfilledAt: expect.any(Number) });
    expect(s.fulfilled.map((o) => o.id)).toEqual([order.orderId]);
    expect(await s.store.paymentsOfOrder(order.orderId)).toHaveLength(1);
  });

  it('updates sent while the server is down are delivered when it is back on its webhook URL', async () => {
    // Its own stand-in, redelivering slowly enough for the server to be down in between.
    const slow = await new TelegramStandIn({ token: TOKEN, redeliver: { minDelayMs: 300, maxDelayMs: 600 } }).start();
    const file = dbFile();
    const a = await startKit(file, { apiRoot: slow.apiRoot });
    try {
      const order = (await post(a, '/orders', { items: [{ id: 'tea' }] }, tma(ADA))).body;
      slow.failWebhook(1, { match: isPayment });
      const paid = await slow.pay(order.slug, ADA);
      expect(paid).toMatchObject({ status: 'paid', deliveries: [200, 0] });
      await a.stop(); // the redeliveries now find nobody listening
      await until('failed redeliveries', () => slow.webhookStats.redelivered >= 2);
      expect(slow.pendingUpdateCount).toBe(1);
      const info = (await (await fetch(`${slow.apiRoot}/bot${TOKEN}/getWebhookInfo`)).json()) as { result: Record<string, unknown> };
      expect(info.result).toMatchObject({ pending_update_count: 1, last_error_message: 'Connection failed' });
      // The server comes back on the same port (the webhook URL Telegram has).
      const store = await openStore(file);
      const fulfilled: string[] = [];
      const kit = createServerKit({ botToken: TOKEN, store, webhookSecret: SECRET, apiRoot: slow.apiRoot, catalog: CATALOG, fulfilRetryMs: 0, log: () => undefined, hooks: { fulfil: (o) => void fulfilled.push(o.id) } });
      const server = http.createServer(kit.handle);
      await new Promise<void>((r) => server.listen(Number(new URL(a.url).port), '127.0.0.1', r));
      try {
        await kit.start();
        await until('redelivery to be taken', () => slow.pendingUpdateCount === 0);
        expect(await store.order(order.orderId)).toMatchObject({ status: 'paid', chargeId: paid.chargeId });
        expect(fulfilled).toEqual([order.orderId]);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await kit.close();
        await store.close();
      }
    } finally {
      await slow.stop();
    }
  }, 30_000);
});

describe('requests served while the server is starting', () => {
  it('a fulfilment begun then is not run a second time by start()', async () => {
    const file = dbFile();
    const a = await startKit(file);
    const order = (await post(a, '/orders', { items: [{ id: 'tea' }] }, tma(ADA))).body;
    await a.stop();
    const store = await openStore(file);
    let runs = 0;
    const kit = createServerKit({
      botToken: TOKEN,
      store,
      apiRoot: tg.apiRoot,
      fulfilRetryMs: 0,
      log: () => undefined,
      hooks: {
        fulfil: async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 500));
        },
      },
    });
    try {
      // A successful_payment that reached the webhook before start() finished.
      const paying = kit.payments.successfulPayment({ id: ADA.id }, { currency: 'XTR', total_amount: 25, invoice_payload: order.orderId, telegram_payment_charge_id: 'charge-at-start' });
      await until('the hook to start', () => runs === 1);
      await kit.start();
      await paying;
      expect(runs).toBe(1);
      expect(await store.order(order.orderId)).toMatchObject({ status: 'paid', fulfilledAt: expect.any(Number) });
    } finally {
      await kit.close();
      await store.close();
    }
  });
});

function outboxStoreCases(open: () => Promise<Store>): void {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });
  const msg = (id: string, openid = 'ob-user') => ({ id, openid, userId: 5, templateId: 'T', text: `t-${id}`, markup: null });

  it('queueing uses a grant in the same transaction; no grant, nothing queued; a repeated id changes nothing', async () => {
    await store.addGrants('ob-user', ['T']);
    const q = await store.queueMessage(msg('m1'));
    expect(q).toMatchObject({ queued: { id: 'm1', status: 'pending', attempts: 0 } });
    expect(await store.queueMessage(msg('m2'))).toBeNull();
    expect(await store.outboxMessage('m2')).toBeNull();
    expect(await store.queueMessage(msg('m1'))).toMatchObject({ existing: { id: 'm1' } });
    expect(await store.grants('ob-user')).toEqual({ T: 0 });
  });

  it('due messages are claimed by one caller; a stale claim is taken over; sent, retried and failed are recorded', async () => {
    await store.addGrants('ob-2', ['T', 'T', 'T']);
    for (const id of ['c1', 'c2', 'c3']) await store.queueMessage(msg(id, 'ob-2'), {}, 1000);
    const [x, y] = await Promise.all([store.claimDueMessages(10, 60_000, 2000), store.claimDueMessages(10, 60_000, 2000)]);
    const claimed = [...x, ...y].map((m) => m.id).filter((id) => id.startsWith('c'));
    expect(claimed.sort()).toEqual(['c1', 'c2', 'c3']);
    expect((await store.claimDueMessages(10, 60_000, 3000)).filter((m) => m.id.startsWith('c'))).toEqual([]);
    expect((await store.claimDueMessages(10, 60_000, 70_000)).map((m) => m.id).filter((id) => id.startsWith('c')).sort()).toEqual(['c1', 'c2', 'c3']);
    await store.messageSent('c1', 77, 71_000);
    await store.messageRetry('c2', '500: Internal Server Error', 90_000);
    expect(await store.messageFailed('c3', '403: Forbidden')).toBe(true);
    expect(await store.messageFailed('c3', '403: Forbidden')).toBe(false);
    expect(await store.outboxMessage('c1')).toMatchObject({ status: 'sent', messageId: 77, sentAt: 71_000, attempts: 1 });
    expect(await store.outboxMessage('c2')).toMatchObject({ status: 'pending', attempts: 1, nextAt: 90_000, lastError: '500: Internal Server Error' });
    expect((await store.claimDueMessages(10, 60_000, 80_000)).some((m) => m.id === 'c2')).toBe(false);
    expect((await store.claimDueMessages(10, 60_000, 90_000)).some((m) => m.id === 'c2')).toBe(true);
    expect(await store.grants('ob-2')).toEqual({ T: 1 }); // c3's grant came back
    await store.releaseMessageClaims(80_000); // c2's claim (at 90 000) is younger: kept
    expect((await store.claimDueMessages(10, 60_000, 90_001)).some((m) => m.id === 'c2')).toBe(false);
    await store.releaseMessageClaims(90_001);
    expect((await store.claimDueMessages(10, 60_000, 90_002)).some((m) => m.id === 'c2')).toBe(true);
  });
}

describe('the outbox in the store', () => {
  describe('SQLite', () => outboxStoreCases(() => openStore(path.join(tmp, 'outbox.sqlite'))));
  onPostgres('PostgreSQL', (url) => outboxStoreCases(() => openStore(url)));
});
