/**
 * Telegram links to pages of a ported program: `t.me/<bot>[/<app>]?startapp=<page>` (the
 * parameter: startParam.ts) and the share dialog. Shared by the runtime (sharing) and the server
 * kit (message buttons).
 */
import { encodeStartParam } from './startParam.js';

export { START_PARAM_MAX, encodeStartParam, decodeStartParam } from './startParam.js';

export interface StartAppLinkOptions {
  /** The bot's username, without @. */
  bot: string;
  /** The Mini App's short name (a direct link `t.me/<bot>/<app>`); omitted: the bot's main Mini App. */
  app?: string;
  /** Page path with query, e.g. `pages/item/item?id=42`. Omitted: the entry page. */
  path?: string;
  /** Telegram opens the app in this mode. */
  mode?: 'compact' | 'fullscreen';
}

/** `https://t.me/<bot>[/<app>]?startapp=<page>`: opens the Mini App at that page. */
export function startAppLink(o: StartAppLinkOptions): string {
  const bot = o.bot.replace(/^@/, '');
  if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(bot)) throw new Error(`"${o.bot}" is not a Telegram bot username`);
  if (o.app !== undefined && !/^[A-Za-z0-9_]{3,30}$/.test(o.app)) throw new Error(`"${o.app}" is not a Mini App short name`);
  // base64url needs no escaping in a URL.
  const query = `startapp=${o.path ? encodeStartParam(o.path) : ''}${o.mode ? `&mode=${o.mode}` : ''}`;
  return `https://t.me/${bot}${o.app ? '/' + o.app : ''}?${query}`;
}

/** The t.me share dialog for a link (Telegram's share/url; `+` written as %20 as Telegram expects). */
export function shareUrlPath(url: string, text?: string): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/\+/g, '%20');
  return `/share/url?url=${enc(url)}${text ? `&text=${enc(text)}` : ''}`;
}
