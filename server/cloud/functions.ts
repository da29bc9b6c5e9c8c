/**
 * Cloud functions as WeChat writes them: `cloudfunctions/<name>/index.js`, CommonJS,
 * `exports.main = async (event, context) => …`, using `require('wx-server-sdk')`. They run
 * inside the server process (they are the program's own trusted code), each call within its
 * own context so `cloud.getWXContext()` answers for the user who called. `wx-server-sdk`
 * resolves to our SDK (./sdk.ts) whatever the function's node_modules hold.
 *
 * A changed index.js (and anything else in the function's folder it required) is reloaded on
 * the next call, so `wx2tg dev` picks up edits without a restart.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CloudError, ERR } from '../../common/cloudDb.js';

export interface InvocationContext {
  OPENID: string;
  APPID: string;
  UNIONID?: string;
  ENV: string;
  SOURCE: string;
  CLIENTIP?: string;
  /** Where temporary file links of this call point (the origin the call came to). */
  filesBase?: string;
  /** The service that runs this call (its database, files and functions). */
  service: unknown;
  functionName: string;
  requestId: string;
}

export const invocation = new AsyncLocalStorage<InvocationContext>();

const SDK_ID = '\0wx2tg:wx-server-sdk';
let sdkExports: unknown = null;

/** Makes `require('wx-server-sdk')` return `sdk` in every cloud function. */
export function installServerSdk(sdk: unknown): void {
  if (sdkExports) return;
  sdkExports = sdk;
  const mod = new Module(SDK_ID);
  mod.filename = SDK_ID;
  mod.loaded = true;
  mod.exports = sdk;
  const cache = (Module as unknown as { _cache: Record<string, Module> })._cache;
  cache[SDK_ID] = mod;
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'wx-server-sdk' || request === 'tcb-admin-node' || request === '@cloudbase/node-sdk') {
      if (request !== 'wx-server-sdk') throw new Error(`${request} is not provided by the wx2tg server; use wx-server-sdk`);
      cache[SDK_ID] ??= mod;
      return SDK_ID;
    }
    return original.call(this, request, ...rest);
  };
}

interface Loaded {
  main: (event: unknown, context: unknown) => unknown;
  stamp: string;
  timeoutMs: number;
}

export interface FunctionsOptions {
  /** Folder holding one folder per function (project.config.json "cloudfunctionRoot"). */
  dir: string;
  /** Default time limit per call (default 20 s; a function's config.json "timeout" in seconds wins). */
  timeoutSeconds?: number;
  /**
   * Reload a function whose files changed (default true: each call then walks the function's
   * folder; `wx2tg serve` turns it off, so a production call reads the disk only the first time).
   */
  reload?: boolean;
}

export class CloudFunctions {
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly options: FunctionsOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  private entry(name: string): string {
    if (!/^[A-Za-z0-9_-]{1,60}$/.test(name)) throw new CloudError(ERR.PARAM, `"${name}" is not a cloud function name (1-60 of A-Z a-z 0-9 _ -)`);
    const file = path.join(this.options.dir, name, 'index.js');
    if (!existsSync(file)) throw new CloudError(ERR.FN_NOT_FOUND, `[ResourceNotFound] FunctionName parameter could not be found: no cloud function "${name}" (${path.relative(process.cwd(), file)})`);
    return file;
  }

  /** Loads (or reloads after an edit) a function's module. */
  private load(name: string): Loaded {
    const file = this.entry(name);
    const folder = path.dirname(file);
    const known = this.loaded.get(name);
    if (known && this.options.reload === false) return known;
    const stamp = folderStamp(folder);
    if (known && known.stamp === stamp) return known;
    const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    for (const key of Object.keys(cache)) if (key.startsWith(folder + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete cache[key];
    const req = createRequire(file);
    let mod: { main?: unknown };
    try {
      mod = req(file) as { main?: unknown };
    } catch (e) {
      throw new CloudError(ERR.FN_EXEC, `functions execute fail | errMsg: loading ${name}/index.js failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    if (typeof mod?.main !== 'function') throw new CloudError(ERR.FN_EXEC, `functions execute fail | errMsg: ${name}/index.js does not export main (exports.main = async (event, context) => …)`);
    let timeoutMs = (this.options.timeoutSeconds ?? 20) * 1000;
    const config = path.join(folder, 'config.json');
    if (existsSync(config)) {
      try {
        const t = (JSON.parse(readFileSync(config, 'utf8')) as { timeout?: unknown }).timeout;
        if (typeof t === 'number' && t > 0 && t <= 900) timeoutMs = t * 1000;
      } catch {
        // a broken config.json keeps the default time limit
      }
    }
    const loaded = { main: mod.main as Loaded['main'], stamp, timeoutMs };
    this.loaded.set(name, loaded);
    return loaded;
  }

  /** Runs `name` for a caller; resolves what main returned (through JSON), rejects with CloudError. */
  async call(name: string, data: unknown, ctx: Omit<InvocationContext, 'functionName' | 'requestId'>): Promise<{ result: unknown; requestID: string }> {
    const fn = this.load(name);
    const requestId = randomUUID();
    const event = { ...(data && typeof data === 'object' && !Array.isArray(data) ? data : {}), userInfo: { appId: ctx.APPID, openId: ctx.OPENID } };
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      function_name: name,
      function_version: '$LATEST',
      namespace: ctx.ENV,
      memory_limit_in_mb: 256,
      time_limit_in_seconds: fn.timeoutMs / 1000,
      request_id: requestId,
      environ: '',
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(new CloudError(ERR.FN_EXEC, `functions execute fail | errMsg: Task timed out after ${(fn.timeoutMs / 1000).toFixed(2)} seconds`)), fn.timeoutMs);
    });
    try {
      const result = await Promise.race([invocation.run({ ...ctx, functionName: name, requestId }, async () => fn.main(event, context)), timeout]);
      return { result: result === undefined ? null : JSON.parse(JSON.stringify(result)), requestID: requestId };
    } catch (e) {
      if (e instanceof CloudError) throw e;
      const msg = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
      throw new CloudError(ERR.FN_EXEC, `functions execute fail | errMsg: ${msg}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Changes when any file of the function (outside node_modules) changes. */
function folderStamp(folder: string): string {
  const parts: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4) return;
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p, depth + 1);
      else if (/\.(c?js|json)$/.test(ent.name)) parts.push(`${p}:${statSync(p).mtimeMs}:${statSync(p).size}`);
    }
  };
  walk(folder, 0);
  return parts.sort().join('|');
}

