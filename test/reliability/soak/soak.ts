/**
 * The loopback soak (issue 12): the real server kit in a child process (server.ts) on SQLite or
 * PostgreSQL, the Bot API stand-in in this one, and simulated users who log in, accept subscribe
 * templates, order, pay (pre_checkout_query → successful_payment through the webhook) and are
 * sent subscribe messages — while faults are injected:
 *   - the server process is killed (SIGKILL) or stopped gracefully (SIGTERM) mid-flight and
 *     started again on the same database and port;
 *   - the Bot API answers 429 (retry_after), 500/502, or drops the connection, before or after
 *     running the call, in bursts;
 *   - webhook deliveries fail (never arriving, or the answer lost), which the stand-in
 *     redelivers as Telegram does.
 * Then the faults stop, everything drains, the server stops, and the database and the stand-in
 * are checked against each other:
 *   - every charge Telegram made is one payment in the store, and its order is paid, with that
 *     charge, exactly once, and fulfilled; no paid order without a charge;
 *   - the fulfil hook's effect exists once per paid order; the hook ran again only where a crash
 *     or its own failure explains it;
 *   - every "shipped" message and every subscribe message the server accepted reached Telegram;
 *     a message reached it twice only where the at-least-once contract allows it (a Bot API
 *     fault after Telegram had sent it, or a crash between sending and recording); no message
 *     that nobody sent; grants used once per message id;
 *   - no update left undelivered, no unhandled error in the server, no internal-error answer.
 *
 * runSoak(options) → report; `npm run soak -- --minutes 2 [--users 8] [--postgres | --database
 * postgres://…] [--seed 1]` prints the figures and exits non-zero on a violation.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../server/storage/index.js';
import { TelegramStandIn, type StandInFault, type StandInUser } from '../../../server/telegramStandIn.js';
import { checkRun, formatReport } from './checks.js';
import { KitProcess, type KillRecord } from './kitProcess.js';
import { freePort } from '../../helpers/net.js';

const TOKEN = '777000555:AAsoak-token';
const SECRET = 'soak-secret';

export interface SoakOptions {
  /** How long users and faults run (the drain comes after). */
  durationMs: number;
  /** Simulated users working at once (default 8). */
  users?: number;
  /** postgres://… (a fresh database is made in it and dropped after); default a new SQLite file. */
  databaseUrl?: string;
  /** Seeds the choice of faults and of what users buy (default 1). */
  seed?: number;
  /** Mean time between server kills (SIGKILL), ms (default 9 s); graceful restarts come at a third of that rate. */
  killEveryMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SoakReport {
  ok: boolean;
  violations: string[];
  figures: Record<string, unknown>;
  text: string;
}

/** mulberry32: a small seeded generator, so a run's choices can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function loginCode(user: StandInUser): string {
  const params = new URLSearchParams({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)), chat_instance: randomBytes(6).toString('hex'), chat_type: 'sender' });
  const dcs = [...params].map(([k, v]) => `${k}=${v}`).sort().join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  params.set('hash', createHmac('sha256', secret).update(dcs).digest('hex'));
  return `tma.${Buffer.from(params.toString()).toString('base64url')}`;
}

/** A fresh database inside the PostgreSQL server `url` names; dropped by the returned function. */
async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const pg = (await import('pg')).default;
  const name = `wx2tg_soak_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const random = rng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(random() * (b - a + 1));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-soak-'));
  const pgDb = options.databaseUrl ? await freshPostgres(options.databaseUrl) : null;
  const dbUrl = pgDb ? pgDb.url : path.join(tmp, 'soak.sqlite');
  const tg = await new TelegramStandIn({ token: TOKEN, username: 'wx2tg_soak_bot', redeliver: { minDelayMs: 200, maxDelayMs: 2000 } }).start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/wx2tg`;
  const kit = new KitProcess({ SOAK_DB: dbUrl, SOAK_PORT: String(port), SOAK_API_ROOT: tg.apiRoot, SOAK_TOKEN: TOKEN, SOAK_SECRET: SECRET });
  const violations: string[] = [];
  const anomalies = new Map<string, number>();
  const note = (k: string) => anomalies.set(k, (anomalies.get(k) ?? 0) + 1);
  const http = { requests: 0, byStatus: new Map<string, number>(), byRoute: new Map<string, number>() };
  const kills: KillRecord[] = [];
  const faults = new Map<string, number>();
  const addFault = (k: string, n = 1) => faults.set(k, (faults.get(k) ?? 0) + n);
  const orders = { created: 0, paid: 0, payNoAnswer: 0, payRejected: 0, fulfilledSeen: 0 };
  const payToFulfilledMs: number[] = [];
  const notices = new Map<string, { openid: string; answer: string | null }>();
  const userGrants = new Map<string, { acceptedOk: number; attempts: { n: number } }>();
  const t0 = Date.now();
  let phase: 'run' | 'drain' | 'done' = 'run';

  try {
    log(`soak: ${options.durationMs / 1000} s, ${options.users ?? 8} users, ${pgDb ? 'PostgreSQL' : 'SQLite'}, seed ${options.seed ?? 1}`);
    await kit.start();

    /** One HTTP call to the kit, retried through outages until it answers other than 5xx (or `deadlineMs`). */
    async function call(method: string, route: string, body?: unknown, auth?: string, attempts?: { n: number }, deadlineMs = 90_000): Promise<{ status: number; body: any }> {
      const end = Date.now() + deadlineMs;
      const routeKey = `${method} ${route.replace(/\/orders\/[^/]+$/, '/orders/:id')}`;
      for (let attempt = 1; ; attempt++) {
        http.requests++;
        if (attempts) attempts.n++;
        http.byRoute.set(routeKey, (http.byRoute.get(routeKey) ?? 0) + 1);
        let status = 0;
        let json: any = null;
        try {
          const res = await fetch(`${base}${route}`, {
            method,
            headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}) },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
          status = res.status;
          json = await res.json().catch(() => null);
        } catch {
          status = 0;
        }
        const k = status === 0 ? 'no connection' : String(status);
        http.byStatus.set(k, (http.byStatus.get(k) ?? 0) + 1);
        if (status === 500) violations.push(`${routeKey} answered 500 internal error: ${JSON.stringify(json)}`);
        if (status !== 0 && status < 500) return { status, body: json };
        if (Date.now() > end) throw new Error(`${routeKey}: no answer within ${deadlineMs} ms (last ${k})`);
        await sleep(Math.min(2000, 100 * attempt) + random() * 100);
      }
    }

    async function login(user: StandInUser): Promise<{ token: string; openid: string }> {
      for (;;) {
        const r = await call('POST', '/login', { code: loginCode(user) });
        if (r.status === 200) return { token: `Bearer ${r.body.token}`, openid: r.body.openid };
        // A login answered but lost (the server died before we read it) makes the retry a replay: a fresh code then.
        if (r.status === 400 && r.body?.errcode === 40163) {
          note('login code replayed after a lost answer');
          continue;
        }
        throw new Error(`login refused: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }

    async function userLoop(i: number): Promise<void> {
      const user: StandInUser = { id: 900_000_000 + i, is_bot: false, first_name: `Soak${i}` };
      tg.rememberUser(user);
      await tg.allowWriteAccess(user); // write_access_allowed goes to the webhook (redelivered if it fails)
      let { token, openid } = await login(user);
      const grants = { acceptedOk: 0, attempts: { n: 0 } };
      userGrants.set(openid, grants);
      let cycle = 0;
      while (phase === 'run') {
        cycle++;
        // The user accepts both templates (one shipped message per order, one notice).
        const sub = await call('POST', '/subscribe', { results: { SHIPPED: 'accept', NOTICE: 'accept' } }, token, grants.attempts);
        if (sub.status !== 200) throw new Error(`subscribe refused: ${sub.status}`);
        grants.acceptedOk++;
        const items = [{ id: pick(['tea', 'mug', 'fan']), quantity: between(1, 3) }];
        if (random() < 0.3) items.push({ id: pick(['tea', 'mug', 'fan']), quantity: 1 });
        let order: any;
        for (;;) {
          const r = await call('POST', '/orders', { items }, token);
          if (r.status === 200) {
            order = r.body;
            break;
          }
          if (r.status === 502) {
            note('order: 502 Telegram refused the invoice (client retries)');
            await sleep(300);
            continue;
          }
          throw new Error(`order refused: ${r.status} ${JSON.stringify(r.body)}`);
        }
        orders.created++;
        for (const k of kills) if (k.firstOrderAt === undefined && Date.now() > k.at) k.firstOrderAt = Date.now();
        // Pay; a payment Telegram could not get answered is tried again by the user.
        let paidAt = 0;
        for (let tries = 0; !paidAt; tries++) {
          const p = await tg.pay(order.slug, user);
          if (p.status === 'paid') {
            paidAt = Date.now();
            orders.paid++;
          } else if (p.status === 'no answer') orders.payNoAnswer++;
          else {
            orders.payRejected++;
            note(`pay rejected: ${p.errorMessage}`);
            if (/already been paid/.test(p.errorMessage ?? '')) break;
          }
          if (!paidAt) await sleep(200);
          if (tries > 30) throw new Error(`order ${order.orderId} could not be paid in 30 tries`);
        }
        // Watch it get fulfilled (the runtime polls the status URL the same way).
        const end = Date.now() + 90_000;
        while (paidAt && Date.now() < end) {
          const r = await call('GET', `/orders/${order.orderId}`, undefined, token);
          if (r.body?.status === 'paid' && r.body?.fulfilled) {
            orders.fulfilledSeen++;
            payToFulfilledMs.push(Date.now() - paidAt);
            break;
          }
          await sleep(150);
        }
        // Every other cycle the shop sends a notice (its own subscribe message) with its own id.
        if (cycle % 2 === 0) {
          const id = `notice-${i}-${cycle}-${randomBytes(3).toString('hex')}`;
          const entry = { openid, answer: null as string | null };
          notices.set(id, entry);
          const end = Date.now() + 90_000;
          while (entry.answer === null && Date.now() < end) {
            await kit.whenReady();
            const a = await kit.ask<{ status?: string; errcode?: number; error?: string }>(`sent:${id}`, { send: { id, openid, n: id } });
            // A SubscribeError is an answer; anything else (-1: the server failed) leaves the outcome open: ask again, same id.
            if (a && (a.status || (a.errcode ?? -1) > 0)) entry.answer = a.status ?? `refused ${a.errcode} ${a.error}`;
            else {
              if (a) note(`notice send failed, asked again: ${a.error}`);
              await sleep(100); // the server died before answering, or failed: ask again, same id
            }
          }
        }
        if (cycle % 5 === 0) ({ token, openid } = await login(user)); // a fresh session now and then
      }
    }

    /** Faults until the run ends: API bursts and webhook failures often, kills and restarts now and then. */
    async function faultLoop(): Promise<void> {
      const killEvery = options.killEveryMs ?? 9000;
      let nextKill = Date.now() + killEvery * (0.5 + random());
      let nextRestart = Date.now() + killEvery * (1.5 + random() * 3);
      const methods = ['createInvoiceLink', 'answerPreCheckoutQuery', 'sendMessage', '*'];
      while (phase === 'run') {
        await sleep(between(400, 1500));
        if (phase !== 'run') break;
        const now = Date.now();
        if (now >= nextKill || now >= nextRestart) {
          const kind = now >= nextKill ? 'SIGKILL' : 'SIGTERM';
          if (kind === 'SIGKILL') nextKill = now + killEvery * (0.5 + random());
          else nextRestart = now + killEvery * (1.5 + random() * 3);
          const rec: KillRecord = { kind, at: Date.now() };
          kills.push(rec);
          addFault(kind === 'SIGKILL' ? 'server killed (SIGKILL)' : 'server restarted (SIGTERM)');
          await kit.kill(kind);
          await kit.start();
          rec.readyAt = Date.now();
          log(`  ${((rec.at - t0) / 1000).toFixed(1)} s: ${kind}, serving again after ${rec.readyAt - rec.at} ms`);
          continue;
        }
        const r = random();
        const method = pick(methods);
        let fault: StandInFault;
        let label: string;
        if (r < 0.3) {
          fault = { code: 429, retryAfter: random() < 0.8 ? 1 : 2 };
          label = `Bot API 429 retry_after ${fault.retryAfter}`;
        } else if (r < 0.55) {
          fault = { code: pick([500, 502]) };
          label = `Bot API ${fault.code}`;
        } else if (r < 0.65) {
          fault = { drop: true };
          label = 'Bot API connection dropped';
        } else if (r < 0.75) {
          fault = random() < 0.5 ? { code: 500, after: true } : { drop: true, after: true };
          label = `Bot API ${fault.drop ? 'drop' : '500'} after the call ran`;
        } else {
          const after = random() < 0.4;
          const n = between(1, 4);
          tg.failWebhook(n, { after });
          addFault(after ? 'webhook answer lost (redelivered)' : 'webhook delivery failed (redelivered)', n);
          continue;
        }
        const n = fault.after ? 1 : between(1, 5);
        tg.failNext(method, n, fault);
        addFault(`${label} on ${method === '*' ? 'any method' : method}`, n);
      }
    }

    const users = Array.from({ length: options.users ?? 8 }, (_, i) =>
      userLoop(i).catch((e) => {
        violations.push(`user ${i}: ${(e as Error).message}`);
      }),
    );
    const faulter = faultLoop().catch((e) => violations.push(`fault loop: ${(e as Error).message}`));
    await sleep(options.durationMs);
    phase = 'drain';
    const drainStart = Date.now();
    await faulter;
    tg.clearFaults();
    if (!kit.ready) await kit.whenReady();
    log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s: faults off; users finish their orders`);
    await Promise.all(users);
    // Everything in flight settles: updates delivered, fulfilments done, outbox empty.
    const drainEnd = Date.now() + 90_000;
    let last: any = null;
    for (;;) {
      last = await kit.ask<{ unfulfilled: number; outboxPending: number }>('status', { status: true });
      if (last && last.unfulfilled === 0 && last.outboxPending === 0 && tg.pendingUpdateCount === 0) break;
      if (Date.now() > drainEnd) {
        violations.push(`did not settle within 90 s of the end: ${JSON.stringify(last)}, ${tg.pendingUpdateCount} updates pending`);
        break;
      }
      await sleep(250);
    }
    const drainMs = Date.now() - drainStart;
    await kit.kill('SIGTERM');
    phase = 'done';

    // ---- the checks ----
    const store = await openStore(dbUrl);
    try {
      const counted = await checkRun({ tg, store, kit, kills, notices, userGrants, t0 }, violations);
      const recovery = kills.filter((k) => k.readyAt).map((k) => k.readyAt! - k.at);
      const toOrder = kills.filter((k) => k.firstOrderAt).map((k) => k.firstOrderAt! - k.at);
      const botCalls = new Map<string, number>();
      for (const c of tg.calls) botCalls.set(c.method, (botCalls.get(c.method) ?? 0) + 1);
      const firedApiFaults = new Map<string, number>();
      for (const c of tg.calls) if (c.fault) firedApiFaults.set(`${c.fault} on ${c.method}`, (firedApiFaults.get(`${c.fault} on ${c.method}`) ?? 0) + 1);
      const figures = {
        storage: pgDb ? 'postgres' : 'sqlite',
        seed: options.seed ?? 1,
        users: options.users ?? 8,
        runSeconds: Math.round(options.durationMs / 1000),
        drainSeconds: +(drainMs / 1000).toFixed(1),
        httpRequests: http.requests,
        httpByStatus: Object.fromEntries(http.byStatus),
        httpByRoute: Object.fromEntries(http.byRoute),
        orders: { ...orders, charges: counted.charges, paidInStore: counted.paidInStore },
        payToFulfilledMs: { p50: pct(payToFulfilledMs, 50), p95: pct(payToFulfilledMs, 95), max: pct(payToFulfilledMs, 100) },
        messages: { expected: counted.expected, reachedTelegram: counted.reachedTelegram, duplicates: counted.duplicates, duplicateCauses: Object.fromEntries(counted.dupCauses), notices: notices.size },
        fulfilHookReRuns: { total: counted.reRuns, afterACrash: counted.reRunsByCrash },
        faultsInjected: Object.fromEntries([...faults].sort()),
        botApiFaultsFired: Object.fromEntries([...firedApiFaults].sort()),
        botApiCalls: Object.fromEntries(botCalls),
        webhook: { ...tg.webhookStats },
        server: {
          starts: kit.starts,
          killed: kills.filter((k) => k.kind === 'SIGKILL').length,
          restartedGracefully: kills.filter((k) => k.kind === 'SIGTERM').length,
          failedStarts: kit.failedStarts.length,
          exits: kit.exits.reduce<Record<string, number>>((a, e) => ((a[e] = (a[e] ?? 0) + 1), a), {}),
          recoveryMs: { min: pct(recovery, 0), p50: pct(recovery, 50), max: pct(recovery, 100) },
          killToNextOrderMs: { p50: pct(toOrder, 50), max: pct(toOrder, 100) },
          log: Object.fromEntries([...kit.logs].sort((a, b) => b[1] - a[1])),
        },
        anomalies: Object.fromEntries(anomalies),
      };
      const ok = violations.length === 0;
      const text = formatReport(figures, violations);
      return { ok, violations, figures, text };
    } finally {
      await store.close();
    }
  } finally {
    phase = 'done';
    await kit.kill('SIGKILL').catch(() => undefined);
    await tg.stop();
    await pgDb?.drop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}
