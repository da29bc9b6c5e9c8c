/**
 * What `require('wx-server-sdk')` gives a cloud function on the wx2tg server: init,
 * getWXContext, database (the admin side: no rules), callFunction, uploadFile, downloadFile,
 * getTempFileURL, deleteFile, logger, DYNAMIC_CURRENT_ENV. WeChat's server-only services
 * (openapi, getOpenData, CloudID, VoIP) have no Telegram counterpart: they throw with a clear
 * message rather than pretend.
 */
import { call, CloudError, Database, ERR, type DatabaseOptions } from '../../common/cloudDb.js';
import { invocation, type InvocationContext } from './functions.js';
import type { CloudService } from './index.js';

let lastService: CloudService | null = null;

/** The service of the running call (or the last one started, for code run at load time). */
function service(): CloudService {
  const ctx = invocation.getStore();
  const s = (ctx?.service as CloudService | undefined) ?? lastService;
  if (!s) throw new CloudError(-1, 'wx-server-sdk: no wx2tg cloud service is running');
  return s;
}

export function setDefaultService(s: CloudService | null): void {
  lastService = s;
}

const DYNAMIC_CURRENT_ENV = Symbol.for('wx2tg.DYNAMIC_CURRENT_ENV');

function unsupported(name: string): never {
  throw new CloudError(ERR.UNSUPPORTED, `cloud.${name}: WeChat's server API has no Telegram counterpart on the wx2tg server`);
}

function makeCloud(): Record<string, unknown> {
  const cloud: Record<string, unknown> = {
    DYNAMIC_CURRENT_ENV,
    init(_opts?: unknown): void {
      // one environment per wx2tg server: nothing to choose
    },
    getWXContext(): Omit<InvocationContext, 'service' | 'functionName' | 'requestId' | 'filesBase'> {
      const ctx = invocation.getStore();
      if (!ctx) return { OPENID: '', APPID: '', ENV: service().env, SOURCE: '' };
      const out: Record<string, unknown> = { OPENID: ctx.OPENID, APPID: ctx.APPID, ENV: ctx.ENV, SOURCE: ctx.SOURCE };
      if (ctx.UNIONID) out.UNIONID = ctx.UNIONID;
      if (ctx.CLIENTIP) out.CLIENTIP = ctx.CLIENTIP;
      return out as never;
    },
    database(opts: DatabaseOptions = {}): Database & { createCollection(name: string): Promise<unknown> } {
      const db = new Database((req) => service().database.run(req, null), { ...opts, env: service().env }) as Database & { createCollection(name: string): Promise<unknown> };
      db.createCollection = (name: string) => call('createCollection', undefined, async () => ({ created: await service().database.createCollection(name) })) as Promise<unknown>;
      return db;
    },
    callFunction(opts: { name?: string; data?: unknown } = {}) {
      return call('cloud.callFunction', opts, async () => {
        const s = service();
        const ctx = invocation.getStore();
        return s.functions().call(String(opts.name ?? ''), opts.data ?? {}, {
          OPENID: ctx?.OPENID ?? '',
          APPID: ctx?.APPID ?? s.appId,
          ...(ctx?.UNIONID ? { UNIONID: ctx.UNIONID } : {}),
          ENV: s.env,
          // WeChat chains the sources: a function called from a function called by the client is "wx_client,scf"
          SOURCE: `${ctx?.SOURCE ? `${ctx.SOURCE},` : ''}scf`,
          ...(ctx?.filesBase ? { filesBase: ctx.filesBase } : {}),
          service: s,
        });
      });
    },
    uploadFile(opts: { cloudPath?: string; fileContent?: unknown } = {}) {
      return call('cloud.uploadFile', opts, async () => {
        const body = await bufferOf(opts.fileContent);
        const fileID = await service().files.upload(opts.cloudPath, body, 'application/octet-stream', null);
        return { fileID, statusCode: 200 };
      });
    },
    downloadFile(opts: { fileID?: string } = {}) {
      return call('cloud.downloadFile', opts, async () => ({ fileContent: await service().files.read(opts.fileID), statusCode: 200 }));
    },
    getTempFileURL(opts: { fileList?: unknown } = {}) {
      return call('cloud.getTempFileURL', opts, async () => ({ fileList: await service().files.tempUrls(opts.fileList, invocation.getStore()?.filesBase ?? service().filesBase()) }));
    },
    deleteFile(opts: { fileList?: unknown } = {}) {
      return call('cloud.deleteFile', opts, async () => ({ fileList: await service().files.remove(opts.fileList, null) }));
    },
    logger() {
      return { log: console.log, info: console.info, warn: console.warn, error: console.error };
    },
    openapi: new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? new Proxy(() => undefined, { get: (_f, m) => () => unsupported(`openapi.${k}.${String(m)}`), apply: () => unsupported(`openapi.${k}`) }) : undefined) }),
    getOpenData: () => unsupported('getOpenData'),
    getVoIPSign: () => unsupported('getVoIPSign'),
    CloudID: () => unsupported('CloudID'),
    callContainer: () => unsupported('callContainer'),
  };
  cloud.Cloud = class {
    constructor(_opts?: unknown) {
      Object.assign(this, makeCloud());
    }
  };
  return cloud;
}

async function bufferOf(content: unknown): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  if (typeof content === 'string') return Buffer.from(content);
  if (content instanceof Uint8Array) return Buffer.from(content);
  if (content && typeof (content as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of content as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks);
  }
  throw new CloudError(ERR.PARAM, 'cloud.uploadFile: fileContent must be a Buffer, a string or a readable stream');
}

export const serverSdk = makeCloud();
