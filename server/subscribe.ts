/**
 * Subscribe messages, WeChat's one-time opt-ins on Telegram.
 *
 * Telegram has one permission, "the bot may write to me" (requestWriteAccess), and no templates.
 * WeChat's rule is finer: each accepted template id allows one message. So the client reports
 * what the user accepted per template id (wx.requestSubscribeMessage does, after Telegram's
 * write-access prompt), we keep a count per (openid, template), and sendSubscribeMessage uses one
 * up, as WeChat does, before sending a bot message with a button that opens the Mini App at
 * `page`. A send that Telegram refuses gives its grant back.
 *
 * Template text: WeChat templates read like "Order {{character_string1.DATA}} shipped on
 * {{date2.DATA}}"; configure yours under `templates`. Without one, the message lists the values.
 */
import type { Api } from 'grammy';
import { encodeStartParam, startAppLink } from '../common/links.js';
import type { Store } from './storage/store.js';

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
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  data: Record<string, { value: string } | string>;
  /** Page path with query, e.g. "pages/orders/detail?id=42". */
  page?: string;
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

export class SubscribeMessages {
  constructor(
    private readonly api: Api,
    private readonly store: Store,
    private readonly options: SubscribeOptions = {},
  ) {}

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

  /** Sends one subscribe message, using up one grant. */
  async send(msg: SubscribeMessage): Promise<{ errcode: 0; errmsg: 'ok'; msgid: number }> {
    if (!this.allowed(msg.templateId)) throw new SubscribeError(40037, 'invalid template_id');
    const user = await this.store.userByOpenid(msg.openid);
    if (!user) throw new SubscribeError(40003, 'invalid openid');
    const text = this.render(msg.templateId, msg.data ?? {});
    const markup = this.button(msg.templateId, msg.page); // before the grant: a bad page is the caller's error
    if (!(await this.store.consumeGrant(msg.openid, msg.templateId))) throw new SubscribeError(43101, 'user refuse to accept the msg');
    try {
      const sent = await this.api.sendMessage(user.userId, text, { parse_mode: 'HTML', ...(markup ? { reply_markup: markup as never } : {}) });
      return { errcode: 0, errmsg: 'ok', msgid: sent.message_id };
    } catch (e) {
      await this.store.restoreGrant(msg.openid, msg.templateId);
      const message = (e as Error).message;
      if (/403|blocked|can't initiate/i.test(message)) throw new SubscribeError(43101, `user refuse to accept the msg (Telegram: ${message})`);
      throw e;
    }
  }
}
