/**
 * Payments through Telegram invoices, WeChat Pay's place.
 *
 *  createInvoice → an order row (pending) first, then createInvoiceLink with the order id as the
 *  invoice payload; the link goes to the client (wx.requestPayment opens it).
 *  pre_checkout_query → answered (within Telegram's 10 s) after checking it against the stored
 *  order: it exists, is still pending, same currency, same total, same user.
 *  successful_payment → the only thing that marks an order paid. Every charge is recorded (even
 *  one matching no pending order, so no money is lost track of) in the same transaction that
 *  moves the order to paid; a redelivered update changes nothing.
 *  fulfil hook → called once per paid order: a claim in the database lets one caller run it; it
 *  is marked done after the hook returns. A hook that throws, or a process that dies inside it,
 *  leaves the order unfulfilled, and it is tried again (resumeFulfilments, run at start and
 *  periodically), so key your side effects by order.id.
 *  refunds → refundStarPayment (Stars), and Telegram's refunded_payment message, recorded once.
 */
import { randomBytes } from 'node:crypto';
import { GrammyError, HttpError, type Api } from 'grammy';
import { slugOfInvoiceLink } from '../common/serverWire.js';
import type { Order, PaymentRecord, Store } from './storage/store.js';

export const TITLE_MAX = 32;
export const DESCRIPTION_MAX = 255;
export const SUBSCRIPTION_PERIOD = 2592000;

export interface InvoiceSpec {
  title: string;
  description: string;
  /** 'XTR' (Telegram Stars, digital goods) or a fiat code with `providerToken`. */
  currency: string;
  prices: { label: string; amount: number }[];
  providerToken?: string;
  /** Stars subscriptions: Telegram allows 30 days (2592000 s) only. */
  subscriptionPeriod?: number;
  photoUrl?: string;
  /** Anything you want back with the order (items, shipping choice…), stored as JSON. */
  data?: unknown;
}

export interface Buyer {
  openid: string;
  userId: number;
}

export interface CreatedInvoice {
  order: Order;
  invoiceLink: string;
  slug: string;
}

export interface PaymentHooks {
  /** The order is paid: deliver it. Called once per order (again only after a crash or a throw). */
  fulfil?: (order: Order) => Promise<void> | void;
  /** Telegram charged a payment that matches no pending order (unknown, already paid, other amount or user). */
  unmatchedPayment?: (payment: PaymentRecord, order: Order | null) => Promise<void> | void;
  /** A payment of an order was refunded (by you or by Telegram). */
  refunded?: (order: Order) => Promise<void> | void;
}

export class InvoiceError extends Error {}

/** The slug of an invoice link (`https://t.me/$<slug>` or `https://t.me/invoice/<slug>`), or null. */
export const invoiceSlug = slugOfInvoiceLink;

export function validateInvoice(spec: InvoiceSpec): void {
  const fail = (m: string): never => {
    throw new InvoiceError(m);
  };
  if (typeof spec.title !== 'string' || spec.title.length < 1 || spec.title.length > TITLE_MAX) fail(`title must be 1-${TITLE_MAX} characters`);
  if (typeof spec.description !== 'string' || spec.description.length < 1 || spec.description.length > DESCRIPTION_MAX) fail(`description must be 1-${DESCRIPTION_MAX} characters`);
  if (!/^[A-Z]{3}$/.test(spec.currency)) fail('currency must be a three-letter code (XTR for Telegram Stars)');
  if (!Array.isArray(spec.prices) || spec.prices.length === 0) fail('prices must list at least one {label, amount}');
  for (const p of spec.prices) if (!p || typeof p.label !== 'string' || !p.label || !Number.isSafeInteger(p.amount) || p.amount <= 0) fail('each price needs a label and a positive integer amount (smallest units)');
  if (spec.currency === 'XTR') {
    if (spec.prices.length !== 1) fail('a Stars (XTR) invoice takes exactly one price');
    if (spec.providerToken) fail('a Stars (XTR) invoice takes no provider token');
  } else if (!spec.providerToken) fail(`a ${spec.currency} invoice needs a payment provider token`);
  if (spec.subscriptionPeriod !== undefined && (spec.subscriptionPeriod !== SUBSCRIPTION_PERIOD || spec.currency !== 'XTR')) fail(`subscriptions are Stars (XTR) only, with subscriptionPeriod ${SUBSCRIPTION_PERIOD}`);
}

interface PreCheckoutQuery {
  id: string;
  from: { id: number };
  currency: string;
  total_amount: number;
  invoice_payload: string;
}

interface SuccessfulPayment {
  currency: string;
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  provider_payment_charge_id?: string;
}

interface RefundedPayment {
  currency: string;
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  provider_payment_charge_id?: string;
}

export interface PaymentsOptions {
  /** How long a fulfilment claim holds before another caller may take the order (default 5 min). */
  fulfilLeaseMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export class Payments {
  private readonly leaseMs: number;
  private readonly log: (message: string, detail?: unknown) => void;
  private readonly bornAt = Date.now();

  constructor(
    private readonly api: Api,
    private readonly store: Store,
    private readonly hooks: PaymentHooks = {},
    options: PaymentsOptions = {},
  ) {
    this.leaseMs = options.fulfilLeaseMs ?? 5 * 60_000;
    this.log = options.log ?? ((m, d) => console.error(`[wx2tg] ${m}`, d ?? ''));
  }

  /** Records the order, then asks Telegram for the invoice link. */
  async createInvoice(buyer: Buyer, spec: InvoiceSpec): Promise<CreatedInvoice> {
    validateInvoice(spec);
    const amount = spec.prices.reduce((s, p) => s + p.amount, 0);
    const order = await this.store.insertOrder({
      id: randomBytes(16).toString('base64url'),
      openid: buyer.openid,
      userId: buyer.userId,
      title: spec.title,
      description: spec.description,
      currency: spec.currency,
      amount,
      prices: spec.prices,
      subscriptionPeriod: spec.subscriptionPeriod ?? null,
      data: spec.data ?? null,
    });
    let link: string;
    try {
      const other: Record<string, unknown> = {};
      if (spec.subscriptionPeriod) other.subscription_period = spec.subscriptionPeriod;
      if (spec.photoUrl) other.photo_url = spec.photoUrl;
      link = await this.api.createInvoiceLink(spec.title, spec.description, order.id, spec.providerToken ?? '', spec.currency, spec.prices, other);
    } catch (e) {
      await this.store.voidOrder(order.id);
      // No answer at all (after the retry policy's attempts) is Telegram failing too: told as a
      // Bot API error, so the client gets 502 like for a refusal, not an internal error.
      if (e instanceof HttpError) {
        const cause = (e.error as { code?: string; message?: string } | undefined) ?? {};
        throw new GrammyError(e.message, { ok: false, error_code: 502, description: `no answer from the Bot API (${cause.code ?? cause.message ?? 'network error'})` }, 'createInvoiceLink', {});
      }
      throw e;
    }
    const slug = invoiceSlug(link);
    if (!slug) {
      await this.store.voidOrder(order.id);
      throw new Error(`Telegram returned an invoice link of an unknown form: ${link}`);
    }
    await this.store.setInvoiceLink(order.id, link);
    return { order: { ...order, invoiceLink: link }, invoiceLink: link, slug };
  }

  /** Decides a pre-checkout query from the stored order. */
  async checkPreCheckout(q: PreCheckoutQuery): Promise<{ ok: true } | { ok: false; error_message: string }> {
    const order = await this.store.order(q.invoice_payload);
    if (!order) return { ok: false, error_message: 'This order does not exist.' };
    if (order.status === 'paid') return { ok: false, error_message: 'This order has already been paid.' };
    if (order.status !== 'pending') return { ok: false, error_message: 'This order can no longer be paid.' };
    if (order.userId !== q.from.id) return { ok: false, error_message: 'This order belongs to another user.' };
    if (order.currency !== q.currency || order.amount !== q.total_amount) return { ok: false, error_message: 'The price of this order has changed.' };
    return { ok: true };
  }

  /** Answers a pre-checkout query; a failed check or a database error says no (no charge happens). */
  async answerPreCheckout(q: PreCheckoutQuery): Promise<boolean> {
    let verdict: { ok: true } | { ok: false; error_message: string };
    try {
      verdict = await this.checkPreCheckout(q);
    } catch (e) {
      this.log('pre-checkout check failed; declining', e);
      verdict = { ok: false, error_message: 'Payments are unavailable right now. Please try again.' };
    }
    try {
      await this.api.answerPreCheckoutQuery(q.id, verdict.ok, verdict.ok ? undefined : { error_message: verdict.error_message });
    } catch (e) {
      // A redelivered query was answered already ("query is too old"): nothing more to do.
      this.log(`answerPreCheckoutQuery ${q.id} failed`, (e as Error).message);
    }
    return verdict.ok;
  }

  /** Handles message.successful_payment. Throws only when it could not be recorded (the webhook then fails and Telegram redelivers). */
  async successfulPayment(from: { id: number }, p: SuccessfulPayment): Promise<void> {
    const outcome = await this.store.recordPayment({
      chargeId: p.telegram_payment_charge_id,
      providerChargeId: p.provider_payment_charge_id || null,
      payload: p.invoice_payload,
      userId: from.id,
      currency: p.currency,
      amount: p.total_amount,
    });
    if (!outcome.firstTime) return;
    if (outcome.orderPaid && outcome.order) {
      await this.fulfil(outcome.order.id);
      return;
    }
    const record = await this.store.payment(p.telegram_payment_charge_id);
    this.log(`payment ${p.telegram_payment_charge_id} matches no pending order (payload ${p.invoice_payload})`);
    if (record && this.hooks.unmatchedPayment) {
      try {
        await this.hooks.unmatchedPayment(record, outcome.order);
      } catch (e) {
        this.log('unmatchedPayment hook threw', e);
      }
    }
  }

  /** Handles message.refunded_payment. */
  async refundedPayment(from: { id: number }, p: RefundedPayment): Promise<void> {
    const r = await this.store.recordRefund({
      chargeId: p.telegram_payment_charge_id,
      providerChargeId: p.provider_payment_charge_id || null,
      payload: p.invoice_payload,
      userId: from.id,
      currency: p.currency,
      amount: p.total_amount,
    });
    if (r.firstTime && r.order && this.hooks.refunded) {
      try {
        await this.hooks.refunded(r.order);
      } catch (e) {
        this.log('refunded hook threw', e);
      }
    }
  }

  /** Refunds a paid Stars order to its buyer. */
  async refund(orderId: string): Promise<Order> {
    const order = await this.store.order(orderId);
    if (!order) throw new InvoiceError(`no order ${orderId}`);
    if (order.status === 'refunded') return order;
    if (order.status !== 'paid' || !order.chargeId) throw new InvoiceError(`order ${orderId} is ${order.status}, not paid`);
    if (order.currency !== 'XTR') throw new InvoiceError('only Stars (XTR) payments are refunded through Telegram; refund fiat payments with your payment provider');
    try {
      await this.api.refundStarPayment(order.userId, order.chargeId);
    } catch (e) {
      if (!/CHARGE_ALREADY_REFUNDED/.test((e as Error).message)) throw e;
    }
    await this.refundedPayment({ id: order.userId }, { currency: order.currency, total_amount: order.amount, invoice_payload: order.id, telegram_payment_charge_id: order.chargeId });
    return (await this.store.order(orderId))!;
  }

  /** Runs the fulfil hook for a paid order unless someone else has it or it is done. */
  async fulfil(orderId: string): Promise<boolean> {
    const order = await this.store.claimFulfilment(orderId, this.leaseMs);
    if (!order) return false;
    if (!this.hooks.fulfil) {
      await this.store.finishFulfilment(orderId, null);
      return true;
    }
    try {
      await this.hooks.fulfil(order);
    } catch (e) {
      this.log(`fulfil hook threw for order ${orderId}; it will be retried`, e);
      await this.store.finishFulfilment(orderId, String((e as Error)?.message ?? e)).catch(() => undefined);
      return false;
    }
    await this.store.finishFulfilment(orderId, null);
    return true;
  }

  /**
   * At start, for a database one process owns (SQLite): frees the fulfilments a dead process had
   * claimed, so they are resumed now rather than after the lease. Claims this process made
   * (requests served while it was starting) are kept: freeing them would run a hook twice.
   */
  async releaseDeadClaims(): Promise<void> {
    await this.store.releaseClaimsBefore(this.bornAt);
  }

  /** Fulfils paid orders left unfulfilled (a crash or a throwing hook). Returns how many completed. */
  async resumeFulfilments(): Promise<number> {
    let done = 0;
    for (const o of await this.store.unfulfilledOrders()) if (await this.fulfil(o.id)) done++;
    return done;
  }
}
