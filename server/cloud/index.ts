/**
 * wx.cloud on the wx2tg server: a server-kit extension under <basePath>/cloud.
 *
 *   POST /cloud/db                 a database operation (common/cloudDb.ts DbRequest)
 *   POST /cloud/functions/<name>   {data} → {result, requestID}
 *   POST /cloud/files?cloudPath=…  the file as the body → {fileID}
 *   POST /cloud/files/temp-urls    {fileList} → {fileList: [{fileID, tempFileURL, maxAge, status, errMsg}]}
 *   POST /cloud/files/delete       {fileList} → {fileList: [{fileID, status, errMsg}]}
 *   GET  /cloud/files/raw/<path>?e=…&s=…   a temporary URL (signed, expiring; no login needed)
 *
 * Callers authenticate as on every kit route (`Authorization: tma <init data>` or the session
 * token); their openid is the `_openid` of what they write and the OPENID their functions see.
 * Errors answer {errCode, errMsg} with WeChat's cloud error codes.
 */
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { CloudError, ERR, type DbRequest } from '../../common/cloudDb.js';
import { HttpError, originOf, type KitExtension, type KitRequest, type ServerKit } from '../kit.js';
import { readLimited } from '../proxy.js';
import { CloudDatabase } from './database.js';
import { CloudFiles } from './files.js';
import { CloudFunctions, installServerSdk } from './functions.js';
import { serverSdk, setDefaultService } from './sdk.js';

export interface CloudOptions {
  /** Environment id shown in file IDs and getWXContext().ENV (default "wx2tg"). */
  env?: string;
  /** The cloud functions folder (project.config.json "cloudfunctionRoot"); none: callFunction fails. */
  functionsDir?: string;
  /** Where uploaded files are kept (default ./wx2tg-cloud-files). */
  filesDir?: string;
  /** Collections and their rules: {"todos": "PRIVATE", "posts": "READONLY", "logs": {"read": false, "write": "auth != null"}}. */
  collections?: Record<string, unknown>;
  /** Rule of collections created by db.createCollection (default "PRIVATE"). */
  defaultRule?: unknown;
  functionTimeoutSeconds?: number;
  maxUploadBytes?: number;
  /** APPID reported to functions (the program's project.config.json appid). */
  appId?: string;
  /** Reload changed functions on their next call (default true; `wx2tg serve` defaults to false). */
  reloadFunctions?: boolean;
}

export class CloudService implements KitExtension {
  readonly prefix = '/cloud';
  readonly env: string;
  readonly appId: string;
  private db: CloudDatabase | null = null;
  private fileStore: CloudFiles | null = null;
  private fns: CloudFunctions | null;
  private kit: ServerKit | null = null;

  constructor(private readonly options: CloudOptions = {}) {
    this.env = options.env ?? 'wx2tg';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(this.env)) throw new Error(`cloud env "${this.env}" must be 1-64 of A-Z a-z 0-9 _ -`);
    this.appId = options.appId ?? '';
    this.fns = options.functionsDir ? new CloudFunctions({ dir: path.resolve(options.functionsDir), timeoutSeconds: options.functionTimeoutSeconds, reload: options.reloadFunctions }) : null;
    installServerSdk(serverSdk);
  }

  get database(): CloudDatabase {
    if (!this.db) throw new CloudError(-1, 'the cloud service has not started (kit.start())');
    return this.db;
  }

  get files(): CloudFiles {
    if (!this.fileStore) throw new CloudError(-1, 'the cloud service has not started (kit.start())');
    return this.fileStore;
  }

  functions(): CloudFunctions {
    if (!this.fns) throw new CloudError(ERR.FN_NOT_FOUND, '[ResourceNotFound] this wx2tg server has no cloud functions folder (wx2tg serve --program <dir>, or cloud.functionsDir)');
    return this.fns;
  }

  /**
   * Base of temporary file URLs: the configured public URL, else the origin this request came
   * to (worked out per request, never remembered: one request's Host header must not decide
   * where everyone's links point), else a path relative to the page's server.
   */
  filesBase(req?: IncomingMessage): string {
    const kit = this.kit;
    const base = kit?.publicBase() ?? (req && kit ? originOf(req) + kit.basePath : (kit?.basePath ?? '/wx2tg'));
    return `${base}/cloud/files/raw`;
  }

  async start(kit: ServerKit): Promise<void> {
    this.kit = kit;
    this.db = new CloudDatabase(kit.store.db, { collections: this.options.collections, defaultRule: this.options.defaultRule });
    await this.db.init();
    this.fileStore = new CloudFiles(kit.store.db, { dir: path.resolve(this.options.filesDir ?? 'wx2tg-cloud-files'), env: this.env, secret: kit.deriveSecret('wx2tg-cloud-files'), maxBytes: this.options.maxUploadBytes });
    await this.fileStore.init();
    setDefaultService(this);
  }

  async close(): Promise<void> {
    setDefaultService(null);
  }

  async handle(r: KitRequest, kit: ServerKit): Promise<void> {
    const { req, res, method, route, url } = r;
    const raw = /^\/files\/raw\/(.+)$/.exec(route);
    if (raw && (method === 'GET' || method === 'HEAD')) {
      const f = await this.files.open(raw[1]!, url.searchParams);
      if (!f) throw new HttpError(404, 'the link has expired or the file does not exist');
      res.writeHead(200, { 'content-type': f.type, 'content-length': String(f.size), 'cache-control': 'private, max-age=300', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" });
      if (method === 'HEAD') {
        res.end();
        return;
      }
      f.stream.pipe(res);
      return;
    }
    if (method !== 'POST') throw new HttpError(405, 'POST only');
    const caller = kit.authorize(req, 'cloud');
    try {
      if (route === '/db') {
        const body = (await kit.json(req, 2 << 20)) as unknown as DbRequest;
        return kit.send(res, 200, await this.database.run(body, { openid: caller.openid }));
      }
      const fn = /^\/functions\/([^/]+)$/.exec(route);
      if (fn) {
        const body = await kit.json(req, 1 << 20);
        const unionid = kit.unionidOf(caller.userId);
        let name: string;
        try {
          name = decodeURIComponent(fn[1]!);
        } catch {
          throw new CloudError(ERR.PARAM, 'the function name is not valid URL encoding');
        }
        const out = await this.functions().call(name, body.data ?? {}, {
          OPENID: caller.openid,
          APPID: this.appId,
          ...(unionid ? { UNIONID: unionid } : {}),
          ENV: this.env,
          SOURCE: 'wx_client',
          CLIENTIP: req.socket.remoteAddress ?? undefined,
          filesBase: this.filesBase(req),
          service: this,
        });
        return kit.send(res, 200, out);
      }
      if (route === '/files') {
        let body: Buffer;
        try {
          body = await readLimited(req, this.files.maxBytes);
        } catch {
          throw new CloudError(ERR.UPLOAD_TOO_BIG, `the file is larger than ${this.files.maxBytes} bytes`);
        }
        const fileID = await this.files.upload(url.searchParams.get('cloudPath'), body, String(req.headers['content-type'] ?? ''), caller.openid);
        return kit.send(res, 200, { fileID, statusCode: 200 });
      }
      if (route === '/files/temp-urls') {
        const body = await kit.json(req);
        return kit.send(res, 200, { fileList: await this.files.tempUrls(body.fileList, this.filesBase(req)) });
      }
      if (route === '/files/delete') {
        const body = await kit.json(req);
        return kit.send(res, 200, { fileList: await this.files.remove(body.fileList, caller.openid) });
      }
    } catch (e) {
      if (e instanceof CloudError) {
        const status = e.errCode === ERR.DB_PERMISSION || e.errCode === ERR.FILE_PERMISSION ? 403 : e.errCode === ERR.FN_EXEC ? 500 : e.errCode === ERR.DB_NO_COLLECTION || e.errCode === ERR.FN_NOT_FOUND || e.errCode === ERR.FILE_NOT_EXIST ? 404 : e.errCode === ERR.UPLOAD_TOO_BIG ? 413 : 400;
        return kit.send(res, status, { errCode: e.errCode, errMsg: e.message });
      }
      throw e;
    }
    throw new HttpError(404, 'not found');
  }
}

export { CloudDatabase } from './database.js';
export { CloudFiles } from './files.js';
export { CloudFunctions } from './functions.js';
