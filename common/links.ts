/**
 * Telegram links to pages of a ported program. A `startapp` parameter carries "path?query" as
 * base64url (Telegram allows only A-Z a-z 0-9 _ - and at most 512 characters, so about 384 bytes
 * of path and query fit); the runtime decodes it at launch into getLaunchOptionsSync().
 * Shared by the runtime (sharing) and the server kit (message buttons).
 */
export const START_PARAM_MAX = 512;

// common/ has neither DOM nor Node types; these globals exist in browsers and Node alike.
declare function btoa(s: string): string;
declare function atob(s: string): string;
declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };
declare const TextDecoder: { new (label: string, o: { fatal: boolean }): { decode(b: Uint8Array): string } };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Encodes a page path with query for a startapp link; throws when it does not fit. */
export function encodeStartParam(pathWithQuery: string): string {
  const value = toBase64Url(new TextEncoder().encode(pathWithQuery.replace(/^\/+/, '')));
  if (value.length > START_PARAM_MAX) throw new Error(`startapp parameter would be ${value.length} characters; Telegram allows ${START_PARAM_MAX}`);
  return value;
}

/** Decodes a startapp value; null when it is not one of ours (any other start parameter). */
export function decodeStartParam(value: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(value)) return null;
  try {
    const b64 = value.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c: string) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /^[\w\-./]+(\?.*)?$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

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
