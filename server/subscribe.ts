/**
 * Subscribe messages, WeChat's one-time opt-ins on Telegram.
 *
 * Telegram has one permission, "the bot may write to me" (requestWriteAccess), and no templates.
 * WeChat's rule is finer: each accepted template id allows one message. So the client reports
 * what the user accepted per template id (wx.requestSubscribeMessage does, after Telegram's
 * write-access prompt), we keep a count per (openid, template), and sendSubscribeMessage uses one
 * up, as WeChat does, before sending a bot message with a button that opens the Mini App at
 * `page`.
 *
 * Delivery goes through a durable outbox: the message is written in the same transaction that
 * uses up the grant, then sent. When Telegram is busy or failing (429, 5xx, no connection) it
 * stays queued and a loop sends it later (retry_after honoured, else back-off), across
 * restarts. A message Telegram refuses for good (403 blocked or never allowed, 400) is marked
 * failed and its grant given back. Delivery is at least once: a crash between Telegram's answer
 * and our record of it, or a 5xx after Telegram did send, sends it again (the Bot API has no
 * idempotency key for sendMessage). A send repeated with the same `id` is the same message:
 * queued once, one grant.
 *
 * Template text: WeChat templates read like "Order {{character_string1.DATA}} shipped on
 * {{date2.DATA}}"; configure yours under `templates`. Without one, the message lists the values.
 */
import { randomBytes } from 'node:crypto';
import { GrammyError, type Api } from 'grammy';
import { encodeStartParam, startAppLink } from '../common/links.js';
import type { OutboxMessage, Store } from './storage/store.js';

export interface SubscribeTemplate {
  /** First line, in bold. */
  title?: string;
  /** WeChat template content with {{key.DATA}} placeholders. */
  content?: string;
  /** The button's text (default "Open"). */
  button?: string;
}

export interface SubscribeOptions {
  templates?: Record<string, SubscribeTemplate>;
  /** Only these template ids may be granted and sent (default: the keys of `templates`, or any when none). */
  allowedTemplateIds?: readonly string[];
  /** Where the bundle is hosted (https): the button is a web_app button opening it at `page`. */
  appUrl?: string;
  /** Or a t.me link: the bot's username and the Mini App's short name (omit for the main Mini App). */
  link?: { bot: string; app?: string };
  /** The outbox's delivery loop. */
  outbox?: OutboxOptions;
  log?: (message: string, detail?: unknown) => void;
}

export interface OutboxOptions {
  /** How often queued messages are looked for (default 1 s; 0: only when send() queues one). */
  pollMs?: number;
  /** How long a sender's claim on a message holds before another may send it (default 60 s). */
  leaseMs?: number;
  /** Attempts before a message that keeps failing for passing reasons is given up (default 30). */
  maxAttempts?: number;
  /** Longest wait between attempts (default 5 min). */
  maxDelayMs?: number;
}

/**
 * What send() did: `sent` (Telegram has it: msgid is its message_id) or `queued` (Telegram is
 * busy or failing; the outbox delivers it later). Either way the grant is used.
 */
export interface SubscribeSent {
  errcode: 0;
  errmsg: 'ok';
  /** The outbox id: the `id` given, or a new one. */
  id: string;
  status: 'sent' | 'queued';
  msgid?: number;
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  data: Record<string, { value: string } | string>;
  /** Page path with query, e.g. "pages/orders/detail?id=42". */
  page?: string;
  /**
   * Your key for this message (1-128 of A-Z a-z 0-9 _ - : .), e.g. "shipped-" + order id: sending
   * again with the same id (after a crash, a retried job) is not a second message.
   */
  id?: string;
}

/** WeChat's errcodes for subscribeMessage.send. */
export class SubscribeError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function valueOf(v: { value: string } | string | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : String(v.value ?? '');
}

const ID = /^[\w.:-]{1,128}$/;

/** Telegram answers that will not change on a retry. */
function isPermanent(e: unknown): e is GrammyError {
  return e instanceof GrammyError && e.error_code !== 429 && e.error_code < 500;
}

export class SubscribeMessages {
  private timer: ReturnType<typeof setInterval> | null = null;
  private wake: ReturnType<typeof setTimeout> | null = null;
  private delivering: Promise<void> | null = null;
  private closed = false;
  private readonly log: (message: string, detail?: unknown) => void;
  private readonly bornAt = Date.now();

  constructor(
    private readonly api: Api,
    private readonly store: Store,
    private readonly options: SubscribeOptions = {},
  ) {
    this.log = options.log ?? ((m, d) => console.error(`[wx2tg] ${m}`, d ?? ''));
  }

  /** Starts the outbox loop (messages queued before a restart go out now). */
  async start(): Promise<void> {
    this.closed = false;
    // One process owns an SQLite file: a claim made before this one began is a dead process's.
    if (this.store.dialect === 'sqlite') await this.store.releaseMessageClaims(this.bornAt);
    const every = this.options.outbox?.pollMs ?? 1000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => this.kick(), every);
      this.timer.unref();
    }
    this.kick();
  }

  /** Stops the loop and waits for a delivery under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    this.timer = this.wake = null;
    await this.delivering;
  }

  /** Delivers what is due now (unless a round is under way). */
  kick(): void {
    if (this.closed || this.delivering) return;
    this.delivering = this.deliverDue()
      .then(() => undefined)
      .catch((e) => this.log('subscribe outbox: delivery round failed', e))
      .finally(() => {
        this.delivering = null;
      });
  }

  /** Sends every due message, a batch at a time; returns how many Telegram took. */
  async deliverDue(): Promise<number> {
    const lease = this.options.outbox?.leaseMs ?? 60_000;
    let sent = 0;
    for (;;) {
      if (this.closed) return sent;
      const batch = await this.store.claimDueMessages(20, lease);
      for (const m of batch) if ((await this.attempt(m)) === 'sent') sent++;
      if (batch.length < 20) return sent;
    }
  }

  private allowed(templateId: string): boolean {
    const list = this.options.allowedTemplateIds ?? (this.options.templates ? Object.keys(this.options.templates) : null);
    return list === null || list.includes(templateId);
  }

  /** Stores what the user accepted; returns the template ids granted. Unknown ids are refused. */
  async recordResults(openid: string, results: Record<string, SubscribeResult>): Promise<string[]> {
    const accepted = Object.entries(results)
      .filter(([id, r]) => r === 'accept' && typeof id === 'string' && id.length > 0 && id.length <= 128 && this.allowed(id))
      .map(([id]) => id);
    await this.store.addGrants(openid, accepted);
    return accepted;
  }

  /** The message text (HTML) for a template and its data. */
  render(templateId: string, data: SubscribeMessage['data']): string {
    const t = this.options.templates?.[templateId];
    const lines: string[] = [];
    if (t?.title) lines.push(`<b>${escapeHtml(t.title)}</b>`);
    if (t?.content) lines.push(escapeHtml(t.content).replace(/\{\{\s*([\w-]+)\.DATA\s*\}\}/g, (_, key: string) => escapeHtml(valueOf(data[key]))));
    else for (const [k, v] of Object.entries(data)) lines.push(`${escapeHtml(k)}: ${escapeHtml(valueOf(v))}`);
    return lines.join('\n') || escapeHtml(templateId);
  }

  /** The button that opens the Mini App at `page`, or none when neither appUrl nor link is configured. */
  button(templateId: string, page: string | undefined): Record<string, unknown> | undefined {
    const text = this.options.templates?.[templateId]?.button ?? 'Open';
    const path = page?.replace(/^\/+/, '');
    if (this.options.appUrl) {
      let url = this.options.appUrl;
      if (path) url += `${url.includes('?') ? '&' : '?'}tgWebAppStartParam=${encodeStartParam(path)}`;
      return { inline_keyboard: [[{ text, web_app: { url } }]] };
    }
    if (this.options.link) return { inline_keyboard: [[{ text, url: startAppLink({ ...this.options.link, path }) }]] };
    return undefined;
  }

  /**
   * Sends one subscribe message, using up one grant: queued in the outbox with the grant's use,
   * then tried at once. Resolves `sent` or `queued`; throws SubscribeError when it is refused (no
   * grant, unknown template or openid, or Telegram refusing the user for good, which gives the
   * grant back).
   */
  async send(msg: SubscribeMessage): Promise<SubscribeSent> {
    if (!this.allowed(msg.templateId)) throw new SubscribeError(40037, 'invalid template_id');
    if (msg.id !== undefined && (typeof msg.id !== 'string' || !ID.test(msg.id))) throw new SubscribeError(47003, 'argument invalid! id must be 1-128 of A-Z a-z 0-9 _ - : .');
    const user = await this.store.userByOpenid(msg.openid);
    if (!user) throw new SubscribeError(40003, 'invalid openid');
    const text = this.render(msg.templateId, msg.data ?? {});
    const markup = this.button(msg.templateId, msg.page); // before the grant: a bad page is the caller's error
    const id = msg.id ?? randomBytes(12).toString('base64url');
    const q = await this.store.queueMessage({ id, openid: msg.openid, userId: user.userId, templateId: msg.templateId, text, markup: markup ? JSON.stringify(markup) : null }, { claimed: true });
    if (!q) throw new SubscribeError(43101, 'user refuse to accept the msg');
    if ('existing' in q) return this.outcome(q.existing);
    const result = await this.attempt(q.queued);
    if (result === 'failed') return this.outcome((await this.store.outboxMessage(id)) ?? { ...q.queued, status: 'failed' });
    if (result === 'sent') return this.outcome((await this.store.outboxMessage(id))!);
    return { errcode: 0, errmsg: 'ok', id, status: 'queued' };
  }

  /** What send() answers for a message already in the outbox. */
  private outcome(m: OutboxMessage): SubscribeSent {
    if (m.status === 'failed') throw new SubscribeError(43101, `user refuse to accept the msg (Telegram: ${m.lastError ?? 'refused'})`);
    return m.status === 'sent' ? { errcode: 0, errmsg: 'ok', id: m.id, status: 'sent', msgid: m.messageId ?? undefined } : { errcode: 0, errmsg: 'ok', id: m.id, status: 'queued' };
  }

  /** One delivery attempt of a claimed message; records what happened. */
  private async attempt(m: OutboxMessage): Promise<'sent' | 'queued' | 'failed'> {
    let messageId: number;
    try {
      const sent = await this.api.sendMessage(m.userId, m.text, { parse_mode: 'HTML', ...(m.markup ? { reply_markup: JSON.parse(m.markup) as never } : {}) });
      messageId = sent.message_id;
    } catch (e) {
      const reason = e instanceof GrammyError ? `${e.error_code}: ${e.description}` : String((e as Error)?.message ?? e);
      const max = this.options.outbox?.maxAttempts ?? 30;
      if (isPermanent(e) || m.attempts + 1 >= max) {
        this.log(`subscribe message ${m.id} cannot be delivered (${reason}); its grant is given back`);
        await this.store.messageFailed(m.id, reason);
        return 'failed';
      }
      const retryAfter = e instanceof GrammyError ? Number(e.parameters.retry_after ?? 0) * 1000 : 0;
      const backoff = Math.min(this.options.outbox?.maxDelayMs ?? 300_000, 500 * 2 ** Math.min(m.attempts, 20));
      const delay = Math.round(Math.max(retryAfter, backoff * (0.75 + Math.random() * 0.5)));
      // Not recorded (the database failing): the message stays claimed and is tried again when the claim lapses.
      await this.store.messageRetry(m.id, reason, Date.now() + delay).catch((err) => this.log(`subscribe message ${m.id}: recording a failed attempt failed`, err));
      this.wakeIn(delay);
      return 'queued';
    }
    // Not recorded: Telegram has it, but it will be sent again when the claim lapses (at least once).
    await this.store.messageSent(m.id, messageId).catch((err) => this.log(`subscribe message ${m.id} was sent but recording it failed`, err));
    return 'sent';
  }

  /** Delivers again after `ms` even when polling is off or slower. */
  private wakeIn(ms: number): void {
    if (this.closed || (this.wake && this.wakeAt <= Date.now() + ms)) return;
    if (this.wake) clearTimeout(this.wake);
    this.wakeAt = Date.now() + ms;
    this.wake = setTimeout(() => {
      this.wake = null;
      this.kick();
    }, ms + 5);
    this.wake.unref();
  }
  private wakeAt = 0;
}
