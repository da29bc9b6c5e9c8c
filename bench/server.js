#!/usr/bin/env node
/**
 * Server load test: a bounded loopback run of login (POST /wx2tg/login with a fresh signed
 * wx.login code each time: HMAC check, single-use mark, user upsert) and order creation
 * (POST /wx2tg/orders: pricing, order row, createInvoiceLink on the Bot API stand-in, link
 * saved), each against the embedded SQLite, with autocannon in this process and the server and
 * the stand-in in their own. The baseline is Node's bare http answering a small JSON under the
 * same load in the same run; figures are requests/s, p99 latency and the ratio to the baseline.
 * "Nothing lost": every 2xx answer must have its row in the database afterwards, and no request
 * may fail.
 *
 *   node bench/server.js [--connections 16] [--logins 8000] [--orders 5000] [--database postgres://…] [--json]
 * Exported: runServerBench(options) → figures, for bench/run.js.
 */
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOKEN = '424242424:AAbench-token';

function sign(fields) {
  const params = new URLSearchParams(fields);
  const dcs = [...params].map(([k, v]) => `${k}=${v}`).sort().join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  params.set('hash', createHmac('sha256', secret).update(dcs).digest('hex'));
  return params.toString();
}

function loginCode(userId, n) {
  const raw = sign({
    user: JSON.stringify({ id: userId, first_name: `User${userId}`, username: `u${userId}` }),
    auth_date: String(Math.floor(Date.now() / 1000)),
    chat_instance: String(n),
    chat_type: 'sender',
  });
  return `tma.${Buffer.from(raw).toString('base64url')}`;
}

function start(mode, args = []) {
  const child = fork(path.join(HERE, 'server-worker.js'), [mode, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, WX2TG_BENCH_TOKEN: TOKEN } });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`${mode} worker exited ${code}`)));
  });
}

function ask(child, message) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, timeout: 10 }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

function figures(res) {
  return {
    requests: res.requests.total,
    ok2xx: res['2xx'],
    non2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    // autocannon's per-second average is coarse on runs of a few seconds; use total / elapsed.
    reqPerSec: Math.round(res.requests.total / ((new Date(res.finish) - new Date(res.start)) / 1000)),
    p50ms: res.latency.p50,
    p99ms: res.latency.p99,
  };
}

export async function runServerBench({ connections = 16, logins = 8000, orders = 5000, database } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-bench-'));
  const standin = await start('standin');
  const kit = await start('kit', [database ?? path.join(tmp, 'bench.sqlite'), standin.url]);
  const bare = await start('bare');
  try {
    // Baseline: the same number of small POSTs to bare Node http.
    const baseline = figures(await load({ url: bare.url, connections, amount: logins, method: 'POST', body: '{"code":"x"}', headers: { 'content-type': 'application/json' } }));

    const { count: before } = await ask(kit.child, 'count');
    // Login: a fresh code per request (codes are single-use).
    const codes = Array.from({ length: logins }, (_, i) => loginCode(1_000_000 + (i % 500), i));
    let next = 0;
    const login = figures(
      await load({
        url: kit.url,
        connections,
        amount: logins,
        requests: [{ method: 'POST', path: '/wx2tg/login', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ code: codes[next++] }) }) }],
      }),
    );

    // Orders: a few logged-in users buying random items.
    const tokens = [];
    for (let u = 0; u < 20; u++) {
      const res = await fetch(`${kit.url}/wx2tg/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: loginCode(2_000_000 + u, 10_000_000 + u) }) });
      tokens.push((await res.json()).token);
    }
    const items = ['tea', 'mug', 'fan'];
    let k = 0;
    const order = figures(
      await load({
        url: kit.url,
        connections,
        amount: orders,
        requests: [
          {
            method: 'POST',
            path: '/wx2tg/orders',
            setupRequest: (req) => {
              const i = k++;
              return {
                ...req,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
                body: JSON.stringify({ items: [{ id: items[i % 3], quantity: 1 + (i % 4) }] }),
              };
            },
          },
        ],
      }),
    );
    const { count } = await ask(kit.child, 'count');
    const lost = {
      logins: login.ok2xx - (count.codes - before.codes - tokens.length),
      orders: order.ok2xx - (count.orders - before.orders),
    };
    return {
      storage: database && /^postgres/.test(database) ? 'postgres' : 'sqlite',
      connections,
      baseline,
      login: { ...login, ratioToBaseline: +(login.reqPerSec / baseline.reqPerSec).toFixed(3) },
      order: { ...order, ratioToBaseline: +(order.reqPerSec / baseline.reqPerSec).toFixed(3) },
      stored: count,
      lost,
      ok: login.non2xx === 0 && login.errors === 0 && order.non2xx === 0 && order.errors === 0 && lost.logins === 0 && lost.orders === 0,
    };
  } finally {
    await Promise.all([stop(kit.child), stop(standin.child), stop(bare.child)]);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const di = process.argv.indexOf('--database');
  const r = await runServerBench({ connections: arg('connections', 16), logins: arg('logins', 8000), orders: arg('orders', 5000), database: di > 0 ? process.argv[di + 1] : undefined });
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    const line = (name, f) => `${name.padEnd(10)} ${String(f.reqPerSec).padStart(7)} req/s   p50 ${String(f.p50ms).padStart(4)} ms   p99 ${String(f.p99ms).padStart(4)} ms   ${f.ok2xx}/${f.requests} ok${f.ratioToBaseline !== undefined ? `   ×${f.ratioToBaseline} of bare http` : ''}`;
    console.log(`server load, ${r.connections} connections, loopback, ${r.storage === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
    console.log(line('bare http', r.baseline));
    console.log(line('login', r.login));
    console.log(line('order', r.order));
    console.log(`stored: ${JSON.stringify(r.stored)}; lost: ${JSON.stringify(r.lost)}; ${r.ok ? 'nothing lost' : 'FAILED'}`);
  }
  if (!r.ok) process.exitCode = 1;
}
