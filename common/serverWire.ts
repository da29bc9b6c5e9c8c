/**
 * What the runtime and the server kit (wx2tg/server) say to each other.
 *
 * Payment: the server answers an order with WeChat's five requestPayment fields; `package`
 * carries the Telegram invoice as "invoice=<slug>&order=<id>&status=<status URL>", so program
 * code that hands those fields to wx.requestPayment unchanged opens the invoice, and the runtime
 * can ask the status URL for the server's verdict when Telegram says "pending".
 *
 * Auth: the runtime sends `Authorization: tma <init data>` (the Telegram Mini Apps convention);
 * on the request proxy, where Authorization belongs to the upstream, `X-Wx2tg-Authorization`.
 */
export const PROXY_AUTH_HEADER = 'x-wx2tg-authorization';

/** Server routes under its base path (default /wx2tg). */
export const ROUTES = { login: '/login', orders: '/orders', subscribe: '/subscribe', proxy: '/proxy', webhook: '/telegram/webhook', health: '/health' } as const;

/**
 * A TON order (server/ton): package "ton=<order id>&status=<status URL>". The runtime asks the
 * status URL for the transfer to make (address, nanotons, comment payload, validUntil), has the
 * user's wallet send it through TON Connect, and polls the same URL for the server's verdict.
 */
export interface TonPaymentPackage {
  orderId: string;
  statusUrl: string;
}

/** What the TON status URL answers (GET) besides the order's status. */
export interface TonTransferRequest {
  /** The shop's address (user-friendly). */
  address: string;
  /** Nanotons, decimal string. */
  amount: string;
  /** Base64 BOC of the text comment that names the order. */
  payload: string;
  /** The comment itself (for display). */
  comment: string;
  /** Unix seconds: TON Connect's validUntil. */
  validUntil: number;
  /** TON Connect's network id: "-239" mainnet, "-3" testnet. */
  network: string;
}

export type TonOrderState = 'pending' | 'paid' | 'underpaid' | 'expired' | 'refunded' | 'void';

export function encodeTonPackage(p: TonPaymentPackage): string {
  return `ton=${encodeURIComponent(p.orderId)}&status=${encodeURIComponent(p.statusUrl)}`;
}

/** The TON order of a requestPayment package ("ton=…&status=https://…"), or null. */
export function parseTonPackage(params: Record<string, unknown>): TonPaymentPackage | null {
  const pkg = typeof params.package === 'string' ? params.package : '';
  if (!pkg.startsWith('ton=')) return null;
  const q = queryOf(pkg);
  const orderId = q?.get('ton') ?? '';
  const statusUrl = q?.get('status') ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orderId) || !/^https?:\/\//.test(statusUrl)) return null;
  return { orderId, statusUrl };
}

function queryOf(pkg: string): Map<string, string> | null {
  const q = new Map<string, string>();
  for (const part of pkg.split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      q.set(part.slice(0, i), decodeURIComponent(part.slice(i + 1).replace(/\+/g, ' ')));
    } catch {
      return null;
    }
  }
  return q;
}

export interface PaymentPackage {
  slug: string;
  orderId?: string;
  statusUrl?: string;
}

const SLUG = /^[A-Za-z0-9_-]{1,128}$/;

export function encodePaymentPackage(p: PaymentPackage): string {
  let out = `invoice=${p.slug}`;
  if (p.orderId) out += `&order=${encodeURIComponent(p.orderId)}`;
  if (p.statusUrl) out += `&status=${encodeURIComponent(p.statusUrl)}`;
  return out;
}

/** The invoice slug of a link Telegram's createInvoiceLink returns (t.me/$slug or t.me/invoice/slug), or null. */
export function slugOfInvoiceLink(link: string): string | null {
  const m = /^https:\/\/(?:t\.me|telegram\.me)\/(?:\$|invoice\/)([A-Za-z0-9_-]+)$/.exec(link);
  return m ? m[1]! : null;
}

/**
 * Reads the invoice from what a program hands to wx.requestPayment: WeChat's `package`
 * ("invoice=…"), or `slug`, or `invoiceLink` / `url` (a t.me invoice link). Null when none.
 */
export function parsePaymentParams(params: Record<string, unknown>): PaymentPackage | null {
  const pkg = typeof params.package === 'string' ? params.package : '';
  if (pkg.startsWith('invoice=')) {
    const q = queryOf(pkg);
    if (!q) return null;
    const slug = q.get('invoice') ?? '';
    if (!SLUG.test(slug)) return null;
    const out: PaymentPackage = { slug };
    const order = q.get('order');
    const status = q.get('status');
    if (order) out.orderId = order;
    if (status && /^https?:\/\//.test(status)) out.statusUrl = status;
    return out;
  }
  if (typeof params.slug === 'string' && SLUG.test(params.slug)) {
    return { slug: params.slug, ...(typeof params.statusUrl === 'string' ? { statusUrl: params.statusUrl } : {}) };
  }
  for (const k of ['invoiceLink', 'url']) {
    const v = params[k];
    const slug = typeof v === 'string' ? slugOfInvoiceLink(v) : null;
    if (slug) return { slug, ...(typeof params.statusUrl === 'string' ? { statusUrl: params.statusUrl } : {}) };
  }
  return null;
}
