/**
 * A stand-in for Telegram's Bot API on 127.0.0.1, for tests and `wx2tg dev`: it answers the
 * methods the server kit uses with the documented request and response formats
 * (`POST /bot<token>/<method>`, JSON or form body, `{ok, result}` / `{ok:false, error_code,
 * description}`), and plays the Telegram side of a payment: it POSTs documented Update objects
 * (pre_checkout_query, message.successful_payment, message.refunded_payment,
 * message.write_access_allowed) to the webhook with the X-Telegram-Bot-Api-Secret-Token header.
 *
 * Faults, for reliability tests: `failNext(method, n, fault)` makes the next n calls answer
 * 429 with `parameters.retry_after`, a 5xx, or drop the connection, before or after the method
 * ran (documented error format: `{ok:false, error_code, description, parameters}`);
 * `failWebhook(n)` makes the next n webhook deliveries fail, before reaching the server or with
 * the server's answer lost. With `redeliver`, an update the webhook did not take (non-2xx, no
 * connection, lost answer) is delivered again with back-off until it is, as Telegram does.
 *
 * Deviations, on purpose: the webhook may be plain http on loopback (Telegram wants https on
 * 443/80/88/8443); updates are delivered when a test (or the dev panel) says so, and retried on
 * a timer only with `redeliver` (Telegram's own intervals are longer); `deliver` reports the
 * webhook's status of that attempt.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  id: number;
  is_bot: false;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface StandInInvoice {
  slug: string;
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: { label: string; amount: number }[];
  total: number;
  providerToken: string;
  subscriptionPeriod: number | null;
}

export interface StandInCall {
  method: string;
  params: Record<string, unknown>;
  /** The fault injected into this call ("429", "500 after", "drop"…), if any. */
  fault?: string;
  /** When it arrived (ms since the epoch). */
  at?: number;
}

/** How an injected fault answers a Bot API call. */
export interface StandInFault {
  /** Status and error_code to answer: 429, 500, 502, 503… (ignored with `drop`). */
  code?: number;
  /** With 429: parameters.retry_after, in seconds (default 1). */
  retryAfter?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Run the method first (its effects happen), then fail: the caller cannot tell it ran. */
  after?: boolean;
  /** Answer this much later; alone (no code, no drop), a slow but successful call. */
  delayMs?: number;
}

export interface WebhookFault {
  /** The update reaches the server, but its answer is lost (a timeout on Telegram's side). */
  after?: boolean;
  /** Only updates this says yes to count (e.g. `(u) => 'pre_checkout_query' in u`). */
  match?: (update: Record<string, unknown>) => boolean;
}

const ERROR_TEXT: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

const failing = (f: StandInFault): boolean => Boolean(f.drop || f.code);

function faultName(f: StandInFault): string {
  if (!failing(f)) return `slow ${f.delayMs ?? 0} ms`;
  return `${f.drop ? 'drop' : String(f.code)}${f.after ? ' after' : ''}`;
}

export interface PayResult {
  status: 'paid' | 'rejected' | 'no answer';
  chargeId?: string;
  errorMessage?: string;
  /** HTTP status of the webhook for each update sent. */
  deliveries: number[];
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const TITLE_MAX = 32;
const DESCRIPTION_MAX = 255;
const PAYLOAD_MAX_BYTES = 128;
const SUBSCRIPTION_PERIOD = 2592000;
const PRE_CHECKOUT_TIMEOUT_MS = 10_000;

export interface StandInOptions {
  token: string;
  username?: string;
  firstName?: string;
  /** Let the bot message every user (as if all had allowed it); for `wx2tg dev`. */
  allowAllWrites?: boolean;
  /** Deliver again, with back-off, every update the webhook did not take (as Telegram does). */
  redeliver?: boolean | { minDelayMs?: number; maxDelayMs?: number };
  /** How long a webhook delivery waits for the answer (default 20 s). */
  webhookTimeoutMs?: number;
}

export class TelegramStandIn {
  readonly calls: StandInCall[] = [];
  readonly invoices = new Map<string, StandInInvoice>();
  /** Messages the bot sent, as Telegram returned them. */
  readonly sent: Record<string, unknown>[] = [];
  readonly menuButtons = new Map<string, unknown>();
  webhook: { url: string; secretToken?: string } | null = null;
  /** Users who allowed the bot to write to them (sendMessage fails with 403 for others). */
  readonly writeAllowed = new Set<number>();
  private readonly charges = new Map<string, { userId: number; invoice: StandInInvoice; refunded: boolean }>();
  private readonly preCheckoutAnswers = new Map<string, (a: { ok: boolean; error_message?: string }) => void>();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private server: http.Server | null = null;
  url = '';
  private readonly faults: { method: string; left: number; fault: StandInFault }[] = [];
  private webhookFaults: { left: number; fault: WebhookFault }[] = [];
  private readonly redeliveries = new Map<number, ReturnType<typeof setTimeout>>();
  private lastWebhookError: { date: number; message: string } | null = null;
  /** Webhook figures: attempts, failed attempts (any cause), redeliveries made, injected failures. */
  readonly webhookStats = { attempts: 0, failed: 0, redelivered: 0, injected: 0 };

  constructor(private readonly options: StandInOptions) {}

  get botId(): number {
    return Number(this.options.token.split(':')[0]);
  }

  /** The apiRoot a client points at (grammY's `client.apiRoot`). */
  get apiRoot(): string {
    return this.url;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /**
   * Makes the next `count` calls of `method` ("*": any method) fail as `fault` says. Faults
   * queue: each call takes the first one that matches it.
   */
  failNext(method: string, count: number, fault: StandInFault): void {
    if (count > 0) this.faults.push({ method, left: count, fault });
  }

  /** Makes the next `count` webhook deliveries fail (not reaching the server, or with `after`, losing its answer). */
  failWebhook(count: number, fault: WebhookFault = {}): void {
    if (count > 0) this.webhookFaults.push({ left: count, fault });
  }

  /** Drops every fault not fired yet (Bot API and webhook). */
  clearFaults(): void {
    this.faults.length = 0;
    this.webhookFaults = [];
  }

  /** Updates waiting to be delivered again. */
  get pendingUpdateCount(): number {
    return this.redeliveries.size;
  }

  private takeFault(method: string): StandInFault | null {
    const i = this.faults.findIndex((f) => f.method === '*' || f.method === method);
    if (i < 0) return null;
    const f = this.faults[i]!;
    if (--f.left <= 0) this.faults.splice(i, 1);
    return f.fault;
  }

  async stop(): Promise<void> {
    for (const t of this.redeliveries.values()) clearTimeout(t);
    this.redeliveries.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.options.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let params: Record<string, unknown>;
    try {
      params = await readParams(req);
    } catch {
      return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid request body' });
    }
    const method = m[2]!;
    const fault = this.takeFault(method);
    this.calls.push({ method, params, at: Date.now(), ...(fault ? { fault: faultName(fault) } : {}) });
    const fail = (f: StandInFault): void => {
      if (f.drop) {
        req.socket.destroy();
        return;
      }
      const code = f.code!;
      if (code === 429) {
        const after = f.retryAfter ?? 1;
        reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${after}`, parameters: { retry_after: after } });
      } else reply(code, { ok: false, error_code: code, description: ERROR_TEXT[code] ?? `Error ${code}` });
    };
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && failing(fault) && !fault.after) return fail(fault);
    let answer: { status: number; body: unknown };
    try {
      answer = { status: 200, body: { ok: true, result: await this.call(method, params) } };
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, `Internal Server Error: ${(e as Error).message}`);
      answer = { status: err.code, body: { ok: false, error_code: err.code, description: err.message } };
    }
    if (fault && failing(fault)) return fail(fault);
    reply(answer.status, answer.body);
  }

  private async call(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return {
          id: this.botId,
          is_bot: true,
          first_name: this.options.firstName ?? 'wx2tg test bot',
          username: this.options.username ?? 'wx2tg_test_bot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
        };
      case 'setWebhook': {
        const url = str(p.url, 'url');
        if (url !== '' && !/^https:\/\//.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
        if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new ApiError(400, 'Bad Request: secret token contains unallowed characters');
        this.webhook = url ? { url, ...(secret ? { secretToken: secret } : {}) } : null;
        return true;
      }
      case 'deleteWebhook':
        this.webhook = null;
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.redeliveries.size,
          ...(this.lastWebhookError ? { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message } : {}),
        };
      case 'createInvoiceLink':
        return this.createInvoiceLink(p);
      case 'answerPreCheckoutQuery': {
        const id = str(p.pre_checkout_query_id, 'pre_checkout_query_id');
        const ok = p.ok === true || p.ok === 'true';
        if (!ok && !p.error_message) throw new ApiError(400, 'Bad Request: error_message must be non-empty');
        const waiting = this.preCheckoutAnswers.get(id);
        if (!waiting) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.preCheckoutAnswers.delete(id);
        waiting({ ok, ...(ok ? {} : { error_message: String(p.error_message) }) });
        return true;
      }
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        const text = str(p.text, 'text');
        if (!text) throw new ApiError(400, 'Bad Request: message text is empty');
        if (text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
        if (!this.options.allowAllWrites && !this.writeAllowed.has(chatId)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
        const message: Record<string, unknown> = {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          from: { id: this.botId, is_bot: true, first_name: this.options.firstName ?? 'wx2tg test bot', username: this.options.username ?? 'wx2tg_test_bot' },
          text,
        };
        if (p.reply_markup !== undefined) message.reply_markup = typeof p.reply_markup === 'string' ? JSON.parse(p.reply_markup) : p.reply_markup;
        this.sent.push(message);
        return message;
      }
      case 'refundStarPayment': {
        const userId = Number(p.user_id);
        const chargeId = str(p.telegram_payment_charge_id, 'telegram_payment_charge_id');
        const charge = this.charges.get(chargeId);
        if (!charge || charge.userId !== userId) throw new ApiError(400, 'Bad Request: CHARGE_NOT_FOUND');
        if (charge.refunded) throw new ApiError(400, 'Bad Request: CHARGE_ALREADY_REFUNDED');
        charge.refunded = true;
        // Telegram then reports the refund in the chat as a refunded_payment service message.
        setTimeout(() => void this.sendRefundedPayment(chargeId), 0);
        return true;
      }
      case 'setChatMenuButton': {
        const button = typeof p.menu_button === 'string' ? JSON.parse(p.menu_button) : p.menu_button;
        if (button && (button as { type?: string }).type === 'web_app') {
          const url = String((button as { web_app?: { url?: string } }).web_app?.url ?? '');
          if (!/^https:\/\//.test(url)) throw new ApiError(400, 'Bad Request: BUTTON_URL_INVALID');
          if (!String((button as { text?: string }).text ?? '')) throw new ApiError(400, 'Bad Request: BUTTON_TEXT_INVALID');
        }
        this.menuButtons.set(p.chat_id === undefined ? 'default' : String(p.chat_id), button ?? { type: 'default' });
        return true;
      }
      case 'getChatMenuButton':
        return this.menuButtons.get(p.chat_id === undefined ? 'default' : String(p.chat_id)) ?? { type: 'default' };
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private createInvoiceLink(p: Record<string, unknown>): string {
    const title = str(p.title, 'title');
    const description = str(p.description, 'description');
    const payload = str(p.payload, 'payload');
    const currency = str(p.currency, 'currency');
    const providerToken = p.provider_token === undefined ? '' : String(p.provider_token);
    const prices = (typeof p.prices === 'string' ? JSON.parse(p.prices) : p.prices) as { label: string; amount: number }[];
    if (title.length < 1 || title.length > TITLE_MAX) throw new ApiError(400, 'Bad Request: INVOICE_TITLE_INVALID');
    if (description.length < 1 || description.length > DESCRIPTION_MAX) throw new ApiError(400, 'Bad Request: INVOICE_DESCRIPTION_INVALID');
    const payloadBytes = Buffer.byteLength(payload);
    if (payloadBytes < 1 || payloadBytes > PAYLOAD_MAX_BYTES) throw new ApiError(400, 'Bad Request: INVOICE_PAYLOAD_INVALID');
    if (!Array.isArray(prices) || prices.length === 0 || prices.some((x) => !x || typeof x.label !== 'string' || !Number.isInteger(x.amount))) throw new ApiError(400, 'Bad Request: can\'t parse prices JSON object');
    if (currency === 'XTR') {
      if (prices.length !== 1) throw new ApiError(400, 'Bad Request: STARS_INVOICE_INVALID');
      if (providerToken !== '') throw new ApiError(400, 'Bad Request: PROVIDER_TOKEN_INVALID');
    } else if (!providerToken) throw new ApiError(400, 'Bad Request: PAYMENT_PROVIDER_INVALID');
    const period = p.subscription_period === undefined ? null : Number(p.subscription_period);
    if (period !== null && (period !== SUBSCRIPTION_PERIOD || currency !== 'XTR')) throw new ApiError(400, 'Bad Request: SUBSCRIPTION_PERIOD_INVALID');
    const total = prices.reduce((s, x) => s + x.amount, 0);
    if (total <= 0) throw new ApiError(400, 'Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID');
    const slug = randomBytes(12).toString('base64url');
    this.invoices.set(slug, { slug, title, description, payload, currency, prices, total, providerToken, subscriptionPeriod: period });
    return `https://t.me/$${slug}`;
  }

  /**
   * POSTs one update to the webhook as Telegram does; returns the HTTP status of this attempt
   * (0: unreachable, or the answer was lost). With `redeliver`, an update not taken (non-2xx) is
   * delivered again later until it is.
   */
  async deliver(update: Record<string, unknown>): Promise<number> {
    if (!this.webhook) throw new Error('no webhook set (setWebhook was not called)');
    const status = await this.post(update);
    if (this.options.redeliver && !ok(status)) this.redeliverLater(update, 1);
    return status;
  }

  private async post(update: Record<string, unknown>): Promise<number> {
    const hook = this.webhook;
    if (!hook) return 0;
    this.webhookStats.attempts++;
    const i = this.webhookFaults.findIndex((f) => !f.fault.match || f.fault.match(update));
    const fault = i < 0 ? undefined : this.webhookFaults[i];
    if (fault && --fault.left <= 0) this.webhookFaults.splice(i, 1);
    if (fault) this.webhookStats.injected++;
    let status = 0;
    if (!fault || fault.fault.after) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (hook.secretToken) headers['x-telegram-bot-api-secret-token'] = hook.secretToken;
      try {
        const res = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update), signal: AbortSignal.timeout(this.options.webhookTimeoutMs ?? 20_000) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      if (fault) status = 0; // the server took it, but Telegram never saw the answer
    }
    if (!ok(status)) {
      this.webhookStats.failed++;
      this.lastWebhookError = { date: Math.floor(Date.now() / 1000), message: status ? `Wrong response from the webhook: ${status}` : 'Connection failed' };
    }
    return status;
  }

  private redeliverLater(update: Record<string, unknown>, attempt: number): void {
    const conf = typeof this.options.redeliver === 'object' ? this.options.redeliver : {};
    const delay = Math.min(conf.maxDelayMs ?? 4000, (conf.minDelayMs ?? 200) * 2 ** (attempt - 1));
    const id = Number(update.update_id);
    const timer = setTimeout(() => {
      void this.post(update).then((status) => {
        if (this.redeliveries.get(id) !== timer) return; // stopped meanwhile
        this.webhookStats.redelivered++;
        if (ok(status)) this.redeliveries.delete(id);
        else this.redeliverLater(update, attempt + 1);
      });
    }, delay);
    this.redeliveries.set(id, timer);
  }

  /** A new update with the next update_id. */
  update(body: Record<string, unknown>): Record<string, unknown> {
    return { update_id: this.nextUpdateId++, ...body };
  }

  private userMessage(user: StandInUser, body: Record<string, unknown>): Record<string, unknown> {
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) },
      from: user,
      ...body,
    };
  }

  /**
   * The user pays an invoice as Telegram runs it: pre_checkout_query to the bot, which must
   * answer within 10 s; if it says ok, the charge happens and successful_payment follows.
   */
  async payInvoice(slug: string, user: StandInUser, options: { answerTimeoutMs?: number } = {}): Promise<PayResult> {
    const invoice = this.invoices.get(slug);
    if (!invoice) throw new Error(`no invoice ${slug}`);
    const queryId = randomBytes(8).toString('hex');
    const answer = new Promise<{ ok: boolean; error_message?: string } | null>((resolve) => {
      const timer = setTimeout(() => {
        this.preCheckoutAnswers.delete(queryId);
        resolve(null);
      }, options.answerTimeoutMs ?? PRE_CHECKOUT_TIMEOUT_MS);
      this.preCheckoutAnswers.set(queryId, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
    const deliveries = [
      await this.deliver(
        this.update({
          pre_checkout_query: { id: queryId, from: user, currency: invoice.currency, total_amount: invoice.total, invoice_payload: invoice.payload },
        }),
      ),
    ];
    const a = await answer;
    if (!a) return { status: 'no answer', deliveries };
    if (!a.ok) return { status: 'rejected', errorMessage: a.error_message, deliveries };
    const chargeId = `stxn_${randomBytes(10).toString('hex')}`;
    this.charges.set(chargeId, { userId: user.id, invoice, refunded: false });
    const payment = this.successfulPaymentUpdate(chargeId);
    deliveries.push(await this.deliver(payment));
    return { status: 'paid', chargeId, deliveries };
  }

  /** The successful_payment update of a charge (a new update_id each call: a redelivery reuses the one you keep). */
  successfulPaymentUpdate(chargeId: string): Record<string, unknown> {
    const charge = this.charges.get(chargeId);
    if (!charge) throw new Error(`no charge ${chargeId}`);
    const { invoice } = charge;
    const successful_payment: Record<string, unknown> = {
      currency: invoice.currency,
      total_amount: invoice.total,
      invoice_payload: invoice.payload,
      telegram_payment_charge_id: chargeId,
      provider_payment_charge_id: invoice.currency === 'XTR' ? '' : `prov_${chargeId}`,
    };
    if (invoice.subscriptionPeriod) {
      successful_payment.subscription_expiration_date = Math.floor(Date.now() / 1000) + invoice.subscriptionPeriod;
      successful_payment.is_recurring = true;
      successful_payment.is_first_recurring = true;
    }
    return this.update({ message: this.userMessage(this.userOf(charge.userId), { successful_payment }) });
  }

  refundedPaymentUpdate(chargeId: string): Record<string, unknown> {
    const charge = this.charges.get(chargeId);
    if (!charge) throw new Error(`no charge ${chargeId}`);
    return this.update({
      message: this.userMessage(this.userOf(charge.userId), {
        refunded_payment: { currency: 'XTR', total_amount: charge.invoice.total, invoice_payload: charge.invoice.payload, telegram_payment_charge_id: chargeId },
      }),
    });
  }

  private async sendRefundedPayment(chargeId: string): Promise<void> {
    if (this.webhook) await this.deliver(this.refundedPaymentUpdate(chargeId));
  }

  /** The user allows the bot to write (requestWriteAccess); Telegram tells the bot in a service message. */
  async allowWriteAccess(user: StandInUser): Promise<number> {
    this.writeAllowed.add(user.id);
    this.users.set(user.id, user);
    if (!this.webhook) return 0;
    return this.deliver(this.update({ message: this.userMessage(user, { write_access_allowed: { from_request: true } }) }));
  }

  private readonly users = new Map<number, StandInUser>();
  /** Registers the user's profile (names) for the updates sent on their behalf. */
  rememberUser(user: StandInUser): void {
    this.users.set(user.id, user);
  }
  private userOf(id: number): StandInUser {
    return this.users.get(id) ?? { id, is_bot: false, first_name: 'User' };
  }

  /** Records the payer before paying, so later updates carry their profile. */
  async pay(slug: string, user: StandInUser, options: { answerTimeoutMs?: number } = {}): Promise<PayResult> {
    this.rememberUser(user);
    return this.payInvoice(slug, user, options);
  }

  /** Every charge made (one per successful payment), in order. */
  listCharges(): { chargeId: string; userId: number; payload: string; currency: string; total: number; refunded: boolean }[] {
    return [...this.charges].map(([chargeId, c]) => ({ chargeId, userId: c.userId, payload: c.invoice.payload, currency: c.invoice.currency, total: c.invoice.total, refunded: c.refunded }));
  }

  isRefunded(chargeId: string): boolean {
    return this.charges.get(chargeId)?.refunded ?? false;
  }
}

const ok = (status: number): boolean => status >= 200 && status < 300;

function str(v: unknown, name: string): string {
  if (v === undefined || v === null) throw new ApiError(400, `Bad Request: parameter "${name}" is required`);
  return String(v);
}

async function readParams(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const url = new URL(req.url ?? '/', 'http://x');
  const out: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return out;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return { ...out, ...(JSON.parse(body) as Record<string, unknown>) };
  if (type.includes('application/x-www-form-urlencoded')) return { ...out, ...Object.fromEntries(new URLSearchParams(body)) };
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
    const b = boundary?.[1] ?? boundary?.[2];
    if (!b) throw new Error('no boundary');
    for (const part of body.split(`--${b}`)) {
      const m = /name="([^"]+)"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
      if (m) out[m[1]!] = m[2];
    }
    return out;
  }
  throw new Error(`unsupported content-type ${type}`);
}
