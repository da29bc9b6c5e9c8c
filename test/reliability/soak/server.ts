/**
 * The server-kit process of the soak (soak.ts starts it, kills it, starts it again): the real
 * kit over Node's http on a fixed port, on the soak's database, against the Bot API stand-in.
 * Its fulfil hook does what a shop's would, keyed by order id: records the delivery in a table
 * (soak_effects: how often the hook ran, how often it threw) and sends the "shipped" subscribe
 * message with id ship-<order id>.
 *
 * Environment: SOAK_DB, SOAK_PORT, SOAK_API_ROOT, SOAK_TOKEN, SOAK_SECRET.
 * IPC: sends {ready: url} once serving; answers {send: {id, openid, n}} with
 * {sent: {id, status} | {id, errcode}} (a NOTICE subscribe message), {status: true} with
 * {status: {unfulfilled, outboxPending}}; "stop" (or SIGTERM) closes it gracefully.
 * Every kit log line goes to stderr as "LOG\t<message>"; an unhandled error prints
 * "SOAK-UNHANDLED" and exits 70.
 */
import http from 'node:http';
import { createServerKit } from '../../../server/kit.js';
import { openStore } from '../../../server/storage/index.js';
import { SubscribeError } from '../../../server/subscribe.js';

const env = process.env;
const die = (kind: string) => (e: unknown) => {
  process.stderr.write(`SOAK-UNHANDLED ${kind}: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(70);
};
process.on('unhandledRejection', die('rejection'));
process.on('uncaughtException', die('exception'));

const port = Number(env.SOAK_PORT);
const url = `http://127.0.0.1:${port}`;
const store = await openStore(env.SOAK_DB);
await store.db.query(
  `CREATE TABLE IF NOT EXISTS soak_effects (order_id TEXT PRIMARY KEY, calls BIGINT NOT NULL, failures BIGINT NOT NULL, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL)`,
);

const kit = createServerKit({
  botToken: env.SOAK_TOKEN!,
  store,
  webhookSecret: env.SOAK_SECRET,
  apiRoot: env.SOAK_API_ROOT,
  publicUrl: url,
  catalog: { tea: { title: 'Green tea', price: 12 }, mug: { title: 'Clay mug', price: 30 }, fan: { title: 'Paper fan', price: 8 } },
  rateLimit: false, // every simulated user comes from 127.0.0.1
  fulfilRetryMs: 1000,
  fulfilLeaseMs: 15_000,
  log: (m, d) => process.stderr.write(`LOG\t${m}${d instanceof Error ? `: ${d.message}` : ''}\n`.replace(/\n(?!$)/g, ' ')),
  subscribe: {
    templates: { SHIPPED: { title: 'Shipped', content: 'Order {{order.DATA}} shipped' }, NOTICE: { title: 'Notice', content: 'Notice {{n.DATA}}' } },
    link: { bot: 'wx2tg_soak_bot' },
    outbox: { pollMs: 250, leaseMs: 15_000 },
  },
  hooks: {
    fulfil: async (order) => {
      const now = Date.now();
      await store.db.query(
        `INSERT INTO soak_effects (order_id, calls, failures, first_at, last_at) VALUES ($1, 1, 0, $2, $2)
         ON CONFLICT (order_id) DO UPDATE SET calls = soak_effects.calls + 1, last_at = excluded.last_at`,
        [order.id, now],
      );
      try {
        await kit.sendSubscribeMessage({ id: `ship-${order.id}`, openid: order.openid, templateId: 'SHIPPED', data: { order: order.id } });
      } catch (e) {
        await store.db.query(`UPDATE soak_effects SET failures = failures + 1 WHERE order_id = $1`, [order.id]).catch(() => undefined);
        throw e;
      }
    },
  },
});

const server = http.createServer(kit.handle);
try {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await kit.start();
  await kit.setWebhook(url);
} catch (e) {
  // Telegram failing all through start-up (getMe, setWebhook), or the port still held: the soak starts another.
  process.stderr.write(`SOAK-START-FAILED ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(1);
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const hard = setTimeout(() => {
    process.stderr.write('LOG\tstop: still closing after 15 s; exiting\n');
    process.exit(3);
  }, 15_000);
  const t0 = Date.now();
  // Keep-alive connections busy at close() go on serving; each is closed once it falls idle.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  await new Promise<void>((r) => {
    server.close(() => r());
    server.closeIdleConnections();
  });
  clearInterval(idle);
  const t1 = Date.now();
  process.stderr.write(`LOG\tstop: http closed after ${t1 - t0} ms\n`);
  await kit.close();
  const t2 = Date.now();
  await store.close();
  process.stderr.write(`LOG\tstop: http ${t1 - t0} ms, kit ${t2 - t1} ms, store ${Date.now() - t2} ms\n`);
  clearTimeout(hard);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());

process.on('message', (m: unknown) => {
  if (m === 'stop') return void stop();
  const msg = m as { send?: { id: string; openid: string; n: string }; status?: boolean };
  if (msg.send) {
    const { id, openid, n } = msg.send;
    kit
      .sendSubscribeMessage({ id, openid, templateId: 'NOTICE', data: { n } })
      .then(
        (r) => process.send?.({ sent: { id, status: r.status } }),
        (e) => process.send?.({ sent: { id, errcode: e instanceof SubscribeError ? e.errcode : -1, error: String((e as Error)?.message ?? e) } }),
      );
  }
  if (msg.status) {
    void Promise.all([store.unfulfilledOrders(1000), store.outboxCounts()]).then(
      ([unfulfilled, counts]) => process.send?.({ status: { unfulfilled: unfulfilled.length, outboxPending: counts.pending } }),
      (e) => process.send?.({ status: { error: String(e) } }),
    );
  }
});
process.send?.({ ready: url });
