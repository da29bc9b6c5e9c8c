/**
 * The back end `wx2tg dev` runs beside the simulator: the kit plus the Bot API stand-in, and the
 * panel's "paid" button going through Telegram's side (pre-checkout, successful_payment).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevBackend, type DevBackend } from '../../server/devBackend.js';
import { signInitData } from '../../server/initData.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TOKEN = '1000000001:wx2tg-dev-simulator-token';
const USER = { id: 700000001, first_name: 'Ada' };
let dev: DevBackend;
let panel: http.Server;
let panelUrl: string;

beforeAll(async () => {
  dev = await startDevBackend({ botToken: TOKEN, port: 0, configFile: path.join(REPO, 'samples/showcase/server/wx2tg-server.json') });
  panel = http.createServer((req, res) => dev.panelMiddleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((r) => panel.listen(0, '127.0.0.1', r));
  panelUrl = `http://127.0.0.1:${(panel.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => panel.close(r));
  await dev.close();
});

describe('dev back end', () => {
  it('prices from the program’s server config, and the panel’s "paid" runs Telegram’s side of the payment', async () => {
    const auth = `tma ${signInitData({ user: JSON.stringify(USER), auth_date: String(Math.floor(Date.now() / 1000)) }, TOKEN)}`;
    const res = await fetch(`${dev.url}/orders`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ id: 'ink' }] }) });
    const order = (await res.json()) as { orderId: string; slug: string; amount: number };
    expect(order.amount).toBe(25);
    const paid = await fetch(`${panelUrl}/__wx2tg/invoice`, { method: 'POST', body: JSON.stringify({ slug: order.slug, user: USER }) });
    expect(await paid.json()).toEqual({ status: 'paid' });
    expect((await dev.store.order(order.orderId))!.status).toBe('paid');
    // Paying it again: the kit declines at pre-checkout, the panel shows it failed.
    const again = await fetch(`${panelUrl}/__wx2tg/invoice`, { method: 'POST', body: JSON.stringify({ slug: order.slug, user: USER }) });
    expect(await again.json()).toEqual({ status: 'failed' });
    const unknown = await fetch(`${panelUrl}/__wx2tg/invoice`, { method: 'POST', body: JSON.stringify({ slug: 'nope', user: USER }) });
    expect(await unknown.json()).toEqual({ status: 'failed' });
  });
});
