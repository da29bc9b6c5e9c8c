/**
 * The request proxy through the kit: allowlisted upstream only, authenticated callers only,
 * header hygiene both ways, redirects handed back, size and time limits.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../server/initData.js';
import { createServerKit, type ServerKit } from '../../server/kit.js';
import { RequestProxy } from '../../server/proxy.js';
import { SqliteDb } from '../../server/storage/sqlite.js';
import { Store } from '../../server/storage/store.js';

const TOKEN = '555000222:AAproxy-test';
const AUTH = `tma ${signInitData({ user: JSON.stringify({ id: 9, first_name: 'P' }), auth_date: String(Math.floor(Date.now() / 1000)) }, TOKEN)}`;

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let upstream: { server: http.Server; origin: string };
let forbidden: { server: http.Server; origin: string };
let kitServer: { server: http.Server; origin: string };
let kit: ServerKit;
let store: Store;
let forbiddenHits = 0;

beforeAll(async () => {
  upstream = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/slow') {
      setTimeout(() => res.end('late'), 2000);
      return;
    }
    if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(300_000, 1));
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: `${forbidden.origin}/secret` });
      res.end();
      return;
    }
    res.writeHead(201, {
      'content-type': 'application/json',
      'set-cookie': 'sid=upstream; Path=/',
      'access-control-allow-origin': 'https://evil.example',
      'x-upstream': 'yes',
    });
    res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() }));
  });
  forbidden = await listen((_req, res) => {
    forbiddenHits++;
    res.end('internal');
  });
  store = await Store.open(new SqliteDb(':memory:'));
  kit = createServerKit({
    botToken: TOKEN,
    store,
    botInfo: { id: 555000222, is_bot: true, first_name: 'b', username: 'b_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never,
    proxy: { allow: [upstream.origin], maxRequestBytes: 1000, maxResponseBytes: 100_000, timeoutMs: 500 },
    log: () => undefined,
  });
  kitServer = await listen(kit.handle);
});
afterAll(async () => {
  for (const s of [upstream, forbidden, kitServer]) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
  await store.close();
});

const proxied = (target: string, init: RequestInit = {}) =>
  fetch(`${kitServer.origin}/wx2tg/proxy?url=${encodeURIComponent(target)}`, { ...init, headers: { 'x-wx2tg-authorization': AUTH, ...(init.headers as Record<string, string>) } });

describe('request proxy', () => {
  it('forwards to an allowlisted host: method, body, the program’s own headers; strips ours, cookies and forwarding headers', async () => {
    const res = await proxied(`${upstream.origin}/api/items?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer app-token', cookie: 'mine=1', 'x-forwarded-for': '1.2.3.4', 'x-app': 'shop' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { method: string; path: string; headers: Record<string, string>; body: string };
    expect(body).toMatchObject({ method: 'POST', path: '/api/items?x=1', body: '{"a":1}' });
    expect(body.headers).toMatchObject({ authorization: 'Bearer app-token', 'x-app': 'shop', 'content-type': 'application/json' });
    for (const h of ['x-wx2tg-authorization', 'cookie', 'x-forwarded-for', 'origin', 'referer']) expect(body.headers[h], h).toBeUndefined();
    expect(body.headers.host).toBe(new URL(upstream.origin).host);
    // Back: no upstream cookies or CORS grants; our own CORS; end-to-end headers kept.
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-upstream')).toBe('yes');
  });

  it('refuses hosts not on the allowlist (it is no open proxy), bad URLs and unauthenticated callers', async () => {
    const cases: [string, number][] = [
      [`${forbidden.origin}/secret`, 403],
      [`${upstream.origin.replace('127.0.0.1', 'localhost')}/x`, 403],
      [`https://127.0.0.1:${new URL(upstream.origin).port}/x`, 403],
      ['file:///etc/passwd', 403],
      ['not a url', 400],
      [`http://user:pw@${new URL(upstream.origin).host}/x`, 400],
    ];
    for (const [target, status] of cases) expect((await proxied(target)).status, target).toBe(status);
    const noAuth = await fetch(`${kitServer.origin}/wx2tg/proxy?url=${encodeURIComponent(upstream.origin + '/x')}`);
    expect(noAuth.status).toBe(401);
    const missing = await fetch(`${kitServer.origin}/wx2tg/proxy`, { headers: { 'x-wx2tg-authorization': AUTH } });
    expect(missing.status).toBe(400);
    expect(forbiddenHits).toBe(0);
  });

  it('hands a redirect back instead of following it to a host that is not allowed', async () => {
    const res = await proxied(`${upstream.origin}/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${forbidden.origin}/secret`);
    expect(forbiddenHits).toBe(0);
  });

  it('limits request size, response size and time', async () => {
    expect((await proxied(`${upstream.origin}/echo`, { method: 'POST', body: 'x'.repeat(5000) })).status).toBe(413);
    const big = await proxied(`${upstream.origin}/big`);
    expect(big.status).toBe(502);
    expect(((await big.json()) as { error: string }).error).toMatch(/over 100000 bytes/);
    const t = Date.now();
    const slow = await proxied(`${upstream.origin}/slow`);
    expect(slow.status).toBe(504);
    expect(Date.now() - t).toBeLessThan(1500);
    expect((await proxied(`${upstream.origin}/x`, { method: 'PROPFIND' })).status).toBe(405);
  });

  it('rejects allowlist entries that are not plain origins', () => {
    expect(() => new RequestProxy({ allow: ['https://api.example.com/v1'] })).toThrow(/origin only/);
    expect(() => new RequestProxy({ allow: ['ftp://x.example'] })).toThrow(/http/);
    expect(() => new RequestProxy({ allow: ['*.example.com'] })).toThrow(/not a URL/);
  });
});
