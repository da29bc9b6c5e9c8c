/**
 * The TON rail over real HTTP: the kit (SQLite) with the rail as an extension, toncenter's v3
 * API played by the stand-in on 127.0.0.1. Orders are created through POST /orders, transfers
 * are put on the stand-in's chain, and the rail's rounds are driven by hand (its own timer is
 * set to an hour) with a clock the test moves.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../server/initData.js';
import { createServerKit, type CatalogItem, type ServerKit } from '../../server/kit.js';
import { openStore } from '../../server/storage/index.js';
import { onPostgres } from './pg.js';
import type { Order, Store } from '../../server/storage/store.js';
import { TelegramStandIn, type StandInUser } from '../../server/telegramStandIn.js';
import { ConfigError, readFileConfig, settingsFrom } from '../../server/serverConfig.js';
import { commentOf, commentPayload, crc16, crc32c, friendlyAddress, fromNano, parseAddress, parseBoc, rawAddress, serializeBoc, toNano } from '../../server/ton/codec.js';
import { ToncenterReader } from '../../server/ton/chain.js';
import { createTonRail, TonRail, validateTonOptions, type TonRailOptions } from '../../server/ton/rail.js';
import { ToncenterStandIn } from '../../server/ton/standIn.js';
import type { TonTransferRecord } from '../../server/ton/tonStore.js';
import { tonConnectManifest } from '../../compiler/cli/publish.js';
import { PACKAGE_ROOT, tonPlugin } from '../../compiler/vite/index.js';

const TOKEN = '555000222:AAton-test-token';
const ADA: StandInUser = { id: 700000011, is_bot: false, first_name: 'Ada' };
const BOB: StandInUser = { id: 700000012, is_bot: false, first_name: 'Bob' };
// A documented mainnet address (TON docs' wallet-monitor recipe) and two made-up ones.
const SHOP = 'EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2';
const BUYER = `0:${'ab'.repeat(32)}`;
const OTHER = `0:${'cd'.repeat(32)}`;
const CATALOG: Record<string, CatalogItem> = {
  stone: { title: 'Moon stone', ton: '0.5' },
  tea: { title: 'Green tea', price: 25, ton: '0.01' },
  mug: { title: 'Clay mug', price: 40 },
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-ton-'));
let tg: TelegramStandIn;
let chain: ToncenterStandIn;
let clock = Date.now();

interface Running {
  kit: ServerKit;
  rail: TonRail;
  store: Store;
  url: string;
  fulfilled: Order[];
  events: string[];
  stop(): Promise<void>;
}

async function startKit(file: string, over: Partial<TonRailOptions> = {}): Promise<Running> {
  const store = await openStore(file);
  const fulfilled: Order[] = [];
  const events: string[] = [];
  const rail = createTonRail({
    address: SHOP,
    endpoint: chain.endpoint,
    apiKey: 'test-key',
    ttlSeconds: 300,
    graceSeconds: 60,
    pollMs: 3_600_000,
    now: () => clock,
    log: () => undefined,
    hooks: {
      underpaid: (o: Order, t: TonTransferRecord) => void events.push(`underpaid ${o.id} ${t.amount}`),
      expired: (o: Order) => void events.push(`expired ${o.id}`),
      unmatched: (t: TonTransferRecord) => void events.push(`unmatched ${t.orderId} ${t.amount}`),
    },
    ...over,
  });
  const kit = createServerKit({ botToken: TOKEN, store, apiRoot: tg.apiRoot, catalog: CATALOG, fulfilRetryMs: 0, log: () => undefined, extensions: [rail], hooks: { fulfil: (o) => void fulfilled.push(o) } });
  const server = http.createServer(kit.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await kit.start();
  return {
    kit,
    rail,
    store,
    url,
    fulfilled,
    events,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await kit.close();
      await store.close();
    },
  };
}

const tma = (user: StandInUser) => `tma ${signInitData({ user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)) }, TOKEN)}`;

async function api(base: string, method: string, route: string, body?: unknown, user: StandInUser = ADA): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/wx2tg${route}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), authorization: tma(user) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function order(r: Running, body: unknown = { items: [{ id: 'stone' }], rail: 'ton' }): Promise<any> {
  const res = await api(r.url, 'POST', '/orders', body);
  expect(res.status).toBe(200);
  return res.body;
}

const statusOf = async (r: Running, id: string) => (await api(r.url, 'GET', `/ton/orders/${id}`)).body;

beforeAll(async () => {
  tg = await new TelegramStandIn({ token: TOKEN, username: 'ton_shop_bot' }).start();
  chain = await new ToncenterStandIn({ now: () => clock }).start();
});
afterAll(async () => {
  await tg?.stop();
  await chain?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('TON codec (from the documented formats)', () => {
  it('checksums match their standard check values; a documented address parses and round-trips', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x31c3);
    const a = parseAddress(SHOP);
    expect(a).toMatchObject({ workchain: 0, bounceable: true, testOnly: false });
    expect(friendlyAddress(a, { bounceable: true, testOnly: false })).toBe(SHOP);
    expect(Buffer.from(parseAddress(rawAddress(SHOP)).hash).toString('hex')).toBe(Buffer.from(a.hash).toString('hex'));
    expect(friendlyAddress(SHOP, { bounceable: false, testOnly: false }).slice(0, 2)).toBe('UQ');
    expect(() => parseAddress(SHOP.slice(0, -1) + (SHOP.endsWith('2') ? '3' : '2'))).toThrow(/checksum/);
  });

  it('a comment is one cell (op 0 + UTF-8) in a BOC with CRC32C, and reads back', () => {
    const payload = commentPayload('wx2tg order 1 ✓');
    const bytes = Buffer.from(payload, 'base64');
    expect(bytes.subarray(0, 5).toString('hex')).toBe('b5ee9c7241'); // magic, has_crc32c + 1-byte refs
    expect(payload.startsWith('te6cckEBAQEA')).toBe(true); // how every one-cell BOC with CRC begins
    const cell = parseBoc(bytes);
    expect(cell.refs).toEqual([]);
    expect(Buffer.from(cell.data.subarray(0, 4)).toString('hex')).toBe('00000000');
    expect(commentOf(payload)).toBe('wx2tg order 1 ✓');
    const broken = Buffer.from(bytes);
    broken[broken.length - 6]! ^= 1;
    expect(() => parseBoc(broken)).toThrow(/checksum/);
    expect(commentOf(broken.toString('base64'))).toBeNull();
    // A "snake" comment continues in the first reference.
    const tail = { data: new TextEncoder().encode(' and more'), refs: [] };
    const head = { data: Uint8Array.from([0, 0, 0, 0, ...new TextEncoder().encode('long')]), refs: [tail] };
    expect(commentOf(Buffer.from(serializeBoc(head)).toString('base64'))).toBe('long and more');
    expect(commentOf(Buffer.from(serializeBoc({ data: Uint8Array.from([0, 0, 0, 1, 65]), refs: [] })).toString('base64'))).toBeNull(); // another op
    expect(() => commentPayload('x'.repeat(124))).toThrow(/123 bytes/);
  });

  it('amounts: TON ↔ nanotons without floating point', () => {
    expect(toNano('0.5')).toBe('500000000');
    expect(toNano('12.000000001')).toBe('12000000001');
    expect(fromNano('500000000')).toBe('0.5');
    expect(() => toNano('0.0000000001')).toThrow();
    expect(() => toNano('-1')).toThrow();
    expect(() => toNano('0')).toThrow(/positive/);
  });
});

function railCases(label: string, storeUrl: () => string): void {
describe(`TON rail (${label})`, () => {
  let r: Running;
  beforeAll(async () => {
    r = await startKit(storeUrl());
  });
  afterAll(async () => {
    await r.stop();
  });

  it('creates the order: WeChat’s five fields with a TON package, and the transfer to make', async () => {
    const o = await order(r);
    expect(o).toMatchObject({ rail: 'ton', status: 'pending', currency: 'TON', amount: 500000000, title: 'Moon stone' });
    expect(Object.keys(o.payment).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(o.payment.package).toBe(`ton=${o.orderId}&status=${encodeURIComponent(`${r.url}/wx2tg/ton/orders/${o.orderId}`)}`);
    expect(o.ton).toMatchObject({ address: SHOP, amount: '500000000', comment: `wx2tg ${o.orderId}`, network: '-239', validUntil: Math.floor(clock / 1000) + 300 });
    expect(commentOf(o.ton.payload)).toBe(o.ton.comment);
    const s = await statusOf(r, o.orderId);
    expect(s).toMatchObject({ status: 'pending', transfer: o.ton });
    // Another user cannot see it; a Stars order is untouched by the rail.
    expect((await api(r.url, 'GET', `/ton/orders/${o.orderId}`, undefined, BOB)).status).toBe(404);
    const stars = await order(r, { items: [{ id: 'tea' }] });
    expect(stars).toMatchObject({ currency: 'XTR', amount: 25 });
    expect(stars.payment.package).toMatch(/^invoice=/);
    // A product sold only for TON goes to TON without saying so; one without a TON price cannot.
    expect((await order(r, { items: [{ id: 'stone', quantity: 2 }] })).ton.amount).toBe('1000000000');
    expect(await api(r.url, 'POST', '/orders', { items: [{ id: 'mug' }], rail: 'ton' })).toEqual({ status: 400, body: { error: '"mug" has no TON price' } });
    expect((await api(r.url, 'POST', '/orders', { items: [{ id: 'stone' }], rail: 'stars' })).body.error).toMatch(/sold for TON only/);
  });

  it('paid: a transfer with the comment and enough TON; fulfilled once; the toncenter call is the documented one', async () => {
    const o = await order(r);
    const hash = chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: o.ton.comment });
    chain.requests.length = 0;
    await r.rail.poll();
    const req = chain.requests.at(-1)!;
    expect(req).toMatchObject({ path: '/api/v3/transactions', apiKey: 'test-key', query: { account: rawAddress(SHOP), sort: 'asc', limit: '100', offset: '0' } });
    expect(await statusOf(r, o.orderId)).toMatchObject({ status: 'paid', txHash: hash, received: '500000000' });
    expect(await r.store.order(o.orderId)).toMatchObject({ status: 'paid', chargeId: `ton:${hash}`, providerChargeId: rawAddress(BUYER) });
    expect(r.fulfilled.map((x) => x.id)).toEqual([o.orderId]);
    // Seen again (every later round reads it again) and reported twice: nothing changes.
    await r.rail.poll();
    await r.rail.sighting({ hash, lt: '1', time: 0, source: rawAddress(BUYER), destination: rawAddress(SHOP), amount: '500000000', comment: o.ton.comment, failed: false });
    expect(r.fulfilled.map((x) => x.id)).toEqual([o.orderId]);
    expect(await r.store.paymentsOfOrder(o.orderId)).toHaveLength(1);
    // A second transfer with the same comment is money we keep track of, not a second payment.
    r.events.length = 0;
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: o.ton.comment });
    await order(r); // keeps a waiting order so the rail reads the chain
    await r.rail.poll();
    expect(r.events).toEqual([`unmatched ${o.orderId} 500000000`]);
    expect(r.fulfilled).toHaveLength(1);
  });

  it('more than asked is paid; less is underpaid (fail) and the order is void', async () => {
    const over = await order(r);
    const under = await order(r);
    r.events.length = 0;
    chain.transfer({ from: BUYER, to: SHOP, amount: '600000000', comment: over.ton.comment });
    chain.transfer({ from: BUYER, to: SHOP, amount: '499999999', comment: under.ton.comment });
    await r.rail.poll();
    expect((await statusOf(r, over.orderId)).status).toBe('paid');
    expect(await statusOf(r, under.orderId)).toMatchObject({ status: 'underpaid', received: '499999999' });
    expect(await r.store.order(under.orderId)).toMatchObject({ status: 'void' });
    expect(r.events).toEqual([`underpaid ${under.orderId} 499999999`]);
    // Topping up afterwards does not turn it into paid.
    chain.transfer({ from: BUYER, to: SHOP, amount: '1', comment: under.ton.comment });
    await r.rail.poll();
    expect((await statusOf(r, under.orderId)).status).toBe('underpaid');
  });

  it('ignores transfers to another address, with another or no comment, and bounced ones', async () => {
    const o = await order(r);
    r.events.length = 0;
    chain.transfer({ from: BUYER, to: OTHER, amount: '500000000', comment: o.ton.comment }); // another account
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: `wx2tg ${o.orderId}x` });
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: o.orderId }); // the id without our prefix
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000' });
    await r.rail.poll();
    // The reader asks for the shop's account only; and a sighting for another destination is dropped too.
    await r.rail.sighting({ hash: 'x1', lt: '1', time: 0, source: rawAddress(BUYER), destination: rawAddress(OTHER), amount: '500000000', comment: o.ton.comment, failed: false });
    expect((await statusOf(r, o.orderId)).status).toBe('pending');
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: o.ton.comment, bounced: true });
    await r.rail.poll();
    expect((await statusOf(r, o.orderId)).status).toBe('pending');
    expect(r.events).toEqual([`unmatched ${o.orderId} 500000000`]);
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: o.ton.comment });
    await r.rail.poll();
    expect((await statusOf(r, o.orderId)).status).toBe('paid');
  });

  it('expired: nothing by validUntil + grace; a transfer already on the chain still wins; an outage expires nothing', async () => {
    const lost = await order(r);
    const late = await order(r);
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: late.ton.comment });
    r.events.length = 0;
    clock += 359_000; // validUntil (300 s) + grace (60 s) not yet passed
    chain.failNext = 1;
    await expect(r.rail.poll()).rejects.toThrow(/503/);
    clock += 2_000;
    chain.failNext = 1;
    await expect(r.rail.poll()).rejects.toThrow(/503/);
    expect((await statusOf(r, lost.orderId)).status).toBe('pending'); // the chain could not be read: no verdict
    await r.rail.poll();
    expect((await statusOf(r, lost.orderId)).status).toBe('expired');
    expect((await statusOf(r, late.orderId)).status).toBe('paid');
    expect(await r.store.order(lost.orderId)).toMatchObject({ status: 'void' });
    expect(r.events.filter((e) => e.startsWith('expired'))).toContain(`expired ${lost.orderId}`);
    // Money that comes after the order expired is recorded, never turns it paid.
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: lost.ton.comment });
    await order(r);
    await r.rail.poll();
    expect((await statusOf(r, lost.orderId)).status).toBe('expired');
    expect(r.events).toContain(`unmatched ${lost.orderId} 500000000`);
  });

  it('the client’s BOC report is stored as a hint and answered with the status', async () => {
    const o = await order(r);
    const boc = commentPayload('signed external message stand-in');
    const res = await api(r.url, 'POST', `/ton/orders/${o.orderId}/boc`, { boc });
    expect(res).toEqual({ status: 202, body: { status: 'pending' } });
    expect((await r.rail.store.get(o.orderId))!.boc).toBe(boc);
    expect((await api(r.url, 'POST', `/ton/orders/${o.orderId}/boc`, { boc: 'not base64!' })).status).toBe(400);
    expect((await api(r.url, 'POST', `/ton/orders/${o.orderId}/boc`, { boc }, BOB)).status).toBe(404);
    expect((await fetch(`${r.url}/wx2tg/ton/orders/${o.orderId}`)).status).toBe(401);
  });
});
}

railCases('SQLite', () => path.join(tmp, 'shop.sqlite'));

onPostgres('TON rail on PostgreSQL', (url) => railCases('PostgreSQL', () => url));

describe('TON rail across restarts', () => {
  it('a transfer made while the server was down settles at start; a crash between settling and recording is replayed', async () => {
    const file = path.join(tmp, 'restart.sqlite');
    let r = await startKit(file);
    const a = await order(r);
    const b = await order(r);
    await r.stop();
    chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: a.ton.comment });
    r = await startKit(file); // start() reads the chain once
    expect((await statusOf(r, a.orderId)).status).toBe('paid');
    expect(r.fulfilled.map((x) => x.id)).toEqual([a.orderId]);
    // The rail settled b in its own table, then the process died before the kit's order row changed.
    const hash = chain.transfer({ from: BUYER, to: SHOP, amount: '500000000', comment: b.ton.comment });
    await r.rail.store.settle(b.orderId, { txHash: hash, source: rawAddress(BUYER), amount: '500000000', comment: b.ton.comment, failed: false });
    expect(await r.store.order(b.orderId)).toMatchObject({ status: 'pending' });
    await r.stop();
    r = await startKit(file);
    expect(await r.store.order(b.orderId)).toMatchObject({ status: 'paid', chargeId: `ton:${hash}` });
    expect(r.fulfilled.map((x) => x.id)).toEqual([b.orderId]);
    await r.rail.poll();
    expect(await r.store.paymentsOfOrder(b.orderId)).toHaveLength(1);
    await r.stop();
    // A third life: nothing is fulfilled again.
    r = await startKit(file);
    await r.rail.poll();
    expect(r.fulfilled).toEqual([]);
    await r.stop();
  });
});

describe('TON configuration', () => {
  it('refuses a missing or malformed address, a testnet address on mainnet, bad numbers', () => {
    expect(() => validateTonOptions({} as TonRailOptions)).toThrow(/address .* is required/);
    expect(() => validateTonOptions({ address: 'EQnothing' })).toThrow(/not a TON address/);
    expect(() => validateTonOptions({ address: SHOP.replace('p4q2', 'p4q3') })).toThrow(/checksum/);
    const testnet = friendlyAddress(SHOP, { bounceable: true, testOnly: true });
    expect(() => validateTonOptions({ address: testnet })).toThrow(/testnet address/);
    expect(() => validateTonOptions({ address: testnet, network: 'testnet' })).not.toThrow();
    expect(() => validateTonOptions({ address: SHOP, network: 'main' as never })).toThrow(/network must be/);
    expect(() => validateTonOptions({ address: SHOP, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => new TonRail({ address: SHOP, endpoint: 'ftp://x' })).toThrow(/endpoint/);
  });

  it('wx2tg serve’s config file: ton prices need the ton section; typos are errors; the rail becomes an extension', () => {
    const write = (name: string, v: unknown): string => {
      const f = path.join(tmp, name);
      writeFileSync(f, JSON.stringify(v));
      return f;
    };
    expect(() => readFileConfig(write('a.json', { catalog: { s: { title: 'S', ton: '0.5' } } }))).toThrow(/has a ton price but there is no "ton" section/);
    expect(() => readFileConfig(write('b.json', { ton: { address: SHOP }, catalog: { s: { title: 'S', ton: 'half' } } }))).toThrow(/catalog item "s": "half" is not an amount of TON/);
    expect(() => readFileConfig(write('c.json', { ton: { address: SHOP, adress: 'x' } }))).toThrow(/unknown key "ton.adress"/);
    expect(() => readFileConfig(write('d.json', { ton: { network: 'testnet' } }))).toThrow(ConfigError);
    expect(() => readFileConfig(write('e.json', { catalog: { s: { title: 'S' } } }))).toThrow(/needs a price \(Stars\) or a ton price/);
    const file = write('ok.json', { ton: { address: SHOP, pollMs: 2000 }, catalog: { s: { title: 'S', ton: '1.25' } } });
    const s = settingsFrom({ BOT_TOKEN: TOKEN, TONCENTER_API_KEY: 'k' }, file);
    expect(s.kit.extensions?.map((x) => x.prefix)).toEqual(['/ton']);
    expect((s.kit as Record<string, unknown>).ton).toBeUndefined();
    expect(s.kit.catalog).toEqual({ s: { title: 'S', ton: '1.25' } });
  });

  it('the toncenter reader pages through results and skips what is not an inbound transfer', async () => {
    const shop2 = `0:${'ee'.repeat(32)}`;
    for (let i = 0; i < 5; i++) chain.transfer({ from: BUYER, to: shop2, amount: String(i + 1), comment: `c${i}` });
    chain.requests.length = 0;
    const got = await new ToncenterReader({ endpoint: chain.endpoint, pageSize: 2 }).incoming(shop2, 0);
    expect(got.map((t) => [t.amount, t.comment])).toEqual([['1', 'c0'], ['2', 'c1'], ['3', 'c2'], ['4', 'c3'], ['5', 'c4']]);
    expect(chain.requests.map((q) => q.query.offset)).toEqual(['0', '2', '4']);
    expect(chain.requests[0]!.apiKey).toBeNull();
  });

  it('wx2tg publish’s TON Connect manifest: url, name, iconUrl required; paths resolve against the hosting URL', () => {
    const url = 'https://shop.example.com/app/';
    expect(tonConnectManifest(url, { iconUrl: 'img/icon.png', privacyPolicyUrl: '/privacy.html' }, 'Shop')).toEqual({
      manifest: { url: 'https://shop.example.com/app', name: 'Shop', iconUrl: 'https://shop.example.com/app/img/icon.png', privacyPolicyUrl: 'https://shop.example.com/app/privacy.html' },
    });
    expect(tonConnectManifest(url, true, 'Shop', { icon: 'https://cdn.example.com/i.png', name: 'Flag name' })).toEqual({ manifest: { url: 'https://shop.example.com/app', name: 'Flag name', iconUrl: 'https://cdn.example.com/i.png' } });
    expect(tonConnectManifest(url, true, 'Shop')).toEqual({ problems: ['TON Connect needs an icon (a 180×180 PNG): app.json telegram.ton.iconUrl or --ton-icon'] });
    expect(tonConnectManifest(url, { icon: 'x.png', iconUrl: 'http://insecure.example.com/i.png' }, 'Shop')).toEqual({
      problems: ['app.json telegram.ton: unknown key "icon" (known: name, iconUrl, termsOfUseUrl, privacyPolicyUrl)', 'telegram.ton.iconUrl: http://insecure.example.com/i.png must be https (wallets fetch it)'],
    });
    expect(tonConnectManifest(url, 'yes', 'Shop')).toEqual({ problems: [expect.stringMatching(/must be an object/)] });
  });

  it('the build keeps TON Connect out of programs without app.json telegram.ton (wx2tg:ton)', () => {
    const payment = path.join(PACKAGE_ROOT, 'dist/runtime/api/payment.js');
    const plugin = (appJson: Record<string, unknown>) => tonPlugin({ program: { graph: { appJson } } as never }) as { resolveId: (id: string, importer?: string) => string | null; load: (id: string) => string | null };
    const off = plugin({});
    const id = off.resolveId('./tonPay.js', payment);
    expect(id).toBe('\0wx2tg-ton-off');
    expect(off.load(id!)).toMatch(/export function payWithTon\(\) \{ throw new ApiFail\('this program has no TON payments/);
    expect(off.resolveId('./tonPay.js', path.join(PACKAGE_ROOT, 'dist/runtime/api/other.js'))).toBeNull();
    expect(plugin({ telegram: { ton: { iconUrl: 'i.png' } } }).resolveId('./tonPay.js', payment)).toBeNull();
  });
});
