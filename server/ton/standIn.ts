/**
 * A stand-in for toncenter's HTTP API v3 on 127.0.0.1, for tests and local development: it
 * answers `GET /api/v3/transactions` (account, start_utime, end_utime, limit, offset, sort) in
 * the documented TransactionsResponse shape, from transfers the test puts on its "chain" with
 * `transfer()`. Nothing here is used by a production server.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { commentPayload, friendlyAddress, rawAddress, serializeBoc } from './codec.js';

const EMPTY_BODY = Buffer.from(serializeBoc({ data: new Uint8Array(0), refs: [] })).toString('base64');

export interface StandInTransfer {
  /** Sender (any address form). */
  from: string;
  /** Receiver (any address form): the shop. */
  to: string;
  /** Nanotons (decimal string). */
  amount: string;
  /** A text comment (stored as the body BOC, as a wallet sends it). */
  comment?: string;
  /** A raw body BOC (base64) instead of a comment. */
  body?: string;
  bounced?: boolean;
  aborted?: boolean;
  /** Unix seconds (default now). */
  time?: number;
}

interface StoredTx {
  hash: string;
  lt: string;
  now: number;
  account: string;
  t: StandInTransfer;
}

export class ToncenterStandIn {
  private server: http.Server | null = null;
  private lt = 47_000_000_000_000n;
  private readonly txs: StoredTx[] = [];
  /** Every request's path and query, in order. */
  readonly requests: { path: string; query: Record<string, string>; apiKey: string | null }[] = [];
  /** Answer the next N requests with this status (an outage). */
  failNext = 0;
  endpoint = '';

  /** `now`: the chain's clock in milliseconds (tests that move time pass theirs). */
  constructor(private readonly options: { now?: () => number } = {}) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((r) => this.server!.close(r));
    this.server = null;
  }

  /** Puts an incoming transfer on the chain; returns its transaction hash. */
  transfer(t: StandInTransfer): string {
    this.lt += 1000n;
    const hash = randomBytes(32).toString('base64');
    this.txs.push({ hash, lt: this.lt.toString(), now: t.time ?? Math.floor((this.options.now ?? Date.now)() / 1000), account: rawAddress(t.to), t });
    return hash;
  }

  /** Transactions recorded so far. */
  get transactions(): readonly { hash: string; account: string; transfer: StandInTransfer }[] {
    return this.txs.map((x) => ({ hash: x.hash, account: x.account, transfer: x.t }));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['x-api-key'];
    this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), apiKey: typeof key === 'string' ? key : null });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (this.failNext > 0) {
      this.failNext--;
      return send(503, { error: 'service unavailable' });
    }
    if (req.method !== 'GET' || url.pathname !== '/api/v3/transactions') return send(404, { error: 'not found' });
    const q = url.searchParams;
    const account = q.get('account');
    let raw: string | null = null;
    try {
      raw = account ? rawAddress(account) : null;
    } catch {
      return send(400, { error: `invalid account ${account}` });
    }
    const start = Number(q.get('start_utime') ?? 0);
    const end = q.has('end_utime') ? Number(q.get('end_utime')) : Infinity;
    const limit = Math.min(Number(q.get('limit') ?? 10), 1000);
    const offset = Number(q.get('offset') ?? 0);
    let list = this.txs.filter((x) => (!raw || x.account === raw) && x.now >= start && x.now <= end);
    list.sort((a, b) => (BigInt(a.lt) < BigInt(b.lt) ? -1 : 1));
    if ((q.get('sort') ?? 'desc') === 'desc') list = list.reverse();
    const page = list.slice(offset, offset + limit);
    const upper = (a: string): string => {
      const [wc, hex] = rawAddress(a).split(':');
      return `${wc}:${hex!.toUpperCase()}`;
    };
    const book: Record<string, { user_friendly: string; domain: null }> = {};
    const transactions = page.map((x) => {
      for (const a of [x.t.from, x.t.to]) book[upper(a)] = { user_friendly: friendlyAddress(a, { bounceable: true, testOnly: false }), domain: null };
      const body = x.t.body ?? (x.t.comment !== undefined ? commentPayload(x.t.comment) : EMPTY_BODY);
      return {
        account: upper(x.t.to),
        hash: x.hash,
        lt: x.lt,
        now: x.now,
        mc_block_seqno: 1,
        orig_status: 'active',
        end_status: 'active',
        total_fees: '100000',
        description: { type: 'ord', aborted: x.t.aborted === true, credit_first: !!x.t.bounced, compute_ph: { skipped: false, success: !x.t.aborted } },
        in_msg: {
          hash: randomBytes(32).toString('base64'),
          source: upper(x.t.from),
          destination: upper(x.t.to),
          value: x.t.amount,
          fwd_fee: '266669',
          ihr_fee: '0',
          created_lt: (BigInt(x.lt) - 1n).toString(),
          created_at: String(x.now),
          bounce: true,
          bounced: x.t.bounced === true,
          opcode: x.t.comment !== undefined ? 0 : null,
          message_content: { hash: randomBytes(32).toString('base64'), body, decoded: x.t.comment !== undefined ? { type: 'text_comment', comment: x.t.comment } : null },
        },
        out_msgs: [],
      };
    });
    send(200, { transactions, address_book: book });
  }
}
