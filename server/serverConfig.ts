/**
 * Configuration of a ready-to-run server (`wx2tg serve`): secrets from the environment, the
 * rest (catalog, subscribe templates, proxy allowlist…) from an optional JSON file. Unknown keys
 * are an error, named with the file, so a typo does not silently turn a feature off.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KitOptions } from './kit.js';
import type { CloudOptions } from './cloud/index.js';
import { cloudOptionsFor } from './cloud/project.js';
import { parseRule, RuleError } from './cloud/rules.js';
import { createTonRail, validateTonOptions, type TonRailOptions } from './ton/rail.js';
import { toNano } from './ton/codec.js';

export interface ServeEnv {
  BOT_TOKEN?: string;
  DATABASE_URL?: string;
  WEBHOOK_SECRET?: string;
  PUBLIC_URL?: string;
  PORT?: string;
  HOST?: string;
  TELEGRAM_API_ROOT?: string;
  OPENID_SECRET?: string;
  UNIONID_SECRET?: string;
  SESSION_SECRET?: string;
  PROVIDER_TOKEN?: string;
  APP_URL?: string;
  WX2TG_SERVER_CONFIG?: string;
  /** toncenter's API key for the TON rail (X-API-Key). */
  TONCENTER_API_KEY?: string;
  [k: string]: string | undefined;
}

export interface FileConfig {
  basePath?: string;
  catalog?: KitOptions['catalog'];
  currency?: string;
  maxAgeSeconds?: number;
  sessionTtlSeconds?: number;
  corsOrigins?: '*' | string[];
  subscribe?: KitOptions['subscribe'];
  proxy?: KitOptions['proxy'];
  /** wx.cloud: collections and their rules, files folder, functions folder, env… */
  cloud?: CloudOptions;
  /** The TON payment rail: the shop wallet and how the chain is watched (server/ton). */
  ton?: Pick<TonRailOptions, 'address' | 'network' | 'endpoint' | 'ttlSeconds' | 'graceSeconds' | 'pollMs' | 'commentPrefix'>;
}

const FILE_KEYS: Record<string, readonly string[] | null> = {
  basePath: null,
  catalog: null,
  currency: null,
  maxAgeSeconds: null,
  sessionTtlSeconds: null,
  corsOrigins: null,
  subscribe: ['templates', 'allowedTemplateIds', 'appUrl', 'link'],
  proxy: ['allow', 'maxRequestBytes', 'maxResponseBytes', 'timeoutMs'],
  ton: ['address', 'network', 'endpoint', 'ttlSeconds', 'graceSeconds', 'pollMs', 'commentPrefix'],
  cloud: ['env', 'functionsDir', 'filesDir', 'collections', 'defaultRule', 'functionTimeoutSeconds', 'maxUploadBytes', 'appId', 'reloadFunctions'],
};

export class ConfigError extends Error {}

export function readFileConfig(file: string): FileConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: must be a JSON object`);
  for (const [k, v] of Object.entries(raw)) {
    if (!(k in FILE_KEYS)) throw new ConfigError(`${file}: unknown key "${k}" (known: ${Object.keys(FILE_KEYS).join(', ')})`);
    const sub = FILE_KEYS[k];
    if (sub && v && typeof v === 'object') for (const s of Object.keys(v)) if (!sub.includes(s)) throw new ConfigError(`${file}: unknown key "${k}.${s}" (known: ${sub.join(', ')})`);
  }
  const c = raw as FileConfig;
  if (c.cloud) {
    try {
      for (const [name, rule] of Object.entries(c.cloud.collections ?? {})) parseRule(rule, `cloud.collections.${name}`);
      if (c.cloud.defaultRule !== undefined) parseRule(c.cloud.defaultRule, 'cloud.defaultRule');
    } catch (e) {
      if (e instanceof RuleError) throw new ConfigError(`${file}: ${e.message}`);
      throw e;
    }
  }
  if (c.catalog) {
    for (const [id, item] of Object.entries(c.catalog)) {
      if (!item || typeof item.title !== 'string') throw new ConfigError(`${file}: catalog item "${id}" needs a title`);
      if (item.price === undefined && item.ton === undefined) throw new ConfigError(`${file}: catalog item "${id}" needs a price (Stars) or a ton price`);
      if (item.price !== undefined && (!Number.isSafeInteger(item.price) || item.price <= 0)) throw new ConfigError(`${file}: catalog item "${id}" needs a positive integer price`);
      if (item.ton !== undefined) {
        if (typeof item.ton !== 'string') throw new ConfigError(`${file}: catalog item "${id}": ton must be a string of TON like "0.5"`);
        try {
          toNano(item.ton);
        } catch (e) {
          throw new ConfigError(`${file}: catalog item "${id}": ${(e as Error).message}`);
        }
        if (!c.ton) throw new ConfigError(`${file}: catalog item "${id}" has a ton price but there is no "ton" section (the shop wallet)`);
      }
    }
  }
  if (c.ton) {
    try {
      validateTonOptions(c.ton);
    } catch (e) {
      throw new ConfigError(`${file}: ${(e as Error).message}`);
    }
  }
  return c;
}

export interface ServeSettings {
  kit: Omit<KitOptions, 'store'>;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  publicUrl: string | undefined;
  /** wx.cloud, when the program has cloud functions or the config a "cloud" section. */
  cloud: CloudOptions | null;
}

/** Turns the environment (and config file) into settings; throws ConfigError with what is missing. */
export function settingsFrom(env: ServeEnv, configFile?: string, overrides: { port?: string; host?: string; program?: string } = {}): ServeSettings {
  const token = env.BOT_TOKEN?.trim();
  if (!token) throw new ConfigError('BOT_TOKEN is not set (the token @BotFather gave your bot)');
  if (!/^\d+:[\w-]+$/.test(token)) throw new ConfigError('BOT_TOKEN does not look like a bot token ("<bot id>:<secret>")');
  const publicUrl = env.PUBLIC_URL?.trim() || undefined;
  if (publicUrl && !/^https:\/\//.test(publicUrl) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(publicUrl)) throw new ConfigError('PUBLIC_URL must be https:// (Telegram delivers webhooks only over HTTPS)');
  const secret = env.WEBHOOK_SECRET?.trim() || undefined;
  if (publicUrl && !secret) throw new ConfigError('WEBHOOK_SECRET is not set: with PUBLIC_URL the webhook is registered, and it must carry a secret (1-256 of A-Z a-z 0-9 _ -)');
  if (secret && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new ConfigError('WEBHOOK_SECRET may hold only A-Z a-z 0-9 _ - (1-256 characters)');
  const portText = overrides.port ?? env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT "${portText}" is not a port number`);
  const fileName = configFile ?? env.WX2TG_SERVER_CONFIG;
  const file = fileName ? readFileConfig(path.resolve(fileName)) : {};
  const appUrl = env.APP_URL?.trim();
  if (appUrl && !/^https:\/\//.test(appUrl)) throw new ConfigError('APP_URL must be https:// (Telegram opens Mini Apps only over HTTPS)');
  const { cloud: cloudConfig, ...fileKit } = file;
  let cloud: CloudOptions | null;
  try {
    cloud = cloudOptionsFor(overrides.program, cloudConfig, fileName ? path.dirname(path.resolve(fileName)) : process.cwd());
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const kit: Omit<KitOptions, 'store'> = {
    botToken: token,
    webhookSecret: secret,
    publicUrl,
    ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    ...(env.OPENID_SECRET ? { openidSecret: env.OPENID_SECRET } : {}),
    ...(env.UNIONID_SECRET ? { unionidSecret: env.UNIONID_SECRET } : {}),
    ...(env.SESSION_SECRET ? { sessionSecret: env.SESSION_SECRET } : {}),
    ...(env.PROVIDER_TOKEN ? { providerToken: env.PROVIDER_TOKEN } : {}),
    ...withoutTon(fileKit),
    ...(file.ton ? { extensions: [createTonRail({ ...file.ton, ...(env.TONCENTER_API_KEY ? { apiKey: env.TONCENTER_API_KEY } : {}) })] } : {}),
    subscribe: { ...(file.subscribe ?? {}), ...(appUrl && !file.subscribe?.appUrl ? { appUrl } : {}) },
  };
  return { kit, databaseUrl: env.DATABASE_URL, port, host: overrides.host ?? env.HOST ?? '0.0.0.0', publicUrl, cloud };
}

function withoutTon(file: FileConfig): Omit<FileConfig, 'ton'> {
  const { ton: _ton, ...rest } = file;
  return rest;
}
