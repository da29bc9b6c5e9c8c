/**
 * The TON rail's own state, beside the kit's orders (same database, through `Db`, so SQLite and
 * PostgreSQL behave the same):
 *
 *  wx2tg_ton_orders     one row per TON order: the transfer asked for (address, nanotons, the
 *                       unique comment, validUntil) and how it ended (waiting → paid | underpaid
 *                       | expired), changed only by conditional statements, so a duplicate
 *                       sighting or a second instance changes nothing;
 *  wx2tg_ton_transfers  every transfer seen that carries one of our comments (keyed by the
 *                       transaction hash), matched or not, so no money is lost track of.
 */
import type { Db, Row } from '../storage/db.js';

export type TonOrderStatus = 'waiting' | 'paid' | 'underpaid' | 'expired';

export interface TonOrder {
  orderId: string;
  comment: string;
  /** The shop's address the transfer must reach (raw form). */
  address: string;
  /** Nanotons asked for. */
  amount: string;
  /** Unix seconds: the wallet may send the transfer until then. */
  validUntil: number;
  status: TonOrderStatus;
  /** The transaction that settled it (paid or underpaid). */
  txHash: string | null;
  /** Nanotons that arrived with that transaction. */
  received: string | null;
  /** The BOC the client reported sending (a hint). */
  boc: string | null;
  createdAt: number;
  settledAt: number | null;
}

export interface TonTransferRecord {
  txHash: string;
  orderId: string | null;
  source: string | null;
  amount: string;
  comment: string;
  /** What it did: 'paid', 'underpaid', or 'unmatched' (a late, second or failed transfer). */
  outcome: 'paid' | 'underpaid' | 'unmatched';
  seenAt: number;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS wx2tg_ton_orders (order_id TEXT PRIMARY KEY, comment TEXT NOT NULL, address TEXT NOT NULL,
     amount TEXT NOT NULL, valid_until BIGINT NOT NULL, status TEXT NOT NULL, tx_hash TEXT, received TEXT, boc TEXT,
     created_at BIGINT NOT NULL, settled_at BIGINT)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS wx2tg_ton_orders_comment ON wx2tg_ton_orders (comment)`,
  `CREATE INDEX IF NOT EXISTS wx2tg_ton_orders_waiting ON wx2tg_ton_orders (status, created_at)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_ton_transfers (tx_hash TEXT PRIMARY KEY, order_id TEXT, source TEXT, amount TEXT NOT NULL,
     comment TEXT NOT NULL, outcome TEXT NOT NULL, seen_at BIGINT NOT NULL)`,
];

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toTonOrder(r: Row): TonOrder {
  return {
    orderId: String(r.order_id),
    comment: String(r.comment),
    address: String(r.address),
    amount: String(r.amount),
    validUntil: Number(r.valid_until),
    status: String(r.status) as TonOrderStatus,
    txHash: strOrNull(r.tx_hash),
    received: strOrNull(r.received),
    boc: strOrNull(r.boc),
    createdAt: Number(r.created_at),
    settledAt: r.settled_at === null || r.settled_at === undefined ? null : Number(r.settled_at),
  };
}

function toTransfer(r: Row): TonTransferRecord {
  return {
    txHash: String(r.tx_hash),
    orderId: strOrNull(r.order_id),
    source: strOrNull(r.source),
    amount: String(r.amount),
    comment: String(r.comment),
    outcome: String(r.outcome) as TonTransferRecord['outcome'],
    seenAt: Number(r.seen_at),
  };
}

export class TonStore {
  private constructor(readonly db: Db) {}

  static async open(db: Db): Promise<TonStore> {
    await db.transaction(async (tx) => {
      for (const sql of SCHEMA) await tx.query(sql);
    });
    return new TonStore(db);
  }

  async insert(o: Pick<TonOrder, 'orderId' | 'comment' | 'address' | 'amount' | 'validUntil'>, now = Date.now()): Promise<TonOrder> {
    const rows = await this.db.query(
      `INSERT INTO wx2tg_ton_orders (order_id, comment, address, amount, valid_until, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'waiting', $6) RETURNING *`,
      [o.orderId, o.comment, o.address, o.amount, o.validUntil, now],
    );
    return toTonOrder(rows[0]!);
  }

  async get(orderId: string): Promise<TonOrder | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_ton_orders WHERE order_id = $1`, [orderId]);
    return rows[0] ? toTonOrder(rows[0]) : null;
  }

  async byComment(comment: string): Promise<TonOrder | null> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_ton_orders WHERE comment = $1`, [comment]);
    return rows[0] ? toTonOrder(rows[0]) : null;
  }

  /** Orders still waiting for their transfer, oldest first. */
  async waiting(limit = 1000): Promise<TonOrder[]> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_ton_orders WHERE status = 'waiting' ORDER BY created_at LIMIT $1`, [limit]);
    return rows.map(toTonOrder);
  }

  async setBoc(orderId: string, boc: string): Promise<void> {
    await this.db.query(`UPDATE wx2tg_ton_orders SET boc = $2 WHERE order_id = $1 AND boc IS NULL`, [orderId, boc]);
  }

  /**
   * Records a transfer that carries the comment of `orderId` and settles the order with it
   * when it is still waiting: paid when enough arrived, else underpaid. A transaction recorded
   * before changes nothing (`firstTime` false); a transfer for a settled order is recorded as
   * unmatched.
   */
  async settle(
    orderId: string,
    t: { txHash: string; source: string | null; amount: string; comment: string; failed: boolean },
    now = Date.now(),
  ): Promise<{ firstTime: boolean; outcome: TonTransferRecord['outcome']; order: TonOrder | null }> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(`SELECT * FROM wx2tg_ton_orders WHERE order_id = $1`, [orderId]);
      const order = rows[0] ? toTonOrder(rows[0]) : null;
      let outcome: TonTransferRecord['outcome'] = 'unmatched';
      if (order && order.status === 'waiting' && !t.failed) outcome = BigInt(t.amount) >= BigInt(order.amount) ? 'paid' : 'underpaid';
      const inserted = await tx.query(
        `INSERT INTO wx2tg_ton_transfers (tx_hash, order_id, source, amount, comment, outcome, seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tx_hash) DO NOTHING RETURNING tx_hash`,
        [t.txHash, order ? order.orderId : null, t.source, t.amount, t.comment, outcome, now],
      );
      if (inserted.length === 0) {
        const prev = await tx.query(`SELECT outcome FROM wx2tg_ton_transfers WHERE tx_hash = $1`, [t.txHash]);
        return { firstTime: false, outcome: String(prev[0]?.outcome ?? 'unmatched') as TonTransferRecord['outcome'], order };
      }
      if (outcome === 'unmatched') return { firstTime: true, outcome, order };
      const updated = await tx.query(
        `UPDATE wx2tg_ton_orders SET status = $2, tx_hash = $3, received = $4, settled_at = $5
         WHERE order_id = $1 AND status = 'waiting' RETURNING *`,
        [orderId, outcome, t.txHash, t.amount, now],
      );
      if (updated.length === 0) {
        // Settled by someone else between the read and here (another instance).
        await tx.query(`UPDATE wx2tg_ton_transfers SET outcome = 'unmatched' WHERE tx_hash = $1`, [t.txHash]);
        return { firstTime: true, outcome: 'unmatched', order: toTonOrder((await tx.query(`SELECT * FROM wx2tg_ton_orders WHERE order_id = $1`, [orderId]))[0]!) };
      }
      return { firstTime: true, outcome, order: toTonOrder(updated[0]!) };
    });
  }

  /** Waiting orders whose time (validUntil + grace) has passed before `cutoffSeconds`: expired now. */
  async expire(cutoffSeconds: number, now = Date.now()): Promise<TonOrder[]> {
    const rows = await this.db.query(
      `UPDATE wx2tg_ton_orders SET status = 'expired', settled_at = $2 WHERE status = 'waiting' AND valid_until < $1 RETURNING *`,
      [cutoffSeconds, now],
    );
    return rows.map(toTonOrder);
  }

  /**
   * Settled TON orders whose kit order (wx2tg_orders) is still pending: the process stopped
   * between settling here and recording the outcome there. Replayed at every poll.
   */
  async unsynced(limit = 100): Promise<TonOrder[]> {
    const rows = await this.db.query(
      `SELECT t.* FROM wx2tg_ton_orders t JOIN wx2tg_orders o ON o.id = t.order_id
       WHERE t.status <> 'waiting' AND o.status = 'pending' ORDER BY t.settled_at LIMIT $1`,
      [limit],
    );
    return rows.map(toTonOrder);
  }

  async transfersOf(orderId: string): Promise<TonTransferRecord[]> {
    const rows = await this.db.query(`SELECT * FROM wx2tg_ton_transfers WHERE order_id = $1 ORDER BY seen_at, tx_hash`, [orderId]);
    return rows.map(toTransfer);
  }
}
