/**
 * Where the TON rail learns what arrived at the shop's wallet: a ChainReader. The default speaks
 * toncenter's indexed HTTP API v3 (`GET /api/v3/transactions?account=…`, TransactionsResponse:
 * `transactions[]` with `hash`, `lt`, `now`, `description.aborted` and `in_msg` {source,
 * destination, value, bounced, message_content: {body (base64 BOC), decoded}}). Any other
 * indexer, or your own node, fits behind the same one-method interface.
 */
import { commentOf, rawAddress } from './codec.js';

/** An incoming internal message to the watched account, as the rail needs it. */
export interface TonTransfer {
  /** The transaction's hash: one transfer is counted once, however often it is seen. */
  hash: string;
  lt: string;
  /** When the transaction happened (unix seconds). */
  time: number;
  /** Raw address ("0:<hex>") of the sender, null for an external message. */
  source: string | null;
  /** Raw address of the receiver. */
  destination: string;
  /** Nanotons, as a decimal string. */
  amount: string;
  /** The text comment of the message body, null when it has none. */
  comment: string | null;
  /** The message bounced, or the transaction was aborted: nothing stays with the receiver. */
  failed: boolean;
}

export interface ChainReader {
  /** Incoming transfers to `address` (raw form) in transactions since `sinceSeconds` (unix), oldest first. */
  incoming(address: string, sinceSeconds: number): Promise<TonTransfer[]>;
}

export const TONCENTER = { mainnet: 'https://toncenter.com', testnet: 'https://testnet.toncenter.com' } as const;

export interface ToncenterOptions {
  /** API root (default https://toncenter.com; testnet.toncenter.com for the test network). */
  endpoint?: string;
  /** Sent as X-API-Key (without one toncenter allows about one request a second). */
  apiKey?: string;
  /** Rows per page (toncenter allows up to 1000; default 100). */
  pageSize?: number;
  /** Pages read per call at most (default 10): a busy wallet is read over several polls. */
  maxPages?: number;
  timeoutMs?: number;
}

interface V3Message {
  source?: string | null;
  destination?: string | null;
  value?: string | null;
  bounced?: boolean | null;
  message_content?: { body?: string | null; decoded?: { type?: string; comment?: string } | null } | null;
}

interface V3Transaction {
  hash?: string;
  lt?: string;
  now?: number;
  account?: string;
  description?: { aborted?: boolean } | null;
  in_msg?: V3Message | null;
}

export class ToncenterReader implements ChainReader {
  private readonly endpoint: string;

  constructor(private readonly options: ToncenterOptions = {}) {
    this.endpoint = (options.endpoint ?? TONCENTER.mainnet).replace(/\/+$/, '');
  }

  async incoming(address: string, sinceSeconds: number): Promise<TonTransfer[]> {
    const account = rawAddress(address);
    const limit = this.options.pageSize ?? 100;
    const out: TonTransfer[] = [];
    for (let page = 0; page < (this.options.maxPages ?? 10); page++) {
      const url = new URL(`${this.endpoint}/api/v3/transactions`);
      url.searchParams.set('account', account);
      url.searchParams.set('start_utime', String(Math.max(0, Math.floor(sinceSeconds))));
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('offset', String(page * limit));
      url.searchParams.set('sort', 'asc');
      const res = await fetch(url, {
        headers: { accept: 'application/json', ...(this.options.apiKey ? { 'x-api-key': this.options.apiKey } : {}) },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
      if (!res.ok) throw new Error(`toncenter answered ${res.status} for ${url.pathname}: ${(await res.text()).slice(0, 200)}`);
      const body = (await res.json()) as { transactions?: V3Transaction[] };
      const txs = Array.isArray(body.transactions) ? body.transactions : [];
      for (const tx of txs) {
        const t = transferOf(tx);
        if (t && t.destination === account) out.push(t);
      }
      if (txs.length < limit) break;
    }
    return out;
  }
}

/** The incoming transfer a v3 transaction records, or null (no internal inbound message). */
export function transferOf(tx: V3Transaction): TonTransfer | null {
  const m = tx.in_msg;
  if (!tx.hash || !m || !m.source || !m.destination || m.value === null || m.value === undefined) return null;
  let source: string;
  let destination: string;
  try {
    source = rawAddress(m.source);
    destination = rawAddress(m.destination);
  } catch {
    return null;
  }
  if (!/^\d+$/.test(String(m.value))) return null;
  const decoded = m.message_content?.decoded;
  const comment = commentOf(m.message_content?.body) ?? (decoded?.type === 'text_comment' && typeof decoded.comment === 'string' ? decoded.comment : null);
  return {
    hash: tx.hash,
    lt: String(tx.lt ?? '0'),
    time: Number(tx.now ?? 0),
    source,
    destination,
    amount: String(m.value),
    comment,
    failed: m.bounced === true || tx.description?.aborted === true,
  };
}
