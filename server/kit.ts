/**
 * The server kit as one HTTP handler: what a WeChat program's back end got from WeChat, served
 * under one base path (default /wx2tg). Mount `kit.handle` in Node http, Express or Connect, or
 * run it alone with `wx2tg serve`.
 *
 *   POST /login                {code}            → {openid, session_key, unionid?, token}
 *   POST /orders               {items:[{id, quantity}]} (or what your priceOrder reads)
 *                                                → {orderId, status, invoiceLink, slug, payment}
 *   GET  /orders               the caller's orders;   GET /orders/<id>  one of them
 *   POST /subscribe            {results: {tmplId: "accept"|"reject"}} → {accepted}
 *   ANY  /proxy?url=…          the request proxy (allowlisted hosts only)
 *   POST /telegram/webhook     Telegram's updates (X-Telegram-Bot-Api-Secret-Token checked)
 *   GET  /health
 *
 * Who is calling: the runtime sends `Authorization: tma <init data>` (or, on the proxy,
 * `X-Wx2tg-Authorization`, leaving Authorization to the upstream); a program's own code sends
 * the session `token` /login returned, as `Authorization: Bearer <token>` — WeChat programs keep
 * such a token from their login call.
 *
 * `payment` in the order answer has WeChat's five requestPayment fields (timeStamp, nonceStr,
 * package, signType, paySign), so code that passes them through unchanged works: package is
 * "invoice=<slug>&order=<id>&status=<url>", which wx.requestPayment opens and, when Telegram
 * reports "pending", polls.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Bot, GrammyError, webhookCallback, type Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { encodePaymentPackage, PROXY_AUTH_HEADER } from '../common/serverWire.js';
import { botApiRetry } from './botRetry.js';
import { botIdOf } from './initData.js';
import { code2Session, Code2SessionError, unionidFor, verifyAuthorization } from './login.js';
import { InvoiceError, Payments, TITLE_MAX, DESCRIPTION_MAX, type InvoiceSpec, type PaymentHooks } from './payments.js';
import { ProxyError, readLimited, RequestProxy, type ProxyOptions } from './proxy.js';
import { SubscribeMessages, type SubscribeMessage, type SubscribeOptions, type SubscribeResult } from './subscribe.js';
import type { Order, Store } from './storage/store.js';

export interface CatalogItem {
  title: string;
  description?: string;
  /** Price per unit in the smallest unit of `currency` (Stars for XTR). Absent: sold for TON only. */
  price?: number;
  /** Price per unit in TON ("0.5"), for the TON rail (server/ton); absent: not sold for TON. */
  ton?: string;
}

export interface Caller {
  openid: string;
  userId: number;
}

export interface KitOptions {
  botToken: string;
  store: Store;
  /** The secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (setWebhook secret_token). */
  webhookSecret?: string;
  /** Bot API base URL (default https://api.telegram.org); tests point it at the stand-in. */
  apiRoot?: string;
  /** How long one Bot API call may take before it counts as failed (default 30 s; grammY's own is 500 s). */
  botApiTimeoutSeconds?: number;
  /** Skip getMe at start (tests, or when known). */
  botInfo?: UserFromGetMe;
  basePath?: string;
  /** Public base URL of this server (https://api.example.com), for the status URLs it hands out. */
  publicUrl?: string;
  maxAgeSeconds?: number;
  openidSecret?: string;
  unionidSecret?: string;
  /** Signs session tokens (default: derived from the bot token). */
  sessionSecret?: string;
  sessionTtlSeconds?: number;
  /** What can be bought: item id → title and unit price. Used by the default priceOrder. */
  catalog?: Record<string, CatalogItem>;
  /** Currency of the catalog prices (default XTR). */
  currency?: string;
  providerToken?: string;
  /** Turns an order request body into an invoice (default: items from the catalog). Throw InvoiceError to refuse. */
  priceOrder?: (body: unknown, caller: Caller) => InvoiceSpec | Promise<InvoiceSpec>;
  hooks?: PaymentHooks;
  subscribe?: SubscribeOptions;
  proxy?: ProxyOptions;
  /** Origins allowed by CORS (default "*": the API authenticates by header, not cookies). */
  corsOrigins?: '*' | readonly string[];
  /** Largest JSON body (default 64 KiB). */
  maxBodyBytes?: number;
  /**
   * Request rate limits, per instance (token buckets): `login` per client address, `user` per
   * openid for the authenticated routes (orders, subscribe, proxy). false turns them off.
   * Defaults: login 60/min with bursts of 20; user 120/min with bursts of 40.
   */
  rateLimit?: false | { login?: RateLimit; user?: RateLimit; cloud?: RateLimit };
  fulfilLeaseMs?: number;
  /** How often unfinished fulfilments are retried (default 60 s; 0: only at start). */
  fulfilRetryMs?: number;
  log?: (message: string, detail?: unknown) => void;
  /** More routes under basePath (the cloud, the TON rail…): each owns the paths below its prefix. */
  extensions?: KitExtension[];
}

/** A request as an extension sees it: `route` is the path below the extension's prefix ("" or "/…"). */
export interface KitRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  route: string;
  url: URL;
}

/**
 * Routes mounted into the kit at `prefix` (e.g. "/cloud"). They share its authentication
 * (`kit.authorize`), rate limits, JSON reading and error answers: throw `KitHttpError` for a
 * status, anything else answers 500 and is logged.
 */
export interface KitExtension {
  readonly prefix: string;
  handle(r: KitRequest, kit: ServerKit): Promise<void>;
  /** Called from kit.start(). */
  start?(kit: ServerKit): Promise<void>;
  /** Called from kit.close(). */
  close?(): Promise<void>;
  /**
   * POST /orders asks each extension first: one that takes the order (the TON rail, for
   * `rail: "ton"`) answers it; null leaves it to the Telegram invoice.
   */
  createOrder?(order: { body: Record<string, unknown>; caller: Caller; req: IncomingMessage; catalog: Readonly<Record<string, CatalogItem>> }, kit: ServerKit): Promise<Record<string, unknown> | null>;
}

export interface RateLimit {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Requests allowed at once before the rate applies. */
  burst: number;
}

const DEFAULT_LIMITS = { login: { perMinute: 60, burst: 20 }, user: { perMinute: 120, burst: 40 }, cloud: { perMinute: 600, burst: 120 } };

/** Token buckets by key; idle buckets are dropped as they refill. */
class Buckets {
  private readonly map = new Map<string, { tokens: number; at: number }>();
  /** Takes one token: 0 when allowed, else the seconds to wait. */
  take(key: string, limit: RateLimit, now = Date.now()): number {
    if (this.map.size > 50_000) for (const [k, b] of this.map) if (now - b.at > 60_000) this.map.delete(k);
    const perMs = limit.perMinute / 60_000;
    const b = this.map.get(key) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + (now - b.at) * perMs);
    b.at = now;
    this.map.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs / 1000);
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Next = (err?: unknown) => void;

export class ServerKit {
  readonly bot: Bot;
  readonly api: Api;
  readonly payments: Payments;
  readonly subscribe: SubscribeMessages;
  readonly store: Store;
  readonly basePath: string;
  private readonly proxy: RequestProxy | null;
  private readonly sessionSecret: Buffer;
  private readonly webhook: (update: unknown, respond: (json: string) => unknown, header: string | undefined, unauthorized: () => unknown) => Promise<unknown>;
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private readonly extensions: readonly KitExtension[];
  readonly log: (message: string, detail?: unknown) => void;

  constructor(private readonly options: KitOptions) {
    botIdOf(options.botToken);
    this.store = options.store;
    this.basePath = (options.basePath ?? '/wx2tg').replace(/\/+$/, '');
    this.log = options.log ?? ((m, d) => console.error(`[wx2tg] ${m}`, d ?? ''));
    this.extensions = options.extensions ?? [];
    for (const x of this.extensions) if (!/^\/[a-z0-9-]+$/.test(x.prefix) || ['/login', '/orders', '/subscribe', '/proxy', '/telegram', '/health'].includes(x.prefix)) throw new Error(`server kit extension prefix "${x.prefix}" is taken or malformed`);
    this.bot = new Bot(options.botToken, { ...(options.botInfo ? { botInfo: options.botInfo } : {}), client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds: options.botApiTimeoutSeconds ?? 30 } });
    this.api = this.bot.api;
    this.api.config.use(botApiRetry({ onRetry: (r) => this.log(`Bot API ${r.method} failed (${r.reason}); retrying in ${r.delayMs} ms`) }));
    this.payments = new Payments(this.api, this.store, options.hooks, { fulfilLeaseMs: options.fulfilLeaseMs, log: this.log });
    this.subscribe = new SubscribeMessages(this.api, this.store, { log: this.log, ...options.subscribe });
    this.proxy = options.proxy && options.proxy.allow.length ? new RequestProxy(options.proxy) : null;
    this.sessionSecret = options.sessionSecret ? Buffer.from(options.sessionSecret) : createHmac('sha256', 'wx2tg-session').update(options.botToken).digest();
    this.bot.on('pre_checkout_query', async (ctx) => {
      await this.payments.answerPreCheckout(ctx.preCheckoutQuery);
    });
    this.bot.on('message:successful_payment', async (ctx) => {
      await this.payments.successfulPayment(ctx.message.from, ctx.message.successful_payment);
    });
    this.bot.on('message:refunded_payment', async (ctx) => {
      await this.payments.refundedPayment(ctx.message.from, ctx.message.refunded_payment);
    });
    this.webhook = webhookCallback(this.bot, 'callback', { secretToken: options.webhookSecret, onTimeout: 'throw', timeoutMilliseconds: 9_000 }) as never;
  }

  /** Resumes unfinished fulfilments and keeps retrying them. Call once after construction. */
  async start(): Promise<void> {
    if (this.store.dialect === 'sqlite') await this.payments.releaseDeadClaims(); // one owning process: an older claim is a dead one's
    if (!this.options.botInfo) await this.bot.init();
    await this.payments.resumeFulfilments().catch((e) => this.log('resuming fulfilments failed', e));
    await this.subscribe.start();
    const every = this.options.fulfilRetryMs ?? 60_000;
    if (every > 0) {
      this.retryTimer = setInterval(() => void this.payments.resumeFulfilments().catch((e) => this.log('retrying fulfilments failed', e)), every);
      this.retryTimer.unref();
    }
    for (const x of this.extensions) await x.start?.(this);
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    await this.subscribe.close();
    for (const x of this.extensions) await x.close?.();
  }

  /** The webhook URL to give setWebhook for a server reachable at `publicUrl`. */
  webhookUrl(publicUrl = this.options.publicUrl ?? ''): string {
    return `${publicUrl.replace(/\/+$/, '')}${this.basePath}/telegram/webhook`;
  }

  /** Registers the webhook with Telegram (setWebhook with the secret token). */
  async setWebhook(publicUrl = this.options.publicUrl): Promise<void> {
    if (!publicUrl) throw new Error('setWebhook needs the public URL of this server');
    await this.api.setWebhook(this.webhookUrl(publicUrl), {
      ...(this.options.webhookSecret ? { secret_token: this.options.webhookSecret } : {}),
      allowed_updates: ['message', 'pre_checkout_query'],
    });
  }

  /** Sends a subscribe message (WeChat's subscribeMessage.send). */
  sendSubscribeMessage(msg: SubscribeMessage): ReturnType<SubscribeMessages['send']> {
    return this.subscribe.send(msg);
  }

  // ---- sessions ----

  issueToken(caller: Caller, now = Date.now()): string {
    const ttl = (this.options.sessionTtlSeconds ?? 7 * 86400) * 1000;
    const body = Buffer.from(JSON.stringify({ o: caller.openid, u: caller.userId, e: now + ttl })).toString('base64url');
    const mac = createHmac('sha256', this.sessionSecret).update(body).digest('base64url');
    return `${body}.${mac}`;
  }

  private checkToken(token: string, now = Date.now()): Caller | null {
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', this.sessionSecret).update(body).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { o: string; u: number; e: number };
      if (typeof p.o !== 'string' || typeof p.u !== 'number' || !(p.e > now)) return null;
      return { openid: p.o, userId: p.u };
    } catch {
      return null;
    }
  }

  /** The caller of a request: init data (tma) or a session token (Bearer). */
  caller(req: IncomingMessage, header: string | string[] | undefined = req.headers.authorization): Caller {
    const value = Array.isArray(header) ? header[0] : header;
    if (value && /^bearer\s/i.test(value)) {
      const c = this.checkToken(value.replace(/^bearer\s+/i, '').trim());
      if (!c) throw new HttpError(401, 'session token invalid or expired; log in again');
      return c;
    }
    const auth = verifyAuthorization(value, { botToken: this.options.botToken, maxAgeSeconds: this.options.maxAgeSeconds, openidSecret: this.options.openidSecret });
    if (!auth.ok) throw new HttpError(401, auth.error);
    return { openid: auth.openid, userId: auth.user.id };
  }

  private readonly buckets = new Buckets();

  /** Refuses with 429 (and Retry-After) when `key` has used up its rate. */
  private limit(key: string, kind: 'login' | 'user' | 'cloud'): void {
    const conf = this.options.rateLimit;
    if (conf === false) return;
    const wait = this.buckets.take(`${kind}:${key}`, conf?.[kind] ?? DEFAULT_LIMITS[kind]);
    if (wait > 0) throw new HttpError(429, 'too many requests: slow down', { retryAfter: wait });
  }

  /** The authenticated caller, within its rate (401/429 otherwise). For extensions' routes too. */
  authorize(req: IncomingMessage, kind: 'user' | 'cloud' = 'user'): Caller {
    const caller = this.caller(req);
    this.limit(caller.openid, kind);
    return caller;
  }

  /** A secret for `label` derived from the kit's session secret (signing links, …). */
  deriveSecret(label: string): Buffer {
    return createHmac('sha256', this.sessionSecret).update(label).digest();
  }

  /** <publicUrl><basePath> when the public URL is configured. */
  publicBase(): string | null {
    return this.options.publicUrl ? `${this.options.publicUrl.replace(/\/+$/, '')}${this.basePath}` : null;
  }

  /** The unionid code2Session gives this Telegram user, when a unionid secret is configured. */
  unionidOf(userId: number): string | undefined {
    return this.options.unionidSecret ? unionidFor(userId, this.options.unionidSecret) : undefined;
  }

  private limitedCaller(req: IncomingMessage): Caller {
    const caller = this.caller(req);
    this.limit(caller.openid, 'user');
    return caller;
  }

  // ---- HTTP ----

  private cors(req: IncomingMessage, res: ServerResponse): void {
    const allowed = this.options.corsOrigins ?? '*';
    const origin = req.headers.origin;
    if (allowed === '*') res.setHeader('access-control-allow-origin', '*');
    else if (origin && allowed.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
    }
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-wx2tg-authorization');
    res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('access-control-max-age', '600');
  }

  /** Answers JSON (no-store). */
  send(res: ServerResponse, status: number, body: unknown): void {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(body));
  }

  /** Reads a JSON object body of at most `limit` bytes (400/413 otherwise). */
  async json(req: IncomingMessage, limit = this.options.maxBodyBytes ?? 64 << 10): Promise<Record<string, unknown>> {
    let buf: Buffer;
    try {
      buf = await readLimited(req, limit);
    } catch (e) {
      throw new HttpError(e instanceof ProxyError ? e.status : 400, (e as Error).message);
    }
    if (buf.length === 0) return {};
    try {
      const v = JSON.parse(buf.toString('utf8')) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error();
      return v as Record<string, unknown>;
    } catch {
      throw new HttpError(400, 'the body must be a JSON object');
    }
  }

  /** Node http / Express / Connect handler. Requests outside basePath go to `next` (or 404). */
  readonly handle = (req: IncomingMessage, res: ServerResponse, next?: Next): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== this.basePath && !url.pathname.startsWith(this.basePath + '/')) {
      if (next) next();
      else this.send(res, 404, { error: 'not found' });
      return;
    }
    const route = url.pathname.slice(this.basePath.length) || '/';
    this.route(req, res, route, url).catch((e: unknown) => {
      if (e instanceof HttpError) {
        if (e.status === 429) res.setHeader('retry-after', String(e.extra.retryAfter ?? 1));
        return this.send(res, e.status, { error: e.message, ...e.extra });
      }
      this.log(`${req.method} ${url.pathname} failed`, e);
      if (!res.headersSent) this.send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (route === '/telegram/webhook') return this.telegramWebhook(req, res, method);
    this.cors(req, res);
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (route === '/proxy') {
      if (!this.proxy) throw new HttpError(404, 'the request proxy is off (no allowlist configured)');
      this.limit(`user:${this.caller(req, req.headers[PROXY_AUTH_HEADER] as string | undefined).openid}`, 'user');
      return this.proxy.handle(req, res, url.searchParams.get('url'));
    }
    if (route === '/health' && method === 'GET') return this.send(res, 200, { ok: true, storage: this.store.dialect });
    if (route === '/login' && method === 'POST') {
      this.limit(`ip:${clientAddress(req)}`, 'login');
      return this.login(req, res);
    }
    if (route === '/orders' && method === 'POST') return this.createOrder(req, res);
    if (route === '/orders' && method === 'GET') {
      const caller = this.limitedCaller(req);
      return this.send(res, 200, { orders: (await this.store.ordersOf(caller.openid)).map(publicOrder) });
    }
    const m = /^\/orders\/([A-Za-z0-9_-]{1,64})$/.exec(route);
    if (m && method === 'GET') {
      const caller = this.limitedCaller(req);
      const order = await this.store.order(m[1]!);
      if (!order || order.openid !== caller.openid) throw new HttpError(404, 'no such order');
      return this.send(res, 200, publicOrder(order));
    }
    for (const x of this.extensions) {
      if (route === x.prefix || route.startsWith(x.prefix + '/')) return x.handle({ req, res, method, route: route.slice(x.prefix.length), url }, this);
    }
    if (route === '/subscribe' && method === 'POST') {
      const caller = this.limitedCaller(req);
      const body = await this.json(req);
      const results = body.results;
      if (!results || typeof results !== 'object' || Array.isArray(results)) throw new HttpError(400, 'results must map template ids to "accept" or "reject"');
      const accepted = await this.subscribe.recordResults(caller.openid, results as Record<string, SubscribeResult>);
      return this.send(res, 200, { accepted });
    }
    throw new HttpError(404, 'not found');
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.json(req);
    try {
      const s = await code2Session(String(body.code ?? ''), {
        botToken: this.options.botToken,
        store: this.store,
        maxAgeSeconds: this.options.maxAgeSeconds,
        openidSecret: this.options.openidSecret,
        unionidSecret: this.options.unionidSecret,
      });
      const out: Record<string, unknown> = { openid: s.openid, session_key: s.session_key, token: this.issueToken({ openid: s.openid, userId: s.user.id }) };
      if (s.unionid) out.unionid = s.unionid;
      out.user = { id: s.user.id, first_name: s.user.first_name, last_name: s.user.last_name, username: s.user.username, language_code: s.user.language_code, photo_url: s.user.photo_url };
      this.send(res, 200, out);
    } catch (e) {
      if (e instanceof Code2SessionError) return this.send(res, 400, { errcode: e.errcode, errmsg: e.errmsg });
      throw e;
    }
  }

  private defaultPriceOrder(body: unknown): InvoiceSpec {
    const catalog = this.options.catalog;
    if (!catalog) throw new InvoiceError('this server has no catalog and no priceOrder: it cannot price an order');
    const items = (body as { items?: unknown }).items;
    if (!Array.isArray(items) || items.length === 0 || items.length > 50) throw new InvoiceError('items must list 1-50 {id, quantity}');
    let total = 0;
    const lines: string[] = [];
    const picked: { id: string; quantity: number }[] = [];
    for (const it of items as { id?: unknown; quantity?: unknown }[]) {
      const id = String(it?.id ?? '');
      const item = Object.hasOwn(catalog, id) ? catalog[id] : undefined;
      const quantity = it?.quantity === undefined ? 1 : Number(it.quantity);
      if (!item) throw new InvoiceError(`unknown item "${id}"`);
      if (item.price === undefined) throw new InvoiceError(`"${id}" is sold for TON only (order it with rail "ton")`);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) throw new InvoiceError(`quantity of "${id}" must be 1-999`);
      total += item.price * quantity;
      lines.push(quantity > 1 ? `${item.title} ×${quantity}` : item.title);
      picked.push({ id, quantity });
    }
    const first = (items as { id: string }[])[0]!;
    const firstTitle = catalog[String(first.id)]!.title;
    const title = clip(items.length > 1 ? `${firstTitle} and ${items.length - 1} more` : firstTitle, TITLE_MAX);
    const description = clip(lines.join(', '), DESCRIPTION_MAX);
    const currency = this.options.currency ?? 'XTR';
    return { title, description, currency, prices: [{ label: title, amount: total }], providerToken: this.options.providerToken, data: { items: picked } };
  }

  private async createOrder(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const caller = this.limitedCaller(req);
    const body = await this.json(req);
    for (const x of this.extensions) {
      const answer = await x.createOrder?.({ body, caller, req, catalog: this.options.catalog ?? {} }, this);
      if (answer) return this.send(res, 200, answer);
    }
    let created;
    try {
      const spec = this.options.priceOrder ? await this.options.priceOrder(body, caller) : this.defaultPriceOrder(body);
      created = await this.payments.createInvoice(caller, spec);
    } catch (e) {
      if (e instanceof InvoiceError) throw new HttpError(400, e.message);
      if (e instanceof GrammyError) throw new HttpError(502, `Telegram refused the invoice: ${e.description}`);
      throw e;
    }
    const statusUrl = this.urlFor(req, `/orders/${created.order.id}`);
    const pkg = encodePaymentPackage({ slug: created.slug, orderId: created.order.id, statusUrl });
    this.send(res, 200, {
      ...publicOrder(created.order),
      invoiceLink: created.invoiceLink,
      slug: created.slug,
      payment: this.paymentFields(pkg),
    });
  }

  /** The public URL of a route of this kit (`publicUrl`, else the request's origin, + basePath). */
  urlFor(req: IncomingMessage, route: string): string {
    const base = this.options.publicUrl ? this.options.publicUrl.replace(/\/+$/, '') : originOf(req);
    return `${base}${this.basePath}${route}`;
  }

  /** WeChat's five requestPayment fields around a package (paySign: HMAC of them with the session secret). */
  paymentFields(pkg: string): { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } {
    const timeStamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(12).toString('base64url');
    const paySign = createHmac('sha256', this.sessionSecret).update(`${timeStamp}\n${nonceStr}\n${pkg}`).digest('hex');
    return { timeStamp, nonceStr, package: pkg, signType: 'HMAC-SHA256', paySign };
  }

  private async telegramWebhook(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (method !== 'POST') throw new HttpError(405, 'POST only');
    const header = req.headers['x-telegram-bot-api-secret-token'];
    const update = await this.json(req, 4 << 20); // an update can carry long texts and entities
    let unauthorized = false;
    // Errors propagate: the webhook answers 500 and Telegram delivers the update again.
    await this.webhook(update, () => undefined, Array.isArray(header) ? header[0] : header, () => {
      unauthorized = true;
    });
    if (unauthorized) throw new HttpError(401, 'bad secret token');
    this.send(res, 200, { ok: true });
  }
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** The origin a request was made to (X-Forwarded-Proto when a proxy says so). */
export function originOf(req: IncomingMessage): string {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() || ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/** What a client may see of an order. */
export function publicOrder(o: Order): Record<string, unknown> {
  return {
    orderId: o.id,
    status: o.status,
    title: o.title,
    description: o.description,
    currency: o.currency,
    amount: o.amount,
    data: o.data,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    refundedAt: o.refundedAt,
    fulfilled: o.fulfilledAt !== null,
  };
}

export function createServerKit(options: KitOptions): ServerKit {
  return new ServerKit(options);
}

/** The client's address: the socket's (a proxy in front should set up its own limits). */
function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
