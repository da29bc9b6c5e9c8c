/**
 * A process of the server load test (bench/server.js), so the load generator, the server and
 * Telegram's stand-in each have their own event loop:
 *   node bench/server-worker.js kit <db file> <bot api root>   the server kit (wx2tg serve's runServer)
 *   node bench/server-worker.js standin                        the Bot API stand-in
 *   node bench/server-worker.js bare                           the baseline: Node's http answering a small JSON
 * Each sends {url} to its parent when ready; the kit answers {count: …} to a "count" message.
 */
import http from 'node:http';
import { runServer, settingsFrom, TelegramStandIn } from '../dist/server/index.js';

const BENCH_TOKEN = process.env.WX2TG_BENCH_TOKEN ?? '424242424:AAbench-token';

const [mode, dbFile, apiRoot] = process.argv.slice(2);

if (mode === 'kit') {
  const catalog = { tea: { title: 'Green tea', price: 12 }, mug: { title: 'Clay mug', price: 30 }, fan: { title: 'Paper fan', price: 8 } };
  const settings = settingsFrom({ BOT_TOKEN: BENCH_TOKEN, DATABASE_URL: dbFile, TELEGRAM_API_ROOT: apiRoot, PORT: '0', HOST: '127.0.0.1' });
  settings.kit.catalog = catalog;
  settings.kit.log = () => {};
  // Throughput without the per-user and per-address rate limits (they would be what is measured).
  settings.kit.rateLimit = false;
  const server = await runServer(settings);
  process.on('message', async (m) => {
    if (m === 'count') {
      const rows = async (sql) => Number((await server.store.db.query(sql))[0].n);
      process.send({
        count: {
          users: await rows('SELECT count(*) AS n FROM wx2tg_users'),
          codes: await rows('SELECT count(*) AS n FROM wx2tg_codes'),
          orders: await rows(`SELECT count(*) AS n FROM wx2tg_orders WHERE status = 'pending' AND invoice_link <> ''`),
          allOrders: await rows('SELECT count(*) AS n FROM wx2tg_orders'),
        },
      });
    }
    if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.send({ url: server.url });
} else if (mode === 'standin') {
  const tg = await new TelegramStandIn({ token: BENCH_TOKEN }).start();
  process.on('message', async (m) => {
    if (m === 'stop') {
      await tg.stop();
      process.exit(0);
    }
  });
  process.send({ url: tg.url });
} else if (mode === 'bare') {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, got: Buffer.concat(chunks).length }));
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
  process.on('message', (m) => {
    if (m === 'stop') server.close(() => process.exit(0));
  });
} else {
  console.error('usage: server-worker.js kit <db> <apiRoot> | standin | bare');
  process.exit(2);
}
