/**
 * Login: Telegram's published init data vectors (bot-token HMAC and Ed25519 third-party
 * signature), code2Session on forged, expired, future, replayed and wrong-bot codes, openid
 * stability, and the `Authorization: tma` middleware on a real HTTP server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInitData, checkInitDataSignature, signInitData } from '../../server/initData.js';
import { code2Session, Code2SessionError, openidFor, tmaAuth, verifyAuthorization, type AuthedRequest } from '../../server/login.js';
import { SqliteDb } from '../../server/storage/sqlite.js';
import { Store } from '../../server/storage/store.js';

// Published by Telegram's Mini Apps documentation (bot 7342037359), used by every init-data library's tests.
const VECTOR =
  'user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%20%2B%20-%20%3F%20%5C%2F%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%2C%22allows_write_to_pm%22%3Atrue%2C%22photo_url%22%3A%22https%3A%5C%2F%5C%2Ft.me%5C%2Fi%5C%2Fuserpic%5C%2F320%5C%2F4FPEE4tmP3ATHa57u6MqTDih13LTOiMoKoLDRG4PnSA.svg%22%7D&chat_instance=8134722200314281151&chat_type=private&auth_date=1733584787&signature=zL-ucjNyREiHDE8aihFwpfR9aggP2xiAo3NSpfe-p7IbCisNlDKlo7Kb6G4D0Ao2mBrSgEk4maLSdv6MLIlADQ&hash=2174df5b000556d044f3f020384e879c8efcab55ddea2ced4eb752e93e7080d6';
const VECTOR_TOKEN = '7342037359:AAFZehRPBRs8Seg40oDjTMIW8uTGPuW1zfQ';
const VECTOR_AUTH = 1733584787;

const TOKEN = '123456789:AAtest-token-for-login-tests';
const OTHER = '987654321:AAanother-bot';
const NOW = 1_800_000_000_000;

function initData(over: Record<string, string> = {}, token = TOKEN): string {
  return signInitData(
    {
      user: JSON.stringify({ id: 4242, first_name: 'Ada', username: 'ada', language_code: 'en' }),
      chat_instance: '77',
      chat_type: 'sender',
      auth_date: String(NOW / 1000 - 60),
      signature: 'x',
      ...over,
    },
    token,
  );
}
const codeOf = (raw: string): string => `tma.${Buffer.from(raw).toString('base64url')}`;

async function rejects(p: Promise<unknown>): Promise<Code2SessionError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Code2SessionError);
    return e as Code2SessionError;
  }
  throw new Error('expected a Code2SessionError');
}

describe('Telegram’s published init data', () => {
  it('validates by the bot token HMAC; any change of token or field breaks it', () => {
    const ok = checkInitData(VECTOR, VECTOR_TOKEN, 0);
    expect(ok.ok).toBe(true);
    expect(checkInitData(VECTOR, VECTOR_TOKEN + 'A', 0)).toEqual({ ok: false, reason: 'bad hash' });
    expect(checkInitData(VECTOR.replace('279058397', '279058398'), VECTOR_TOKEN, 0)).toEqual({ ok: false, reason: 'bad hash' });
    expect(checkInitData(VECTOR, VECTOR_TOKEN, 86400, (VECTOR_AUTH + 86401) * 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInitData(VECTOR, VECTOR_TOKEN, 86400, (VECTOR_AUTH + 100) * 1000).ok).toBe(true);
  });

  it('validates by Telegram’s Ed25519 signature without the token (production key), not with the test key or another bot', () => {
    const at = (VECTOR_AUTH + 10) * 1000;
    expect(checkInitDataSignature(VECTOR, 7342037359, { now: at }).ok).toBe(true);
    expect(checkInitDataSignature(VECTOR, '7342037359', { now: at }).ok).toBe(true);
    expect(checkInitDataSignature(VECTOR, 7342037359, { now: at, environment: 'test' })).toEqual({ ok: false, reason: 'bad signature' });
    expect(checkInitDataSignature(VECTOR, 7342037358, { now: at })).toEqual({ ok: false, reason: 'bad signature' });
    expect(checkInitDataSignature(VECTOR.replace('vdkfrost', 'vdkfrosT'), 7342037359, { now: at })).toEqual({ ok: false, reason: 'bad signature' });
    expect(checkInitDataSignature(VECTOR.replace('zL-ucj', 'xL-ucj'), 7342037359, { now: at })).toEqual({ ok: false, reason: 'bad signature' });
    expect(checkInitDataSignature(VECTOR, 7342037359, { now: (VECTOR_AUTH + 90000) * 1000 })).toEqual({ ok: false, reason: 'expired' });
    expect(checkInitDataSignature('auth_date=1&hash=00', 1)).toEqual({ ok: false, reason: 'missing signature' });
  });
});

describe('code2Session', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(new SqliteDb(':memory:'));
  });
  afterAll(() => store.close());

  it('gives a stable openid per user per bot, a fresh session_key, and records the user', async () => {
    const a = await code2Session(codeOf(initData()), { botToken: TOKEN, store, now: NOW });
    const b = await code2Session(codeOf(initData({ auth_date: String(NOW / 1000 - 10) })), { botToken: TOKEN, store, now: NOW });
    expect(a.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(b.openid).toBe(a.openid);
    expect(a.session_key).not.toBe(b.session_key);
    expect(Buffer.from(a.session_key, 'base64')).toHaveLength(16);
    expect(a.user).toMatchObject({ id: 4242, first_name: 'Ada' });
    expect(a.unionid).toBeUndefined();
    const other = await code2Session(codeOf(initData({}, OTHER)), { botToken: OTHER, now: NOW });
    expect(other.openid).not.toBe(a.openid);
    expect(openidFor(123456789, 4242, 'secret')).not.toBe(a.openid);
    expect(await store.userByOpenid(a.openid)).toMatchObject({ userId: 4242, botId: 123456789, username: 'ada' });
  });

  it('a unionid is shared by bots configured with the same secret', async () => {
    const a = await code2Session(codeOf(initData()), { botToken: TOKEN, unionidSecret: 's1', now: NOW });
    const b = await code2Session(codeOf(initData({}, OTHER)), { botToken: OTHER, unionidSecret: 's1', now: NOW });
    expect(a.unionid).toMatch(/^u/);
    expect(b.unionid).toBe(a.unionid);
    expect(b.openid).not.toBe(a.openid);
  });

  it('rejects forged, tampered, wrong-bot, expired, future-dated and malformed codes with errcode 40029', async () => {
    const forged = await rejects(code2Session(codeOf(initData({}, '123456789:AAguessed')), { botToken: TOKEN, now: NOW }));
    expect([forged.errcode, forged.errmsg]).toEqual([40029, 'invalid code: bad hash']);
    const tampered = initData().replace('Ada', 'Eve');
    expect((await rejects(code2Session(codeOf(tampered), { botToken: TOKEN, now: NOW }))).errmsg).toBe('invalid code: bad hash');
    expect((await rejects(code2Session(codeOf(initData({}, OTHER)), { botToken: TOKEN, now: NOW }))).errmsg).toBe('invalid code: bad hash');
    const old = initData({ auth_date: String(NOW / 1000 - 3601) });
    expect((await rejects(code2Session(codeOf(old), { botToken: TOKEN, maxAgeSeconds: 3600, now: NOW }))).errmsg).toBe('invalid code: expired');
    expect((await code2Session(codeOf(old), { botToken: TOKEN, maxAgeSeconds: 3700, now: NOW })).user.id).toBe(4242);
    const future = initData({ auth_date: String(NOW / 1000 + 3600) });
    expect((await rejects(code2Session(codeOf(future), { botToken: TOKEN, now: NOW }))).errmsg).toBe('invalid code: from the future');
    for (const bad of ['', 'abc', 'tma.', 'tma.%%%', codeOf('auth_date=1')]) expect((await rejects(code2Session(bad, { botToken: TOKEN, now: NOW }))).errcode).toBe(40029);
    const noUser = signInitData({ auth_date: String(NOW / 1000), chat_type: 'sender' }, TOKEN);
    expect((await rejects(code2Session(codeOf(noUser), { botToken: TOKEN, now: NOW }))).errmsg).toMatch(/no user/);
    const dup = `${initData()}&user=${encodeURIComponent(JSON.stringify({ id: 1, first_name: 'X' }))}`;
    expect((await rejects(code2Session(codeOf(dup), { botToken: TOKEN, now: NOW }))).errmsg).toBe('invalid code: duplicate field');
  });

  it('a code is exchanged once: a replay gets 40163 "code been used"', async () => {
    const code = codeOf(initData({ auth_date: String(NOW / 1000 - 5) }));
    await code2Session(code, { botToken: TOKEN, store, now: NOW });
    const replay = await rejects(code2Session(code, { botToken: TOKEN, store, now: NOW + 1000 }));
    expect([replay.errcode, replay.errmsg]).toEqual([40163, 'code been used']);
  });
});

describe('Authorization: tma middleware', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const auth = tmaAuth({ botToken: TOKEN, maxAgeSeconds: 3600 });
    server = http.createServer((req: AuthedRequest, res) =>
      auth(req, res, () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ openid: req.tma!.openid, name: req.tma!.user.first_name }));
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/me`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const fresh = (over: Record<string, string> = {}, token = TOKEN) => initData({ auth_date: String(Math.floor(Date.now() / 1000) - 5), ...over }, token);

  it('passes valid init data to the handler with the openid code2Session gives', async () => {
    const raw = fresh();
    const res = await fetch(url, { headers: { authorization: `tma ${raw}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { openid: string; name: string };
    expect(body).toEqual({ openid: openidFor(123456789, 4242), name: 'Ada' });
    // The same init data authenticates every request of a launch.
    expect((await fetch(url, { headers: { authorization: `tma ${raw}` } })).status).toBe(200);
  });

  it('answers 401 for a missing, malformed, forged, other-bot or expired header', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'missing'],
      ['Bearer abc', 'missing'],
      [`tma ${fresh({}, '123456789:AAforged')}`, 'bad hash'],
      [`tma ${fresh({}, OTHER)}`, 'bad hash'],
      [`tma ${fresh({ auth_date: String(Math.floor(Date.now() / 1000) - 7200) })}`, 'expired'],
    ];
    for (const [header, why] of cases) {
      const res = await fetch(url, { headers: header ? { authorization: header } : {} });
      expect(res.status, why).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('tma');
      expect(((await res.json()) as { error: string }).error).toContain(why);
    }
  });

  it('a third party checks the Ed25519 signature without the bot token', () => {
    const at = () => (VECTOR_AUTH + 5) * 1000;
    const ok = verifyAuthorization(`tma ${VECTOR}`, { thirdParty: { botId: 7342037359 }, now: at });
    expect(ok).toMatchObject({ ok: true, user: { id: 279058397 } });
    expect(verifyAuthorization(`tma ${VECTOR}`, { thirdParty: { botId: 1 }, now: at })).toMatchObject({ ok: false, status: 401 });
  });
});
