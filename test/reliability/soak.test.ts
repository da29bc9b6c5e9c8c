/**
 * The loopback soak, short (issue 12; soak/soak.ts says what it does and checks): the real
 * server kit in a child process, killed and restarted, the Bot API stand-in answering 429/5xx
 * and dropping connections, webhook deliveries failing and redelivered — and afterwards no
 * order or message lost, none paid, fulfilled or sent twice beyond what at-least-once allows.
 * 30 s on SQLite, 20 s on PostgreSQL when one can be started. Longer: `npm run soak -- --minutes 5`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../server/pg.js';
import { runSoak, type SoakReport } from './soak/soak.js';

function expectSound(r: SoakReport, atLeast: { kills: number; orders: number }): void {
  console.log(r.text);
  expect(r.violations).toEqual([]);
  const f = r.figures as any;
  // The run did what it says: faults of every kind fired, and users got through them.
  expect(f.server.killed).toBeGreaterThanOrEqual(atLeast.kills);
  expect(f.server.starts).toBeGreaterThanOrEqual(1 + f.server.killed + f.server.restartedGracefully);
  expect(Object.keys(f.botApiFaultsFired).some((k: string) => k.startsWith('429'))).toBe(true);
  expect(Object.keys(f.botApiFaultsFired).some((k: string) => /^50\d/.test(k))).toBe(true);
  expect(f.webhook.injected + f.webhook.failed).toBeGreaterThan(0);
  expect(f.webhook.redelivered).toBeGreaterThan(0);
  expect(f.orders.paid).toBeGreaterThanOrEqual(atLeast.orders);
  expect(f.orders.charges).toBe(f.orders.paidInStore);
  expect(f.messages.expected).toBeGreaterThan(f.orders.paid);
}

describe('soak: orders and messages survive restarts and a failing Bot API', () => {
  it('30 s on SQLite', async () => {
    const r = await runSoak({ durationMs: 30_000, users: 6, killEveryMs: 5000, seed: 12 });
    expectSound(r, { kills: 3, orders: 100 });
  }, 300_000);

  let pg: TestPostgres | { reason: string } | undefined;
  afterAll(() => {
    if (pg && 'stop' in pg) pg.stop();
  });
  it('20 s on PostgreSQL', async (ctx) => {
    pg = await startPostgres();
    if ('reason' in pg) return ctx.skip(pg.reason);
    const r = await runSoak({ durationMs: 20_000, users: 6, killEveryMs: 5000, seed: 13, databaseUrl: pg.url });
    expectSound(r, { kills: 2, orders: 50 });
  }, 300_000);
});
