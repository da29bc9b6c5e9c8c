/**
 * The soak's verdict: the database (after the server stopped) against what Telegram's stand-in
 * saw. Each broken invariant is pushed to `violations`; what was counted on the way comes back
 * for the figures.
 */
import type { Store } from '../../../server/storage/store.js';
import type { TelegramStandIn } from '../../../server/telegramStandIn.js';
import type { KillRecord, KitProcess } from './kitProcess.js';

export interface RunRecord {
  tg: TelegramStandIn;
  store: Store;
  kit: KitProcess;
  kills: KillRecord[];
  /** Notice id → the user's openid and the server's answer to the send (null: none). */
  notices: Map<string, { openid: string; answer: string | null }>;
  /** openid → NOTICE acceptances answered 200, and POST /subscribe attempts that may have reached the server. */
  userGrants: Map<string, { acceptedOk: number; attempts: { n: number } }>;
  t0: number;
}

export interface Counted {
  charges: number;
  paidInStore: number;
  reRuns: number;
  reRunsByCrash: number;
  expected: number;
  reachedTelegram: number;
  duplicates: number;
  dupCauses: Map<string, number>;
}

export async function checkRun(run: RunRecord, violations: string[]): Promise<Counted> {
  const { tg, store, kit, kills, notices, userGrants, t0 } = run;
  const q = (sql: string, params: (string | number)[] = []) => store.db.query(sql, params);
  const charges = tg.listCharges();
  const chargeIds = new Set(charges.map((c) => c.chargeId));
  for (const c of charges) {
    const pay = await store.payment(c.chargeId);
    const order = await store.order(c.payload);
    if (!pay) violations.push(`charge ${c.chargeId} (order ${c.payload}) is not recorded`);
    if (!order) violations.push(`charge ${c.chargeId}: no order ${c.payload}`);
    else {
      if (order.status !== 'paid' || order.chargeId !== c.chargeId) violations.push(`order ${order.id}: ${order.status} with charge ${order.chargeId}, Telegram charged ${c.chargeId}`);
      if (order.fulfilledAt === null) violations.push(`order ${order.id} is paid but not fulfilled`);
      const payments = await store.paymentsOfOrder(order.id);
      if (payments.length !== 1) violations.push(`order ${order.id} has ${payments.length} payments`);
    }
  }
  const paidRows = await q(`SELECT id, charge_id FROM wx2tg_orders WHERE status = 'paid'`);
  for (const r of paidRows) if (!chargeIds.has(String(r.charge_id))) violations.push(`order ${String(r.id)} is paid in the store with a charge Telegram never made`);
  const paymentRows = await q(`SELECT count(*) AS n FROM wx2tg_payments`);
  if (Number(paymentRows[0]!.n) !== charges.length) violations.push(`${String(paymentRows[0]!.n)} payments stored, ${charges.length} charges made`);
  if (paidRows.length !== charges.length) violations.push(`${paidRows.length} paid orders, ${charges.length} charges`);

  // Fulfilment effects: once per paid order; a re-run only where a crash or a failure explains it.
  const effects = await q(`SELECT order_id, calls, failures, first_at, last_at FROM soak_effects`);
  const effectOf = new Map(effects.map((e) => [String(e.order_id), e]));
  let reRuns = 0;
  let reRunsByCrash = 0;
  for (const r of paidRows) if (!effectOf.has(String(r.id))) violations.push(`paid order ${String(r.id)} has no fulfilment effect`);
  for (const e of effects) {
    const calls = Number(e.calls);
    if (calls <= 1) continue;
    reRuns++;
    const failures = Number(e.failures);
    // The hook records its effect, sends the shipped message (up to the retry policy's 8 s), then the kit records the fulfilment.
    const crashed = kills.some((k) => k.at >= Number(e.first_at) - 250 && k.at <= Math.min(Number(e.last_at), Number(e.first_at) + 10_000));
    if (crashed) reRunsByCrash++;
    if (failures < calls - 1 && !crashed) violations.push(`order ${String(e.order_id)}: fulfil hook ran ${calls} times (${failures} failures) with no crash in between`);
  }

  // Messages: who should have one, what Telegram got.
  const sentTexts = tg.sent.map((m) => ({ text: String(m.text) }));
  // When Telegram ran each sendMessage (a call failed before running it sent nothing).
  const sendTimes = tg.calls.filter((c) => c.method === 'sendMessage' && (!c.fault || c.fault.endsWith('after'))).map((c) => ({ text: String(c.params.text), at: c.at ?? 0 }));
  const afterFaultTexts = tg.calls.filter((c) => c.method === 'sendMessage' && c.fault?.endsWith('after')).map((c) => String(c.params.text));
  const expected = new Map<string, string>(); // outbox id → text marker
  for (const r of paidRows) expected.set(`ship-${String(r.id)}`, `Order ${String(r.id)} shipped`);
  for (const [id, n] of notices) {
    if (n.answer === null) violations.push(`notice ${id}: the server never answered the send`);
    else if (n.answer.startsWith('refused')) violations.push(`notice ${id}: ${n.answer} though the user had accepted the template`);
    else expected.set(id, `Notice ${id}`);
  }
  let duplicates = 0;
  const dupCauses = new Map<string, number>();
  const byMarker = new Map<string, unknown[]>();
  for (const s of sentTexts) {
    const m = /(Order \S+ shipped|Notice \S+)/.exec(s.text);
    if (!m) {
      if (!/write_access/.test(s.text)) violations.push(`Telegram got a message nobody sent: ${s.text.slice(0, 80)}`);
      continue;
    }
    const list = byMarker.get(m[1]!) ?? [];
    list.push(s);
    byMarker.set(m[1]!, list);
  }
  const outbox = new Map((await q(`SELECT id, status, attempts FROM wx2tg_outbox`)).map((r) => [String(r.id), r]));
  for (const [id, marker] of expected) {
    const row = outbox.get(id);
    if (!row) violations.push(`message ${id} is not in the outbox`);
    else if (row.status !== 'sent') violations.push(`message ${id} is ${String(row.status)} after the drain`);
    const got = byMarker.get(marker) ?? [];
    if (got.length === 0) violations.push(`message ${id} never reached Telegram`);
    if (got.length > 1) {
      duplicates += got.length - 1;
      const byFault = afterFaultTexts.filter((t) => t.includes(marker)).length;
      // A crash explains a second copy when it came right after the first was sent (before it could be recorded);
      // a request already on the wire reaches Telegram a little after the kill.
      const first = Math.min(...sendTimes.filter((t) => t.text.includes(marker)).map((t) => t.at));
      const byCrash = kills.some((k) => k.kind === 'SIGKILL' && k.at >= first - 250 && k.at <= first + 2000);
      const cause = byFault >= got.length - 1 ? 'a Bot API fault after sending' : byCrash ? 'a crash between sending and recording' : null;
      if (!cause) {
        const times = tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes(marker)).map((c) => `${((c.at ?? 0) - t0) / 1000}s${c.fault ? ` (${c.fault})` : ''}`);
        violations.push(`message ${id} reached Telegram ${got.length} times with no fault or crash to explain it: sends at ${times.join(', ')}; kills at ${kills.map((k) => `${(k.at - t0) / 1000}s ${k.kind}`).join(', ')}`);
      }
      else dupCauses.set(cause, (dupCauses.get(cause) ?? 0) + got.length - 1);
    }
  }
  for (const marker of byMarker.keys()) if (![...expected.values()].includes(marker)) violations.push(`Telegram got "${marker}", which no one accepted`);
  if (outbox.size !== expected.size) violations.push(`${outbox.size} outbox rows for ${expected.size} messages expected`);

  // Grants: used once per message id.
  for (const [openid, g] of userGrants) {
    const grants = await store.grants(openid);
    const noticeRows = Number((await q(`SELECT count(*) AS n FROM wx2tg_outbox WHERE openid = $1 AND template_id = 'NOTICE'`, [openid]))[0]!.n);
    const total = (grants.NOTICE ?? 0) + noticeRows;
    if (total < g.acceptedOk || total > g.attempts.n) violations.push(`user ${openid}: NOTICE grants ${grants.NOTICE ?? 0} left + ${noticeRows} used = ${total}, accepted ${g.acceptedOk}–${g.attempts.n}`);
  }

  if (tg.pendingUpdateCount) violations.push(`${tg.pendingUpdateCount} updates never delivered`);
  for (const u of kit.unhandled) violations.push(`server: ${u}`);
  const hung = kit.exits.filter((e) => e === '3').length;
  if (hung) violations.push(`${hung} graceful stops did not finish within 15 s`);
  for (const f of kit.failedStarts) if (!/Network request|Call to '|retry|Bot API|Too Many|Internal Server|Bad Gateway/i.test(f)) violations.push(`server start failed: ${f}`);
  for (const [kind, n] of kit.logs) if (/matches no pending order|cannot be delivered|stderr:/.test(kind)) violations.push(`server log (${n}×): ${kind}`);

  return { charges: charges.length, paidInStore: paidRows.length, reRuns, reRunsByCrash, expected: expected.size, reachedTelegram: sentTexts.length, duplicates, dupCauses };
}

export function formatReport(f: Record<string, any>, violations: string[]): string {
  const lines: string[] = [];
  const kv = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(', ');
  lines.push(`soak on ${f.storage}: ${f.runSeconds} s of faults + ${f.drainSeconds} s drain, ${f.users} users, seed ${f.seed}`);
  lines.push(`  HTTP requests ${f.httpRequests}: ${kv(f.httpByStatus)}`);
  lines.push(`  orders: ${kv(f.orders)}`);
  lines.push(`  paid → fulfilled (ms): ${kv(f.payToFulfilledMs)}`);
  lines.push(`  messages: ${kv(f.messages)}`);
  lines.push(`  fulfil hook re-runs: ${kv(f.fulfilHookReRuns)}`);
  lines.push(`  server: ${kv({ starts: f.server.starts, killed: f.server.killed, restartedGracefully: f.server.restartedGracefully, failedStarts: f.server.failedStarts })}`);
  lines.push(`  recovery (kill → serving, ms): ${kv(f.server.recoveryMs)}; kill → next order created (ms): ${kv(f.server.killToNextOrderMs)}`);
  lines.push(`  faults injected:`);
  for (const [k, v] of Object.entries(f.faultsInjected)) lines.push(`    ${String(v).padStart(5)}  ${k}`);
  lines.push(`  Bot API faults fired: ${kv(f.botApiFaultsFired)}`);
  lines.push(`  webhook: ${kv(f.webhook)}`);
  lines.push(`  server log: ${kv(f.server.log)}`);
  if (Object.keys(f.anomalies).length) lines.push(`  handled along the way: ${kv(f.anomalies)}`);
  lines.push(violations.length ? `VIOLATIONS (${violations.length}):\n${violations.map((v) => `  - ${v}`).join('\n')}` : 'invariants: all hold (no order or message lost, none paid or fulfilled twice, no unexplained duplicate, no unhandled error)');
  return lines.join('\n');
}
