/**
 * Telegram Mini App init data: signing (for the dev simulator and tests) and validation, as
 * Telegram documents it: data-check-string = the fields except `hash`, sorted, as `key=value`
 * lines; secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, dcs).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function dataCheckString(params: URLSearchParams): string {
  const pairs: string[] = [];
  for (const [k, v] of params) if (k !== 'hash') pairs.push(`${k}=${v}`);
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

export type InitDataCheck = { ok: true; params: URLSearchParams; authDate: number } | { ok: false; reason: 'missing hash' | 'bad hash' | 'missing auth_date' | 'expired' };

/**
 * Validates raw init data against a bot token, comparing in constant time and rejecting data
 * older than `maxAgeSeconds` (0 disables the age check).
 */
export function checkInitData(raw: string, botToken: string, maxAgeSeconds = 86400, now = Date.now()): InitDataCheck {
  const params = new URLSearchParams(raw);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: 'missing hash' };
  const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
  const given = Buffer.from(hash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad hash' };
  const authDate = Number(params.get('auth_date'));
  if (!Number.isFinite(authDate) || authDate <= 0) return { ok: false, reason: 'missing auth_date' };
  if (maxAgeSeconds > 0 && now / 1000 - authDate > maxAgeSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, params, authDate };
}

/** The init data a wx.login() code carries ("tma." + base64url(initData)), or null. */
export function initDataFromCode(code: string): string | null {
  if (typeof code !== 'string' || !code.startsWith('tma.')) return null;
  try {
    return Buffer.from(code.slice(4), 'base64url').toString('utf8');
  } catch {
    return null;
  }
}
