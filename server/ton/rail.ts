/**
 * The TON payment rail: wx.requestPayment paid by a TON transfer (TON Connect on the client)
 * instead of a Telegram invoice. A server-kit extension:
 *
 *  POST /orders {items, rail: "ton"}   (or items sold only for TON) → the kit's order row
 *        (currency "TON", amount in nanotons) + our row: the shop address, the amount, a unique
 *        text comment naming the order, validUntil. The answer has WeChat's five requestPayment
 *        fields with package "ton=<id>&status=<url>", plus `ton`: the transfer to make.
 *  GET  /ton/orders/<id>        status (pending | paid | underpaid | expired) and the transfer
 *  POST /ton/orders/<id>/boc    {boc}: the client sent the transfer (a hint: we look sooner)
 *
 * Confirmation comes only from the chain: a watcher asks the ChainReader (toncenter v3 by
 * default) for transfers to the shop address while orders wait, and settles an order with the
 * first transfer carrying its comment: enough nanotons → paid (recorded as a payment of the
 * kit's order, fulfilled through the kit's hooks exactly once), fewer → underpaid; nothing by
 * validUntil + grace → expired. Underpaid and expired orders are void in the kit's table.
 * Every sighting is keyed by transaction hash, so duplicates, restarts and several instances
 * settle an order once.
 */
import { randomBytes } from 'node:crypto';
import { encodeTonPackage, type TonOrderState, type TonTransferRequest } from '../../common/serverWire.js';
import { HttpError, publicOrder, type Caller, type CatalogItem, type KitExtension, type KitRequest, type ServerKit } from '../kit.js';
import { DESCRIPTION_MAX, InvoiceError, TITLE_MAX } from '../payments.js';
import type { Order } from '../storage/store.js';
import { ToncenterReader, TONCENTER, type ChainReader, type TonTransfer } from './chain.js';
import { COMMENT_MAX_BYTES, commentPayload, friendlyAddress, parseAddress, rawAddress, toNano } from './codec.js';
import { TonStore, type TonOrder, type TonTransferRecord } from './tonStore.js';

export interface TonOrderSpec {
  title: string;
  description: string;
  /** The price in nanotons (decimal string or safe integer). */
  nanotons: string | number;
  data?: unknown;
}

export interface TonHooks {
  /** An order's transfer arrived short: the order is void; the money is at the shop address. */
  underpaid?: (order: Order, transfer: TonTransferRecord) => Promise<void> | void;
  /** No transfer came by validUntil + grace: the order is void. */
  expired?: (order: Order) => Promise<void> | void;
  /** A transfer with one of our comments that settled nothing (late, second, or bounced). */
  unmatched?: (transfer: TonTransferRecord) => Promise<void> | void;
}

export interface TonRailOptions {
  /** The shop's wallet: every TON order is paid to it (user-friendly EQ…/UQ… or raw 0:<hex>). */
  address: string;
  /** Default mainnet. Decides TON Connect's network and the default toncenter endpoint. */
  network?: 'mainnet' | 'testnet';
  /** How the chain is read (default: toncenter API v3 at `endpoint`, with `apiKey`). */
  reader?: ChainReader;
  endpoint?: string;
  apiKey?: string;
  /** validUntil = creation + ttlSeconds (default 600): how long the wallet may send it. */
  ttlSeconds?: number;
  /** How long after validUntil a transfer is still looked for before the order expires (default 180 s: block and indexer delay). */
  graceSeconds?: number;
  /** Poll interval while orders wait (default 5000 ms). */
  pollMs?: number;
  /** Text before the order id in the comment (default "wx2tg "): what the buyer sees in the wallet. */
  commentPrefix?: string;
  /** Prices an order request (default: the kit catalog's `ton` prices). Throw InvoiceError to refuse. */
  priceOrder?: (body: Record<string, unknown>, caller: Caller) => TonOrderSpec | Promise<TonOrderSpec>;
  hooks?: TonHooks;
  /** Milliseconds clock (tests move it). */
  now?: () => number;
  log?: (message: string, detail?: unknown) => void;
}

const NETWORK_ID = { mainnet: '-239', testnet: '-3' } as const;

export class TonConfigError extends Error {}

/** Checks TON rail options; throws TonConfigError naming the problem. */
export function validateTonOptions(o: TonRailOptions): void {
  const fail = (m: string): never => {
    throw new TonConfigError(`ton: ${m}`);
  };
  if (!o || typeof o.address !== 'string' || !o.address) fail('address (the shop wallet every TON order is paid to) is required');
  try {
    const a = parseAddress(o.address);
    if (a.testOnly && (o.network ?? 'mainnet') === 'mainnet') fail(`address ${o.address} is a testnet address; set network "testnet"`);
  } catch (e) {
    if (e instanceof TonConfigError) throw e;
    fail((e as Error).message);
  }
  if (o.network !== undefined && o.network !== 'mainnet' && o.network !== 'testnet') fail(`network must be "mainnet" or "testnet", not "${String(o.network)}"`);
  for (const k of ['ttlSeconds', 'graceSeconds', 'pollMs'] as const) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) fail(`${k} must be a positive number`);
  }
  if (o.ttlSeconds !== undefined && o.ttlSeconds > 86400) fail('ttlSeconds must be at most 86400');
  if (o.endpoint !== undefined && !/^https?:\/\//.test(o.endpoint)) fail('endpoint must be an http(s) URL');
  if (o.commentPrefix !== undefined && (typeof o.commentPrefix !== 'string' || new TextEncoder().encode(o.commentPrefix).length > 64)) fail('commentPrefix must be text of at most 64 bytes');
}

export class TonRail implements KitExtension {
  readonly prefix = '/ton';
  readonly reader: ChainReader;
  private readonly address: string;
  private readonly friendly: string;
  private readonly network: 'mainnet' | 'testnet';
  private readonly now: () => number;
  private tonStore: TonStore | null = null;
  private kit: ServerKit | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private stopped = true;
  private pokeAgain = false;

  constructor(private readonly options: TonRailOptions) {
    validateTonOptions(options);
    this.network = options.network ?? 'mainnet';
    this.address = rawAddress(options.address);
    const parsed = parseAddress(options.address);
    // Keep the form the shop gave (its bounce flag is a choice); raw input becomes bounceable.
    this.friendly = parsed.bounceable === undefined ? friendlyAddress(parsed, { bounceable: true, testOnly: this.network === 'testnet' }) : options.address.trim();
    this.reader = options.reader ?? new ToncenterReader({ endpoint: options.endpoint ?? TONCENTER[this.network], apiKey: options.apiKey });
    this.now = options.now ?? Date.now;
  }

  private get log(): (m: string, d?: unknown) => void {
    return this.options.log ?? this.kit?.log ?? ((m, d) => console.error(`[wx2tg] ${m}`, d ?? ''));
  }

  /** The rail's tables (after start). */
  get store(): TonStore {
    if (!this.tonStore) throw new Error('the TON rail has not started (kit.start())');
    return this.tonStore;
  }

  async start(kit: ServerKit): Promise<void> {
    this.kit = kit;
    this.tonStore = await TonStore.open(kit.store.db);
    this.stopped = false;
    await this.poll().catch((e) => this.log('TON: first poll failed', e));
    this.schedule();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling?.catch(() => undefined);
  }

  private schedule(delay = this.options.pollMs ?? 5000): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll()
        .catch((e) => this.log('TON: reading the chain failed; trying again', (e as Error).message))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref?.();
  }

  /** Looks at the chain soon (the client says it sent the transfer). */
  poke(): void {
    if (this.stopped) return;
    if (this.polling) this.pokeAgain = true;
    else this.schedule(50);
  }

  /**
   * One round: read transfers to the shop since the oldest waiting order, settle the orders
   * they name, expire the ones past validUntil + grace, replay outcomes a crash left half-done.
   * Rounds never overlap.
   */
  poll(): Promise<void> {
    if (this.polling) {
      this.pokeAgain = true; // the round under way may have read the chain already
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.pokeAgain = false;
        await this.round();
      } while (this.pokeAgain && !this.stopped);
    })().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async round(): Promise<void> {
    const store = this.store;
    const startedSeconds = Math.floor(this.now() / 1000);
    const waiting = await store.waiting();
    if (waiting.length > 0) {
      const since = Math.floor(waiting[0]!.createdAt / 1000) - 60;
      const transfers = await this.reader.incoming(this.address, since);
      for (const t of transfers) await this.sighting(t);
      // Only after the chain was read up to now may an order be called expired.
      const expired = await store.expire(startedSeconds - (this.options.graceSeconds ?? 180), this.now());
      for (const o of expired) await this.applyOutcome(o);
    }
    for (const o of await store.unsynced()) await this.applyOutcome(o);
  }

  /** One transfer seen on the chain: settles its order when it names one (once per transaction). */
  async sighting(t: TonTransfer): Promise<void> {
    if (t.destination !== this.address || !t.comment) return;
    const prefix = this.options.commentPrefix ?? 'wx2tg ';
    if (!t.comment.startsWith(prefix)) return;
    const order = await this.store.byComment(t.comment.trim());
    if (!order) return;
    const r = await this.store.settle(order.orderId, { txHash: t.hash, source: t.source, amount: t.amount, comment: t.comment, failed: t.failed }, this.now());
    if (!r.firstTime) return;
    if (r.outcome === 'unmatched') {
      this.log(`TON: transfer ${t.hash} (${t.amount} nanotons, "${t.comment}") settles nothing (order ${order.orderId} is ${r.order?.status ?? 'gone'}${t.failed ? ', transfer failed' : ''})`);
      const rec = (await this.store.transfersOf(order.orderId)).find((x) => x.txHash === t.hash);
      if (rec) await this.hook(() => this.options.hooks?.unmatched?.(rec));
      return;
    }
    if (r.order) await this.applyOutcome(r.order);
  }

  /** Carries a settled TON order into the kit's order table (idempotent: replayed after a crash). */
  private async applyOutcome(t: TonOrder): Promise<void> {
    const kit = this.kit!;
    const order = await kit.store.order(t.orderId);
    if (!order || order.status !== 'pending') return;
    if (t.status === 'paid') {
      const transfer = (await this.store.transfersOf(t.orderId)).find((x) => x.txHash === t.txHash);
      const outcome = await kit.store.recordPayment(
        { chargeId: `ton:${t.txHash}`, providerChargeId: transfer?.source ?? null, payload: order.id, userId: order.userId, currency: order.currency, amount: order.amount },
        this.now(),
      );
      if (outcome.orderPaid) await kit.payments.fulfil(order.id);
    } else if (t.status === 'underpaid' || t.status === 'expired') {
      await kit.store.voidOrder(order.id);
      const after = (await kit.store.order(order.id)) ?? order;
      if (t.status === 'expired') await this.hook(() => this.options.hooks?.expired?.(after));
      else {
        const transfer = (await this.store.transfersOf(t.orderId)).find((x) => x.txHash === t.txHash);
        if (transfer) await this.hook(() => this.options.hooks?.underpaid?.(after, transfer));
      }
    }
  }

  private async hook(fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.log('TON hook threw', e);
    }
  }

  // ---- orders ----

  /** The kit asks: is this order ours? `rail: "ton"`, or every item sold for TON only. */
  async createOrder(o: { body: Record<string, unknown>; caller: Caller; req: import('node:http').IncomingMessage; catalog: Readonly<Record<string, CatalogItem>> }, kit: ServerKit): Promise<Record<string, unknown> | null> {
    const { body, caller, catalog } = o;
    if (body.rail !== undefined && body.rail !== 'ton') return null;
    if (body.rail === undefined && !(this.options.priceOrder ? false : onlyTon(body, catalog))) return null;
    let spec: TonOrderSpec;
    try {
      spec = this.options.priceOrder ? await this.options.priceOrder(body, caller) : priceFromCatalog(body, catalog);
    } catch (e) {
      if (e instanceof InvoiceError) throw new HttpError(400, e.message);
      throw e;
    }
    const nanotons = String(spec.nanotons);
    if (!/^[1-9]\d*$/.test(nanotons) || !Number.isSafeInteger(Number(nanotons))) throw new HttpError(400, 'a TON price must be a positive number of nanotons below 2^53');
    if (typeof spec.title !== 'string' || !spec.title || spec.title.length > TITLE_MAX) throw new HttpError(400, `title must be 1-${TITLE_MAX} characters`);
    if (typeof spec.description !== 'string' || !spec.description || spec.description.length > DESCRIPTION_MAX) throw new HttpError(400, `description must be 1-${DESCRIPTION_MAX} characters`);
    const id = randomBytes(16).toString('base64url');
    const comment = `${this.options.commentPrefix ?? 'wx2tg '}${id}`;
    if (new TextEncoder().encode(comment).length > COMMENT_MAX_BYTES) throw new Error('the TON comment does not fit one cell');
    const now = this.now();
    const order = await kit.store.insertOrder(
      { id, openid: caller.openid, userId: caller.userId, title: spec.title, description: spec.description, currency: 'TON', amount: Number(nanotons), prices: [{ label: spec.title, amount: Number(nanotons) }], subscriptionPeriod: null, data: spec.data ?? null },
      now,
    );
    const ton = await this.store.insert({ orderId: id, comment, address: this.address, amount: nanotons, validUntil: Math.floor(now / 1000) + (this.options.ttlSeconds ?? 600) }, now);
    this.poke();
    const statusUrl = kit.urlFor(o.req, `${this.prefix}/orders/${id}`);
    return { ...publicOrder(order), rail: 'ton', ton: this.transferOf(ton), payment: kit.paymentFields(encodeTonPackage({ orderId: id, statusUrl })) };
  }

  private transferOf(t: TonOrder): TonTransferRequest {
    return { address: this.friendly, amount: t.amount, payload: commentPayload(t.comment), comment: t.comment, validUntil: t.validUntil, network: NETWORK_ID[this.network] };
  }

  /** What the client sees of a TON order. */
  async status(orderId: string, caller?: Caller): Promise<Record<string, unknown> | null> {
    const kit = this.kit!;
    const order = await kit.store.order(orderId);
    const t = await this.store.get(orderId);
    if (!order || !t || (caller && order.openid !== caller.openid)) return null;
    if (t.status !== 'waiting' && order.status === 'pending') await this.applyOutcome(t); // finish what a crash left
    const now = (await kit.store.order(orderId)) ?? order;
    let status: TonOrderState;
    if (now.status === 'paid' || now.status === 'refunded') status = now.status;
    else if (t.status === 'underpaid' || t.status === 'expired') status = t.status;
    else if (now.status === 'void') status = 'void';
    else status = 'pending';
    return { orderId, status, rail: 'ton', transfer: this.transferOf(t), received: t.received, txHash: t.txHash, order: publicOrder(now) };
  }

  async handle(r: KitRequest, kit: ServerKit): Promise<void> {
    const m = /^\/orders\/([A-Za-z0-9_-]{1,64})(\/boc)?$/.exec(r.route);
    if (!m) throw new HttpError(404, 'not found');
    const caller = kit.authorize(r.req);
    if (m[2]) {
      if (r.method !== 'POST') throw new HttpError(405, 'POST only');
      const body = await kit.json(r.req);
      const boc = body.boc;
      if (typeof boc !== 'string' || !/^[A-Za-z0-9+/=_-]{8,20000}$/.test(boc)) throw new HttpError(400, 'boc must be the base64 BOC the wallet returned');
      const found = await this.status(m[1]!, caller);
      if (!found) throw new HttpError(404, 'no such order');
      await this.store.setBoc(m[1]!, boc);
      this.poke();
      return kit.send(r.res, 202, { status: found.status });
    }
    if (r.method !== 'GET') throw new HttpError(405, 'GET only');
    const found = await this.status(m[1]!, caller);
    if (!found) throw new HttpError(404, 'no such order');
    kit.send(r.res, 200, found);
  }
}

interface ItemRequest {
  id: string;
  quantity: number;
}

function itemsOf(body: Record<string, unknown>, catalog: Readonly<Record<string, CatalogItem>>): ItemRequest[] {
  const items = body.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 50) throw new InvoiceError('items must list 1-50 {id, quantity}');
  return (items as { id?: unknown; quantity?: unknown }[]).map((it) => {
    const id = String(it?.id ?? '');
    if (!Object.hasOwn(catalog, id)) throw new InvoiceError(`unknown item "${id}"`);
    const quantity = it?.quantity === undefined ? 1 : Number(it.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) throw new InvoiceError(`quantity of "${id}" must be 1-999`);
    return { id, quantity };
  });
}

/** True when every item asked for is sold for TON and none for Stars (then TON is the only way). */
function onlyTon(body: Record<string, unknown>, catalog: Readonly<Record<string, CatalogItem>>): boolean {
  const items = body.items;
  if (!Array.isArray(items) || items.length === 0) return false;
  return items.every((it: { id?: unknown }) => {
    const item = Object.hasOwn(catalog, String(it?.id)) ? catalog[String(it?.id)] : undefined;
    return !!item && item.ton !== undefined && item.price === undefined;
  });
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** The default TON pricing: the catalog's `ton` prices times quantities. */
export function priceFromCatalog(body: Record<string, unknown>, catalog: Readonly<Record<string, CatalogItem>>): TonOrderSpec {
  const picked = itemsOf(body, catalog);
  let total = 0n;
  const lines: string[] = [];
  for (const { id, quantity } of picked) {
    const item = catalog[id]!;
    if (item.ton === undefined) throw new InvoiceError(`"${id}" has no TON price`);
    total += BigInt(toNano(item.ton)) * BigInt(quantity);
    lines.push(quantity > 1 ? `${item.title} ×${quantity}` : item.title);
  }
  const firstTitle = catalog[picked[0]!.id]!.title;
  const title = clip(picked.length > 1 ? `${firstTitle} and ${picked.length - 1} more` : firstTitle, TITLE_MAX);
  return { title, description: clip(lines.join(', '), DESCRIPTION_MAX), nanotons: total.toString(), data: { items: picked } };
}

export function createTonRail(options: TonRailOptions): TonRail {
  return new TonRail(options);
}
