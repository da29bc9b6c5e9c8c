/**
 * What the server kit keeps: users (openid ↔ Telegram user), used login codes, orders and the
 * payments Telegram reported, subscribe-message grants and the subscribe messages on their way
 * (the outbox). One implementation over `Db`, so SQLite and PostgreSQL behave the same; every
 * state change is a conditional statement (or a transaction of them), which is what makes
 * duplicate and out-of-order webhook deliveries safe and lets several instances share one
 * PostgreSQL database.
 */
import type { Db, Row, SqlValue } from './db.js';

export type OrderStatus = 'pending' | 'paid' | 'refunded' | 'void';

export interface Order {
  id: string;
  openid: string;
  userId: number;
  title: string;
  description: string;
  currency: string;
  /** Total in the currency's smallest unit (Stars for XTR). */
  amount: number;
  prices: { label: string; amount: number }[];
  subscriptionPeriod: number | null;
  invoiceLink: string;
  status: OrderStatus;
  chargeId: string | null;
  providerChargeId: string | null;
  /** The developer's own data, stored with the order (JSON). */
  data: unknown;
  createdAt: number;
  paidAt: number | null;
  refundedAt: number | null;
  fulfilledAt: number | null;
  fulfilError: string | null;
}

export interface PaymentRecord {
  chargeId: string;
  orderId: string | null;
  userId: number;
  currency: string;
  amount: number;
  payload: string;
  providerChargeId: string | null;
  receivedAt: number;
  refundedAt: number | null;
}

export interface UserRecord {
  openid: string;
  botId: number;
  userId: number;
  username: string | null;
  firstSeen: number;
  lastLogin: number;
}

const SCHEMA_VERSION = '1';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS wx2tg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_users (openid TEXT PRIMARY KEY, bot_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
     username TEXT, first_seen BIGINT NOT NULL, last_login BIGINT NOT NULL)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS wx2tg_users_bot_user ON wx2tg_users (bot_id, user_id)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_codes (code_hash TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS wx2tg_codes_expiry ON wx2tg_codes (expires_at)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_orders (id TEXT PRIMARY KEY, openid TEXT NOT NULL, user_id BIGINT NOT NULL,
     title TEXT NOT NULL, description TEXT NOT NULL, currency TEXT NOT NULL, amount BIGINT NOT NULL, prices TEXT NOT NULL,
     subscription_period BIGINT, invoice_link TEXT NOT NULL, status TEXT NOT NULL, charge_id TEXT, provider_charge_id TEXT,
     data TEXT NOT NULL, created_at BIGINT NOT NULL, paid_at BIGINT, refunded_at BIGINT, fulfilled_at BIGINT,
     fulfil_claim BIGINT, fulfil_error TEXT)`,
  `CREATE INDEX IF NOT EXISTS wx2tg_orders_openid ON wx2tg_orders (openid, created_at)`,
  `CREATE INDEX IF NOT EXISTS wx2tg_orders_unfulfilled ON wx2tg_orders (status, fulfilled_at)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_payments (charge_id TEXT PRIMARY KEY, order_id TEXT, user_id BIGINT NOT NULL,
     currency TEXT NOT NULL, amount BIGINT NOT NULL, payload TEXT NOT NULL, provider_charge_id TEXT,
     received_at BIGINT NOT NULL, refunded_at BIGINT)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_grants (openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining BIGINT NOT NULL,
     updated_at BIGINT NOT NULL, PRIMARY KEY (openid, template_id))`,
  // Added later (the schema version stays 1: older databases gain the table when opened).
  `CREATE TABLE IF NOT EXISTS wx2tg_outbox (id TEXT PRIMARY KEY, openid TEXT NOT NULL, user_id BIGINT NOT NULL,
     template_id TEXT NOT NULL, text TEXT NOT NULL, markup TEXT, status TEXT NOT NULL, attempts BIGINT NOT NULL,
     next_at BIGINT NOT NULL, claim BIGINT, created_at BIGINT NOT NULL, sent_at BIGINT, message_id BIGINT, last_error TEXT)`,
  `CREATE INDEX IF NOT EXISTS wx2tg_outbox_due ON wx2tg_outbox (status, next_at)`,
];

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toOrder(r: Row): Order {
  return {
    id: String(r.id),
    openid: String(r.openid),
    userId: num(r.user_id),
    title: String(r.title),
    description: String(r.description),
    currency: String(r.currency),
    amount: num(r.amount),
    prices: JSON.parse(String(r.prices)) as Order['prices'],
    subscriptionPeriod: numOrNull(r.subscription_period),
    invoiceLink: String(r.invoice_link),
    status: String(r.status) as OrderStatus,
    chargeId: strOrNull(r.charge_id),
    providerChargeId: strOrNull(r.provider_charge_id),
    data: JSON.parse(String(r.data)) as unknown,
    createdAt: num(r.created_at),
    paidAt: numOrNull(r.paid_at),
    refundedAt: numOrNull(r.refunded_at),
    fulfilledAt: numOrNull(r.fulfilled_at),
    fulfilError: strOrNull(r.fulfil_error),
  };
}

function toPayment(r: Row): PaymentRecord {
  return {
    chargeId: String(r.charge_id),
    orderId: strOrNull(r.order_id),
    userId: num(r.user_id),
    currency: String(r.currency),
    amount: num(r.amount),
    payload: String(r.payload),
    providerChargeId: strOrNull(r.provider_charge_id),
    receivedAt: num(r.received_at),
    refundedAt: numOrNull(r.refunded_at),
  };
}

function toUser(r: Row): UserRecord {
  return {
    openid: String(r.openid),
    botId: num(r.bot_id),
    userId: num(r.user_id),
    username: strOrNull(r.username),
    firstSeen: num(r.first_seen),
    lastLogin: num(r.last_login),
  };
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A subscribe message on its way to Telegram (the outbox). */
export interface OutboxMessage {
  id: string;
  openid: string;
  userId: number;
  templateId: string;
  /** The message as sent: HTML text and the reply markup (JSON) or null. */
  text: string;
  markup: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAt: number;
  createdAt: number;
  sentAt: number | null;
  /** Telegram's message_id once sent. */
  messageId: number | null;
  lastError: string | null;
}

function toOutbox(r: Row): OutboxMessage {
  return {
    id: String(r.id),
    openid: String(r.openid),
    userId: num(r.user_id),
    templateId: String(r.template_id),
    text: String(r.text),
    markup: strOrNull(r.markup),
    status: String(r.status) as OutboxStatus,
    attempts: num(r.attempts),
    nextAt: num(r.next_at),
    createdAt: num(r.created_at),
    sentAt: numOrNull(r.sent_at),
    messageId: numOrNull(r.message_id),
    lastError: strOrNull(r.last_error),
  };
}

/** Thrown inside queueMessage's transaction to roll it back when there is no grant. */
class NoGrant extends Error {}

export type NewOrder = Pick<Order, 'id' | 'openid' | 'userId' | 'title' | 'description' | 'currency' | 'amount' | 'prices' | 'subscriptionPeriod' | 'data'>;

/** What a successful_payment message told us. */
export interface PaymentFacts {
  chargeId: string;
  providerChargeId: string | null;
  payload: string;
  userId: number;
  currency: string;
  amount: number;
}

export interface PaymentOutcome {
  /** False when this charge was recorded before (a redelivered update). */
  firstTime: boolean;
  /** The order the payload names, after the change (null when no such order). */
  order: Order | null;
  /** True when this payment moved the order from pending to paid. */
  orderPaid: boolean;
}

export class Store {
  private constructor(readonly db: Db) {}

  static async open(db: Db): Promise<Store> {
    const store = new Store(db);
    await db.transaction(async (tx) => {
      for (const sql of SCHEMA) await tx.query(sql);
      const rows = await tx.query(`SELECT value FROM wx2tg_meta WHERE key = 'schema'`);
      if (rows.length === 0) await tx.query(`INSERT INTO wx2tg_meta (key, value) VALUES ('schema', $1)`, [SCHEMA_VERSION]);
      else if (rows[0]!.value !== SCHEMA_VERSION) throw new Error(`wx2tg database schema ${String(rows[0]!.value)} is newer than this server (${SCHEMA_VERSION})`);
    });
    return store;
  }

  get dialect(): Db['dialect'] {
    return this.db.dialect;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // ---- users and login codes ----

  /** Records a login; returns the user as stored. */
  async upsertUser(u: { openid: string; botId: number; userId: number; username: string | null }, now = Date.now()): Promise<UserRecord> {
    const rows = await this.db.query(
      `INSERT INTO wx2tg_users (openid, bot_id, user_id, username, first_seen, last_login) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (openid) DO UPDATE SET username = excluded.username, last_login = excluded.last_login
       RETURNING *`,
      [u.openid, u.botId, u.userId, u.username, now],
    );
    return toUser(rows[0]!);
  }

  async userByOpenid(openid: string): Promise<UserRecord | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_users WHERE openid = $1`, [openid]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /**
   * Marks a login code as used until `expiresAt`; false when it was used before (a replay).
   * Expired entries are swept on the way.
   */
  async claimCode(codeHash: string, expiresAt: number, now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM wx2tg_codes WHERE expires_at < $1`, [now]);
      const rows = await tx.query(`INSERT INTO wx2tg_codes (code_hash, expires_at) VALUES ($1, $2) ON CONFLICT (code_hash) DO NOTHING RETURNING code_hash`, [codeHash, expiresAt]);
      return rows.length === 1;
    });
  }

  /**
   * A login in one transaction: marks the code used (false, and nothing else changes, when it
   * was used before) and records the user.
   */
  async recordLogin(codeHash: string, expiresAt: number, u: { openid: string; botId: number; userId: number; username: string | null }, now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM wx2tg_codes WHERE expires_at < $1`, [now]);
      const claimed = await tx.query(`INSERT INTO wx2tg_codes (code_hash, expires_at) VALUES ($1, $2) ON CONFLICT (code_hash) DO NOTHING RETURNING code_hash`, [codeHash, expiresAt]);
      if (claimed.length === 0) return false;
      await tx.query(
        `INSERT INTO wx2tg_users (openid, bot_id, user_id, username, first_seen, last_login) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (openid) DO UPDATE SET username = excluded.username, last_login = excluded.last_login`,
        [u.openid, u.botId, u.userId, u.username, now],
      );
      return true;
    });
  }

  // ---- orders and payments ----

  async insertOrder(o: NewOrder, now = Date.now()): Promise<Order> {
    const rows = await this.db.query(
      `INSERT INTO wx2tg_orders (id, openid, user_id, title, description, currency, amount, prices, subscription_period,
         invoice_link, status, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', 'pending', $10, $11) RETURNING *`,
      [o.id, o.openid, o.userId, o.title, o.description, o.currency, o.amount, JSON.stringify(o.prices), o.subscriptionPeriod, JSON.stringify(o.data ?? null), now],
    );
    return toOrder(rows[0]!);
  }

  async setInvoiceLink(id: string, link: string): Promise<void> {
    await this.db.query(`UPDATE wx2tg_orders SET invoice_link = $2 WHERE id = $1`, [id, link]);
  }

  /** An order whose invoice could not be created: it can never be paid. */
  async voidOrder(id: string): Promise<void> {
    await this.db.query(`UPDATE wx2tg_orders SET status = 'void' WHERE id = $1 AND status = 'pending'`, [id]);
  }

  async order(id: string): Promise<Order | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_orders WHERE id = $1`, [id]);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async ordersOf(openid: string, limit = 50): Promise<Order[]> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_orders WHERE openid = $1 ORDER BY created_at DESC, id LIMIT $2`, [openid, limit]);
    return rows.map(toOrder);
  }

  async payment(chargeId: string): Promise<PaymentRecord | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_payments WHERE charge_id = $1`, [chargeId]);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async paymentsOfOrder(orderId: string): Promise<PaymentRecord[]> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_payments WHERE order_id = $1 ORDER BY received_at, charge_id`, [orderId]);
    return rows.map(toPayment);
  }

  /**
   * Records a successful payment (every one, even for an unknown or already-paid order, so no
   * money Telegram reports is ever lost track of) and moves its order from pending to paid, in
   * one transaction. A charge recorded before changes nothing.
   */
  async recordPayment(p: PaymentFacts, now = Date.now()): Promise<PaymentOutcome> {
    return this.db.transaction(async (tx) => {
      const orderRows = await tx.query(`SELECT id FROM wx2tg_orders WHERE id = $1`, [p.payload]);
      const orderId = orderRows[0] ? String(orderRows[0].id) : null;
      const inserted = await tx.query(
        `INSERT INTO wx2tg_payments (charge_id, order_id, user_id, currency, amount, payload, provider_charge_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (charge_id) DO NOTHING RETURNING charge_id`,
        [p.chargeId, orderId, p.userId, p.currency, p.amount, p.payload, p.providerChargeId, now],
      );
      const firstTime = inserted.length === 1;
      let orderPaid = false;
      if (firstTime && orderId) {
        const updated = await tx.query(
          `UPDATE wx2tg_orders SET status = 'paid', charge_id = $2, provider_charge_id = $3, paid_at = $4
           WHERE id = $1 AND status = 'pending' AND currency = $5 AND amount = $6 AND user_id = $7 RETURNING id`,
          [orderId, p.chargeId, p.providerChargeId, now, p.currency, p.amount, p.userId],
        );
        orderPaid = updated.length === 1;
      }
      const after = orderId ? await tx.query(`SELECT * FROM wx2tg_orders WHERE id = $1`, [orderId]) : [];
      return { firstTime, order: after[0] ? toOrder(after[0]) : null, orderPaid };
    });
  }

  /**
   * Records a refund of a charge (from our refundStarPayment call or Telegram's refunded_payment
   * message, whichever comes first; the other changes nothing). A refund that arrives before the
   * payment it undoes is kept, so the late payment cannot mark the order paid.
   */
  async recordRefund(p: Omit<PaymentFacts, 'providerChargeId'> & { providerChargeId?: string | null }, now = Date.now()): Promise<{ firstTime: boolean; order: Order | null }> {
    return this.db.transaction(async (tx) => {
      const orderRows = await tx.query(`SELECT id FROM wx2tg_orders WHERE id = $1`, [p.payload]);
      const orderId = orderRows[0] ? String(orderRows[0].id) : null;
      await tx.query(
        `INSERT INTO wx2tg_payments (charge_id, order_id, user_id, currency, amount, payload, provider_charge_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (charge_id) DO NOTHING`,
        [p.chargeId, orderId, p.userId, p.currency, p.amount, p.payload, p.providerChargeId ?? null, now],
      );
      const changed = await tx.query(`UPDATE wx2tg_payments SET refunded_at = $2 WHERE charge_id = $1 AND refunded_at IS NULL RETURNING charge_id`, [p.chargeId, now]);
      if (orderId) {
        await tx.query(
          `UPDATE wx2tg_orders SET status = 'refunded', refunded_at = $3, charge_id = COALESCE(charge_id, $2)
           WHERE id = $1 AND status IN ('pending', 'paid') AND (charge_id IS NULL OR charge_id = $2)`,
          [orderId, p.chargeId, now],
        );
      }
      const after = orderId ? await tx.query(`SELECT * FROM wx2tg_orders WHERE id = $1`, [orderId]) : [];
      return { firstTime: changed.length === 1, order: after[0] ? toOrder(after[0]) : null };
    });
  }

  /**
   * Claims a paid, unfulfilled order for fulfilment. Only one caller gets it (until the claim
   * is older than `leaseMs`, when a crashed claimant's order may be taken again).
   */
  async claimFulfilment(orderId: string, leaseMs: number, now = Date.now()): Promise<Order | null> {
    const rows = await this.db.query(
      `UPDATE wx2tg_orders SET fulfil_claim = $2 WHERE id = $1 AND status = 'paid' AND fulfilled_at IS NULL
         AND (fulfil_claim IS NULL OR fulfil_claim < $3) RETURNING *`,
      [orderId, now, now - leaseMs],
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async finishFulfilment(orderId: string, error: string | null, now = Date.now()): Promise<void> {
    if (error === null) await this.db.query(`UPDATE wx2tg_orders SET fulfilled_at = $2, fulfil_claim = NULL, fulfil_error = NULL WHERE id = $1`, [orderId, now]);
    else await this.db.query(`UPDATE wx2tg_orders SET fulfil_claim = NULL, fulfil_error = $2 WHERE id = $1 AND fulfilled_at IS NULL`, [orderId, error]);
  }

  /**
   * Drops every fulfilment claim: for a single-process database at start, where any claim was
   * made by a process that is gone.
   */
  async releaseClaims(): Promise<void> {
    await this.db.query(`UPDATE wx2tg_orders SET fulfil_claim = NULL WHERE fulfil_claim IS NOT NULL AND fulfilled_at IS NULL`);
  }

  /**
   * Drops the fulfilment claims made before `before`: at the start of a single-process database,
   * where those are a dead process's, while newer ones belong to fulfilments this process began
   * for requests served while it was starting.
   */
  async releaseClaimsBefore(before: number): Promise<void> {
    await this.db.query(`UPDATE wx2tg_orders SET fulfil_claim = NULL WHERE fulfil_claim IS NOT NULL AND fulfil_claim < $1 AND fulfilled_at IS NULL`, [before]);
  }

  /** Paid orders whose fulfilment never finished (a crash or a throwing hook). */
  async unfulfilledOrders(limit = 100): Promise<Order[]> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_orders WHERE status = 'paid' AND fulfilled_at IS NULL ORDER BY paid_at LIMIT $1`, [limit]);
    return rows.map(toOrder);
  }

  // ---- subscribe-message grants ----

  /** Adds one use per accepted template id (WeChat's one-time subscriptions accumulate). */
  async addGrants(openid: string, templateIds: readonly string[], now = Date.now()): Promise<void> {
    if (templateIds.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const t of templateIds) {
        await tx.query(
          `INSERT INTO wx2tg_grants (openid, template_id, remaining, updated_at) VALUES ($1, $2, 1, $3)
           ON CONFLICT (openid, template_id) DO UPDATE SET remaining = wx2tg_grants.remaining + 1, updated_at = excluded.updated_at`,
          [openid, t, now],
        );
      }
    });
  }

  /** Uses one grant; false when there is none left. */
  async consumeGrant(openid: string, templateId: string, now = Date.now()): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE wx2tg_grants SET remaining = remaining - 1, updated_at = $3 WHERE openid = $1 AND template_id = $2 AND remaining > 0 RETURNING remaining`,
      [openid, templateId, now],
    );
    return rows.length === 1;
  }

  /** Gives back a grant consumed for a send that then failed. */
  async restoreGrant(openid: string, templateId: string, now = Date.now()): Promise<void> {
    await this.db.query(`UPDATE wx2tg_grants SET remaining = remaining + 1, updated_at = $3 WHERE openid = $1 AND template_id = $2`, [openid, templateId, now]);
  }

  async grants(openid: string): Promise<Record<string, number>> {
    const rows = await this.db.query(`SELECT template_id, remaining FROM wx2tg_grants WHERE openid = $1`, [openid]);
    return Object.fromEntries(rows.map((r) => [String(r.template_id), num(r.remaining)]));
  }

  // ---- the subscribe-message outbox ----

  /**
   * Queues a subscribe message and uses up one grant for it, in one transaction. Returns
   * `{queued}` (claimed for `claim` ms from now when given, so its sender owns the first
   * attempt), `{existing}` when a message with this id was queued before (nothing changes: a
   * repeated send is not a second message), or null when no grant is left (nothing queued).
   */
  async queueMessage(
    m: Pick<OutboxMessage, 'id' | 'openid' | 'userId' | 'templateId' | 'text' | 'markup'>,
    options: { claimed?: boolean } = {},
    now = Date.now(),
  ): Promise<{ queued: OutboxMessage } | { existing: OutboxMessage } | null> {
    try {
      return await this.db.transaction(async (tx) => {
        const rows = await tx.query(
          `INSERT INTO wx2tg_outbox (id, openid, user_id, template_id, text, markup, status, attempts, next_at, claim, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8, $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [m.id, m.openid, m.userId, m.templateId, m.text, m.markup, now, options.claimed ? now : null],
        );
        if (rows.length === 0) {
          const old = await tx.query(`SELECT * FROM wx2tg_outbox WHERE id = $1`, [m.id]);
          return { existing: toOutbox(old[0]!) };
        }
        const used = await tx.query(
          `UPDATE wx2tg_grants SET remaining = remaining - 1, updated_at = $3 WHERE openid = $1 AND template_id = $2 AND remaining > 0 RETURNING remaining`,
          [m.openid, m.templateId, now],
        );
        if (used.length === 0) throw new NoGrant();
        return { queued: toOutbox(rows[0]!) };
      });
    } catch (e) {
      if (e instanceof NoGrant) return null;
      throw e;
    }
  }

  async outboxMessage(id: string): Promise<OutboxMessage | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_outbox WHERE id = $1`, [id]);
    return rows[0] ? toOutbox(rows[0]) : null;
  }

  /**
   * Claims up to `limit` pending messages that are due and not claimed by a live sender (a
   * claim older than `leaseMs` is a dead one's). Only one caller gets each.
   */
  async claimDueMessages(limit: number, leaseMs: number, now = Date.now()): Promise<OutboxMessage[]> {
    const free = `status = 'pending' AND next_at <= $1 AND (claim IS NULL OR claim < $2)`;
    const rows = await this.db.query(
      `UPDATE wx2tg_outbox SET claim = $1 WHERE id IN (SELECT id FROM wx2tg_outbox WHERE ${free} ORDER BY next_at, id LIMIT $3) AND ${free} RETURNING *`,
      [now, now - leaseMs, limit],
    );
    return rows.map(toOutbox).sort((a, b) => a.nextAt - b.nextAt || a.createdAt - b.createdAt);
  }

  /** Telegram took the message. */
  async messageSent(id: string, messageId: number, now = Date.now()): Promise<void> {
    await this.db.query(
      `UPDATE wx2tg_outbox SET status = 'sent', sent_at = $2, message_id = $3, attempts = attempts + 1, claim = NULL, last_error = NULL
       WHERE id = $1 AND status = 'pending'`,
      [id, now, messageId],
    );
  }

  /** A failed attempt that may succeed later: tried again from `nextAt`. */
  async messageRetry(id: string, error: string, nextAt: number): Promise<void> {
    await this.db.query(`UPDATE wx2tg_outbox SET attempts = attempts + 1, next_at = $3, last_error = $2, claim = NULL WHERE id = $1 AND status = 'pending'`, [id, error, nextAt]);
  }

  /** A message that cannot be delivered: marked failed and its grant given back, in one transaction. */
  async messageFailed(id: string, error: string, now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `UPDATE wx2tg_outbox SET status = 'failed', attempts = attempts + 1, last_error = $2, claim = NULL WHERE id = $1 AND status = 'pending' RETURNING openid, template_id`,
        [id, error],
      );
      if (!rows[0]) return false;
      await tx.query(`UPDATE wx2tg_grants SET remaining = remaining + 1, updated_at = $3 WHERE openid = $1 AND template_id = $2`, [rows[0].openid as string, rows[0].template_id as string, now]);
      return true;
    });
  }

  /**
   * Drops the outbox claims made before `before`: for a single-process database at start, where
   * a claim older than this process is a dead one's (and newer ones are this process's own sends,
   * begun by requests that arrived while it was starting).
   */
  async releaseMessageClaims(before: number): Promise<void> {
    await this.db.query(`UPDATE wx2tg_outbox SET claim = NULL WHERE claim IS NOT NULL AND claim < $1 AND status = 'pending'`, [before]);
  }

  /** Messages by status (pending, sent, failed). */
  async outboxCounts(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db.query(`SELECT status, count(*) AS n FROM wx2tg_outbox GROUP BY status`);
    const out: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
    for (const r of rows) out[String(r.status) as OutboxStatus] = num(r.n);
    return out;
  }
}

export type { Db, Row, SqlValue };
