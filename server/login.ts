/**
 * Login, WeChat's shape on Telegram's data.
 *
 * code2Session(code) — the code from wx.login() is "tma." + base64url(init data). We check the
 * bot-token HMAC (constant time), auth_date (too old or from the future), and, given a store,
 * that the code was not exchanged before: WeChat codes are single-use ("code been used",
 * errcode 40163) and so are ours, which stops a captured code from being replayed to the login
 * endpoint. (A Telegram launch has one init data, so one launch can exchange its code once;
 * a program keeps the session its server gives it, as WeChat programs do.)
 *
 * openid = stable per user per bot: HMAC-SHA256 keyed by the bot id (and `openidSecret` when
 * set: without it an openid can be matched to a Telegram user id by trying ids) over the user
 * id. unionid: the same over the user id alone with `unionidSecret`, shared by every bot that
 * uses that secret (WeChat's unionid spans one developer's apps).
 *
 * For API requests after login, the middleware checks `Authorization: tma <init data>` on each
 * request (the convention of the Telegram Mini Apps docs); the same init data is sent with every
 * request of a launch, so there it is bounded by its age, not single-use.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { botIdOf, checkInitData, checkInitDataSignature, initDataFromCode, parseInitData, type InitDataUser, type ParsedInitData, type ThirdPartyOptions } from './initData.js';
import type { Store } from './storage/store.js';

export interface LoginOptions {
  botToken: string;
  /** Oldest init data accepted, in seconds (default 86400, what wx.checkSession assumes; 0: no limit). */
  maxAgeSeconds?: number;
  /** Records exchanged codes so each is accepted once (shared by every instance on PostgreSQL). */
  store?: Store;
  /** Keeps openids from being matched to Telegram user ids. Never change it once users exist. */
  openidSecret?: string;
  /** Gives a unionid shared by the bots configured with the same secret. */
  unionidSecret?: string;
  now?: number;
}

export interface Session {
  openid: string;
  session_key: string;
  unionid?: string;
  /** The Telegram user (id, names, language, photo). */
  user: InitDataUser;
  initData: ParsedInitData;
  authDate: number;
}

/** WeChat's error shape: errcode/errmsg, with our reason. */
export class Code2SessionError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

export function openidFor(botId: number, userId: number, secret = ''): string {
  const mac = createHmac('sha256', `wx2tg-openid:${botId}:${secret}`).update(String(userId)).digest('base64url');
  return `o${mac.slice(0, 27)}`;
}

export function unionidFor(userId: number, secret: string): string {
  const mac = createHmac('sha256', `wx2tg-unionid:${secret}`).update(String(userId)).digest('base64url');
  return `u${mac.slice(0, 27)}`;
}

function sessionFrom(params: URLSearchParams, authDate: number, botId: number, options: Pick<LoginOptions, 'openidSecret' | 'unionidSecret'>): Session {
  const initData = parseInitData(params);
  if (!initData.user) throw new Code2SessionError(40029, 'invalid code: the init data has no user');
  const session: Session = {
    openid: openidFor(botId, initData.user.id, options.openidSecret),
    session_key: randomBytes(16).toString('base64'),
    user: initData.user,
    initData,
    authDate,
  };
  if (options.unionidSecret) session.unionid = unionidFor(initData.user.id, options.unionidSecret);
  return session;
}

/** Exchanges a wx.login() code for the user's session, or throws Code2SessionError. */
export async function code2Session(code: string, options: LoginOptions): Promise<Session> {
  const raw = initDataFromCode(code);
  if (!raw) throw new Code2SessionError(40029, 'invalid code');
  const now = options.now ?? Date.now();
  const maxAge = options.maxAgeSeconds ?? 86400;
  const check = checkInitData(raw, options.botToken, maxAge, now);
  if (!check.ok) throw new Code2SessionError(40029, `invalid code: ${check.reason}`);
  const botId = botIdOf(options.botToken);
  const session = sessionFrom(check.params, check.authDate, botId, options);
  if (options.store) {
    // Keep the mark as long as the code could pass the age check (a day past auth_date when unlimited).
    const until = (check.authDate + (maxAge > 0 ? maxAge : 86400) + 300) * 1000;
    const user = { openid: session.openid, botId, userId: session.user.id, username: session.user.username ?? null };
    if (!(await options.store.recordLogin(createHash('sha256').update(raw).digest('hex'), until, user, now))) throw new Code2SessionError(40163, 'code been used');
  }
  return session;
}

/** Result of checking one request's Authorization header. */
export type TmaAuth = { ok: true; openid: string; user: InitDataUser; initData: ParsedInitData; raw: string } | { ok: false; status: 401; error: string };

export interface AuthOptions {
  /** The bot's token: init data is checked by its HMAC `hash`. */
  botToken?: string;
  /** Without a token (a third party): check Telegram's Ed25519 `signature` for this bot id. */
  thirdParty?: ThirdPartyOptions & { botId: number };
  maxAgeSeconds?: number;
  openidSecret?: string;
  now?: () => number;
}

/** Checks `Authorization: tma <init data>`; framework-neutral. */
export function verifyAuthorization(header: string | string[] | undefined, options: AuthOptions): TmaAuth {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^tma\s+(\S+)\s*$/i.exec(value ?? '');
  if (!m) return { ok: false, status: 401, error: 'missing "Authorization: tma <init data>"' };
  const raw = m[1]!;
  const now = options.now?.() ?? Date.now();
  const maxAge = options.maxAgeSeconds ?? 86400;
  let check;
  let botId: number;
  if (options.botToken) {
    check = checkInitData(raw, options.botToken, maxAge, now);
    botId = botIdOf(options.botToken);
  } else if (options.thirdParty) {
    check = checkInitDataSignature(raw, options.thirdParty.botId, { ...options.thirdParty, maxAgeSeconds: maxAge, now });
    botId = options.thirdParty.botId;
  } else throw new Error('verifyAuthorization needs botToken or thirdParty');
  if (!check.ok) return { ok: false, status: 401, error: `init data rejected: ${check.reason}` };
  const initData = parseInitData(check.params);
  if (!initData.user) return { ok: false, status: 401, error: 'init data rejected: no user' };
  return { ok: true, openid: openidFor(botId, initData.user.id, options.openidSecret), user: initData.user, initData, raw };
}

export interface AuthedRequest extends IncomingMessage {
  tma?: Extract<TmaAuth, { ok: true }>;
}

/**
 * Middleware for Node http, Express, Connect and Fastify (through @fastify/middie or
 * fastify-express): `(req, res, next)`. On success sets `req.tma` = { openid, user, initData }
 * and calls next(); otherwise answers 401 with a JSON error.
 */
export function tmaAuth(options: AuthOptions): (req: AuthedRequest, res: ServerResponse, next: (err?: unknown) => void) => void {
  return (req, res, next) => {
    const auth = verifyAuthorization(req.headers.authorization, options);
    if (!auth.ok) {
      res.statusCode = auth.status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('www-authenticate', 'tma');
      res.end(JSON.stringify({ error: auth.error }));
      return;
    }
    req.tma = auth;
    next();
  };
}
