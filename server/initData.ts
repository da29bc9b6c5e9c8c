/**
 * Telegram Mini App init data: signing (for the dev simulator and tests) and validation, as
 * Telegram documents it.
 *  - With the bot token: data-check-string = every field except `hash`, sorted, as `key=value`
 *    lines; secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, dcs).
 *  - Without it (third parties): `signature` is Telegram's Ed25519 signature, base64url, over
 *    "<bot_id>:WebAppData\n" + the sorted lines without `hash` and `signature`, checked with
 *    Telegram's published public key (one for production, one for the test environment).
 * Both compare in constant time and check auth_date: Telegram sets no expiry, the verifier must.
 */
import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** Telegram's Ed25519 public keys for init data `signature` (hex, raw 32 bytes). */
export const TELEGRAM_PUBLIC_KEYS = {
  production: 'e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d',
  test: '40055058a4ee38156a06562e52eece92a771bcd8346a8c4615cb7376eddf72ec',
} as const;

/** How far in the future auth_date may be (clock skew between Telegram and this server). */
const FUTURE_SKEW_SECONDS = 300;

export function dataCheckString(params: URLSearchParams, exclude: readonly string[] = ['hash']): string {
  const pairs: string[] = [];
  for (const [k, v] of params) if (!exclude.includes(k)) pairs.push(`${k}=${v}`);
  return pairs.sort().join('\n');
}

function secretKey(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

/** Signs init data fields with a bot token; returns the query string Telegram would send. */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.delete('hash');
  const hash = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest('hex');
  params.set('hash', hash);
  return params.toString();
}

export type InitDataFailure = 'missing hash' | 'bad hash' | 'missing signature' | 'bad signature' | 'missing auth_date' | 'expired' | 'from the future' | 'duplicate field';
export type InitDataCheck = { ok: true; params: URLSearchParams; authDate: number } | { ok: false; reason: InitDataFailure };

function duplicates(params: URLSearchParams): boolean {
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

function checkAge(params: URLSearchParams, maxAgeSeconds: number, now: number): InitDataCheck {
  const authDate = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: 'missing auth_date' };
  const age = now / 1000 - authDate;
  if (age < -FUTURE_SKEW_SECONDS) return { ok: false, reason: 'from the future' };
  if (maxAgeSeconds > 0 && age > maxAgeSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, params, authDate };
}

/**
 * Validates raw init data against a bot token, comparing in constant time and rejecting data
 * older than `maxAgeSeconds` (0 disables the age check).
 */
export function checkInitData(raw: string, botToken: string, maxAgeSeconds = 86400, now = Date.now()): InitDataCheck {
  const params = new URLSearchParams(raw);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: 'missing hash' };
  if (duplicates(params)) return { ok: false, reason: 'duplicate field' };
  const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
  const given = Buffer.from(hash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad hash' };
  return checkAge(params, maxAgeSeconds, now);
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyCache = new Map<string, KeyObject>();

function publicKey(hex: string): KeyObject {
  let key = keyCache.get(hex);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
    keyCache.set(hex, key);
  }
  return key;
}

export interface ThirdPartyOptions {
  /** Which of Telegram's keys signed it: 'production' (default) or 'test' (the test environment). */
  environment?: keyof typeof TELEGRAM_PUBLIC_KEYS;
  maxAgeSeconds?: number;
  now?: number;
}

/**
 * Validates init data without the bot token, from Telegram's Ed25519 `signature` (for a
 * third party the bot owner shares init data with). `botId` is the number before the colon of
 * the bot's token.
 */
export function checkInitDataSignature(raw: string, botId: number | string, options: ThirdPartyOptions = {}): InitDataCheck {
  const params = new URLSearchParams(raw);
  const signature = params.get('signature');
  if (!signature || !/^[A-Za-z0-9_-]+={0,2}$/.test(signature)) return { ok: false, reason: 'missing signature' };
  if (duplicates(params)) return { ok: false, reason: 'duplicate field' };
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return { ok: false, reason: 'bad signature' };
  const message = `${botId}:WebAppData\n${dataCheckString(params, ['hash', 'signature'])}`;
  const key = publicKey(TELEGRAM_PUBLIC_KEYS[options.environment ?? 'production']);
  // Ed25519 verification has no secret to leak; node's verify is constant-time in the signature anyway.
  if (!verify(null, Buffer.from(message), key, sig)) return { ok: false, reason: 'bad signature' };
  return checkAge(params, options.maxAgeSeconds ?? 86400, options.now ?? Date.now());
}

/** The Telegram user as init data carries it. */
export interface InitDataUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: boolean;
  allows_write_to_pm?: boolean;
  photo_url?: string;
}

export interface ParsedInitData {
  user?: InitDataUser;
  receiver?: InitDataUser;
  chat?: Record<string, unknown>;
  chat_type?: string;
  chat_instance?: string;
  start_param?: string;
  query_id?: string;
  can_send_after?: number;
  auth_date: number;
  hash: string;
  signature?: string;
}

/** The fields of (already validated) init data, with the JSON ones parsed. */
export function parseInitData(params: URLSearchParams): ParsedInitData {
  const json = (k: string): any => {
    const v = params.get(k);
    if (v === null) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  };
  const str = (k: string): string | undefined => params.get(k) ?? undefined;
  const out: ParsedInitData = { auth_date: Number(params.get('auth_date')), hash: params.get('hash') ?? '' };
  const user = json('user');
  if (user && typeof user.id === 'number') out.user = user as InitDataUser;
  const receiver = json('receiver');
  if (receiver && typeof receiver.id === 'number') out.receiver = receiver as InitDataUser;
  const chat = json('chat');
  if (chat && typeof chat === 'object') out.chat = chat as Record<string, unknown>;
  for (const k of ['chat_type', 'chat_instance', 'start_param', 'query_id', 'signature'] as const) {
    const v = str(k);
    if (v !== undefined) out[k] = v;
  }
  if (params.has('can_send_after')) out.can_send_after = Number(params.get('can_send_after'));
  return out;
}

/** The init data a wx.login() code carries ("tma." + base64url(initData)), or null. */
export function initDataFromCode(code: string): string | null {
  if (typeof code !== 'string' || !code.startsWith('tma.') || !/^[A-Za-z0-9_-]+$/.test(code.slice(4))) return null;
  const raw = Buffer.from(code.slice(4), 'base64url').toString('utf8');
  return raw.length > 0 ? raw : null;
}

/** The bot's numeric id: the part of its token before the colon. */
export function botIdOf(botToken: string): number {
  const id = Number(botToken.split(':')[0]);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('a bot token looks like "<bot id>:<secret>"');
  return id;
}
