/**
 * Telegram Mini App init data: signing (for the dev simulator and tests) and validation, as
 * Telegram documents it: data-check-string = the fields except `hash`, sorted, as `key=value`
 * lines; secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(secret, dcs).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
export function dataCheckString(params) {
    const pairs = [];
    for (const [k, v] of params)
        if (k !== 'hash')
            pairs.push(`${k}=${v}`);
    return pairs.sort().join('\n');
}
function secretKey(botToken) {
    return createHmac('sha256', 'WebAppData').update(botToken).digest();
}
/** Signs init data fields with a bot token; returns the query string Telegram would send. */
export function signInitData(fields, botToken) {
    const params = new URLSearchParams(fields);
    params.delete('hash');
    const hash = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest('hex');
    params.set('hash', hash);
    return params.toString();
}
/**
 * Validates raw init data against a bot token, comparing in constant time and rejecting data
 * older than `maxAgeSeconds` (0 disables the age check).
 */
export function checkInitData(raw, botToken, maxAgeSeconds = 86400, now = Date.now()) {
    const params = new URLSearchParams(raw);
    const hash = params.get('hash');
    if (!hash || !/^[0-9a-f]{64}$/i.test(hash))
        return { ok: false, reason: 'missing hash' };
    const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
    const given = Buffer.from(hash, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'bad hash' };
    const authDate = Number(params.get('auth_date'));
    if (!Number.isFinite(authDate) || authDate <= 0)
        return { ok: false, reason: 'missing auth_date' };
    if (maxAgeSeconds > 0 && now / 1000 - authDate > maxAgeSeconds)
        return { ok: false, reason: 'expired' };
    return { ok: true, params, authDate };
}
//# sourceMappingURL=initData.js.map