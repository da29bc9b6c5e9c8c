/**
 * The store on both back ends: the embedded SQLite file and a real PostgreSQL (skipped, with the
 * reason printed, when no PostgreSQL can be started here). The same cases run on both.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, SqliteDb, Store, type NewOrder } from '../../server/storage/index.js';
import { onPostgres } from './pg.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let n = 0;
const newOrder = (over: Partial<NewOrder> = {}): NewOrder => ({
  id: `o${++n}-${Math.random().toString(36).slice(2, 8)}`,
  openid: 'oid-1',
  userId: 42,
  title: 'Tea',
  description: 'Green tea',
  currency: 'XTR',
  amount: 25,
  prices: [{ label: 'Tea', amount: 25 }],
  subscriptionPeriod: null,
  data: { items: [1] },
  ...over,
});
const pay = (orderId: string, charge: string, over: object = {}) => ({ chargeId: charge, providerChargeId: null, payload: orderId, userId: 42, currency: 'XTR', amount: 25, ...over });

function storeCases(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps orders and lists them per user, newest first', async () => {
      const a = await store.insertOrder(newOrder({ openid: 'list-user' }), 1000);
      const b = await store.insertOrder(newOrder({ openid: 'list-user' }), 2000);
      await store.setInvoiceLink(a.id, 'https://t.me/$abc');
      const got = await store.order(a.id);
      expect(got).toMatchObject({ status: 'pending', invoiceLink: 'https://t.me/$abc', amount: 25, prices: [{ label: 'Tea', amount: 25 }], data: { items: [1] }, userId: 42 });
      expect((await store.ordersOf('list-user')).map((o) => o.id)).toEqual([b.id, a.id]);
      expect(await store.order('nope')).toBeNull();
    });

    it('a payment delivered twice (even at the same moment) marks the order paid once', async () => {
      const o = await store.insertOrder(newOrder());
      const [x, y] = await Promise.all([store.recordPayment(pay(o.id, `ch-${o.id}`)), store.recordPayment(pay(o.id, `ch-${o.id}`))]);
      expect([x.firstTime, y.firstTime].sort()).toEqual([false, true]);
      expect([x.orderPaid, y.orderPaid].filter(Boolean)).toHaveLength(1);
      const again = await store.recordPayment(pay(o.id, `ch-${o.id}`));
      expect(again).toMatchObject({ firstTime: false, orderPaid: false });
      expect(again.order).toMatchObject({ status: 'paid', chargeId: `ch-${o.id}` });
      expect(await store.paymentsOfOrder(o.id)).toHaveLength(1);
    });

    it('a payment that does not match its order is recorded but does not mark it paid', async () => {
      const o = await store.insertOrder(newOrder());
      const wrongAmount = await store.recordPayment(pay(o.id, `wa-${o.id}`, { amount: 1 }));
      expect(wrongAmount).toMatchObject({ firstTime: true, orderPaid: false });
      const wrongUser = await store.recordPayment(pay(o.id, `wu-${o.id}`, { userId: 7 }));
      expect(wrongUser.orderPaid).toBe(false);
      expect((await store.order(o.id))!.status).toBe('pending');
      const orphan = await store.recordPayment(pay('no-such-order', `orph-${o.id}`));
      expect(orphan).toMatchObject({ firstTime: true, order: null, orderPaid: false });
      expect(await store.payment(`orph-${o.id}`)).toMatchObject({ orderId: null, payload: 'no-such-order', amount: 25 });
    });

    it('a second payment of a paid order is kept (for a refund), the order keeps its first charge', async () => {
      const o = await store.insertOrder(newOrder());
      await store.recordPayment(pay(o.id, `first-${o.id}`));
      const second = await store.recordPayment(pay(o.id, `second-${o.id}`));
      expect(second).toMatchObject({ firstTime: true, orderPaid: false });
      expect(second.order!.chargeId).toBe(`first-${o.id}`);
      expect((await store.paymentsOfOrder(o.id)).map((p) => p.chargeId).sort()).toEqual([`first-${o.id}`, `second-${o.id}`]);
    });

    it('refunds: recorded once; a refund that arrives before its payment wins over the late payment', async () => {
      const o = await store.insertOrder(newOrder());
      await store.recordPayment(pay(o.id, `r-${o.id}`));
      expect((await store.recordRefund(pay(o.id, `r-${o.id}`))).firstTime).toBe(true);
      const dup = await store.recordRefund(pay(o.id, `r-${o.id}`));
      expect(dup.firstTime).toBe(false);
      expect(dup.order).toMatchObject({ status: 'refunded' });
      const late = await store.insertOrder(newOrder());
      await store.recordRefund(pay(late.id, `late-${late.id}`));
      const p = await store.recordPayment(pay(late.id, `late-${late.id}`));
      expect(p).toMatchObject({ firstTime: false, orderPaid: false });
      expect((await store.order(late.id))!.status).toBe('refunded');
    });

    it('fulfilment is claimed by one caller; a stale claim can be taken over; unfinished ones are listed', async () => {
      const o = await store.insertOrder(newOrder());
      expect(await store.claimFulfilment(o.id, 60_000)).toBeNull(); // not paid yet
      await store.recordPayment(pay(o.id, `f-${o.id}`));
      const claims = await Promise.all([store.claimFulfilment(o.id, 60_000, 10_000), store.claimFulfilment(o.id, 60_000, 10_000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await store.unfulfilledOrders()).some((x) => x.id === o.id)).toBe(true);
      expect(await store.claimFulfilment(o.id, 60_000, 20_000)).toBeNull();
      expect(await store.claimFulfilment(o.id, 60_000, 80_000)).not.toBeNull(); // the first claimant died
      await store.finishFulfilment(o.id, null);
      expect(await store.claimFulfilment(o.id, 60_000, 999_999_999)).toBeNull();
      expect((await store.unfulfilledOrders()).some((x) => x.id === o.id)).toBe(false);
    });

    it('login codes are claimed once; expired ones are swept', async () => {
      expect(await store.claimCode('h1', 5000, 1000)).toBe(true);
      expect(await store.claimCode('h1', 5000, 1000)).toBe(false);
      expect(await store.claimCode('h2', 3000, 6000)).toBe(true); // sweeps h1 (expired at 5000)
      expect(await store.claimCode('h1', 9000, 6000)).toBe(true);
    });

    it('users: one row per openid, the login time moves', async () => {
      const u = await store.upsertUser({ openid: 'u-a', botId: 1, userId: 99, username: 'ada' }, 100);
      expect(u).toMatchObject({ firstSeen: 100, lastLogin: 100, userId: 99 });
      const again = await store.upsertUser({ openid: 'u-a', botId: 1, userId: 99, username: 'ada2' }, 200);
      expect(again).toMatchObject({ firstSeen: 100, lastLogin: 200, username: 'ada2' });
      expect(await store.userByOpenid('u-a')).toMatchObject({ userId: 99 });
    });

    it('subscribe grants accumulate per template and are consumed one at a time', async () => {
      await store.addGrants('g-user', ['T1', 'T2']);
      await store.addGrants('g-user', ['T1']);
      expect(await store.grants('g-user')).toEqual({ T1: 2, T2: 1 });
      const uses = await Promise.all([store.consumeGrant('g-user', 'T2'), store.consumeGrant('g-user', 'T2')]);
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await store.consumeGrant('g-user', 'T3')).toBe(false);
      await store.restoreGrant('g-user', 'T2');
      expect((await store.grants('g-user')).T2).toBe(1);
    });
  });
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

storeCases('SQLite store', () => openStore(path.join(tmp, 'cases.sqlite')));

onPostgres('PostgreSQL store', (url) => storeCases('on a real server', () => openStore(url)));

describe('SQLite file ownership and durability', () => {
  it('a second open of the same file is refused while it is open; allowed after close', async () => {
    const file = path.join(tmp, 'own.sqlite');
    const a = await openStore(file);
    await expect(openStore(file)).rejects.toThrow(/already open in this process/);
    await a.close();
    const b = await openStore(file);
    await b.close();
  });

  it('committed orders survive a kill -9; the dead process’s lock is cleared on the next start; a live owner is refused', async () => {
    const file = path.join(tmp, 'killed.sqlite');
    const script = `
      const { openStore } = await import(${JSON.stringify(path.join(REPO, 'dist/server/storage/index.js'))});
      const store = await openStore(${JSON.stringify(file)});
      await store.insertOrder({ id: 'survivor', openid: 'x', userId: 1, title: 't', description: 'd', currency: 'XTR', amount: 5, prices: [{ label: 't', amount: 5 }], subscriptionPeriod: null, data: null });
      await store.recordPayment({ chargeId: 'c1', providerChargeId: null, payload: 'survivor', userId: 1, currency: 'XTR', amount: 5 });
      console.log('committed');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    await expect(openStore(file)).rejects.toThrow(new RegExp(`in use by process ${child.pid}`));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(`${file}.lock`)).toBe(true); // left behind by the killed process
    const store = await openStore(file);
    expect(await store.order('survivor')).toMatchObject({ status: 'paid', chargeId: 'c1' });
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('group commit: concurrent transactions share commits; one that throws is rolled back alone', async () => {
    const file = path.join(tmp, 'group.sqlite');
    const store = await openStore(file);
    const work = Array.from({ length: 60 }, (_, i) =>
      store.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO wx2tg_meta (key, value) VALUES ($1, 'x')`, [`k${i}`]);
        if (i % 7 === 3) throw new Error(`job ${i} fails`);
        await tx.query(`UPDATE wx2tg_meta SET value = 'done' WHERE key = $1`, [`k${i}`]);
        return i;
      }),
    );
    const settled = await Promise.allSettled(work);
    const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24, 31, 38, 45, 52, 59]);
    await store.close();
    const again = await openStore(file); // what was answered ok is on disk; the failed ones left nothing
    const rows = await again.db.query(`SELECT key, value FROM wx2tg_meta WHERE key LIKE 'k%'`);
    expect(rows).toHaveLength(60 - failed.length);
    expect(rows.every((r) => r.value === 'done')).toBe(true);
    await again.close();
  });

  it('an in-memory database works for tests and throwaway runs', async () => {
    const store = await Store.open(new SqliteDb(':memory:'));
    await store.insertOrder(newOrder({ id: 'mem' }));
    expect((await store.order('mem'))!.title).toBe('Tea');
    await store.close();
  });
});
