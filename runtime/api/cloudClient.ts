/**
 * wx.cloud against the wx2tg server (server/cloud): the database (common/cloudDb.ts, each
 * operation POSTed to <server>/cloud/db), callFunction, and file storage. Loaded on first use:
 * wx.cloud in the runtime chunk (./cloud.ts) records what the program builds and replays it
 * here. Every call authenticates with the Mini App's init data, so the server knows the user as
 * the same openid wx.login's code2Session gives.
 */
import { call, CloudError, Database, ERR, failure, type DatabaseOptions, type DbRequest } from '../../common/cloudDb.js';
import { launchParams } from '../telegram/index.js';
import { serverBase } from './serverBase.js';
import { tempFiles } from './tempFiles.js';

let env = '';

function base(api: string): string {
  const b = serverBase();
  if (!b) throw new CloudError(-1, `${api}: wx.cloud needs the wx2tg server: set app.json "telegram": {"server": "https://…/wx2tg"} (see README, "wx.cloud")`);
  return b;
}

function auth(): string {
  return `tma ${launchParams().initDataRaw}`;
}

/** POSTs JSON to the cloud routes; a non-2xx answer becomes a CloudError with the server's code. */
async function post(api: string, route: string, body: unknown): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${base(api)}/cloud${route}`, { method: 'POST', headers: { authorization: auth(), 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new CloudError(route === '/db' ? ERR.DB_REQUEST : -1, `network error: ${(e as Error).message}`);
  }
  let json: Record<string, unknown> = {};
  try {
    json = (await res.json()) as Record<string, unknown>;
  } catch {
    // not JSON: reported below with the status
  }
  if (!res.ok) throw new CloudError(typeof json.errCode === 'number' ? json.errCode : -1, String(json.errMsg ?? json.error ?? `the server answered ${res.status}`));
  return json;
}

const databases = new Map<string, Database>();

function database(opts: DatabaseOptions & { env?: unknown } = {}): Database {
  const key = JSON.stringify({ throwOnNotFound: opts.throwOnNotFound });
  let db = databases.get(key);
  if (!db) {
    db = new Database((req: DbRequest) => post('database', '/db', req), { ...opts, env: typeof opts.env === 'string' ? opts.env : env });
    databases.set(key, db);
  }
  return db;
}

interface Callbacks {
  success?: (r: unknown) => void;
  fail?: (e: unknown) => void;
  complete?: (r: unknown) => void;
}

function callFunction(p: Callbacks & { name?: unknown; data?: unknown } = {}) {
  return call('cloud.callFunction', p, async () => {
    if (typeof p.name !== 'string' || !p.name) throw new CloudError(ERR.PARAM, 'parameter.name should be String');
    try {
      const r = await post('cloud.callFunction', `/functions/${encodeURIComponent(p.name)}`, { data: p.data ?? {} });
      return { result: r.result, requestID: String(r.requestID ?? '') };
    } catch (e) {
      // WeChat's form: "cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: …"
      const code = e instanceof CloudError ? e.errCode : -1;
      throw new CloudError(code, `Error: errCode: ${code} ${(e as Error).message}`, `cloud.callFunction:fail Error: errCode: ${code} ${(e as Error).message}`);
    }
  });
}

type Progress = (r: { progress: number; totalBytesSent?: number; totalBytesExpectedToSend?: number; totalBytesWritten?: number; totalBytesExpectedToWrite?: number }) => void;

interface Task {
  abort(): void;
  onProgressUpdate(fn: Progress): void;
  offProgressUpdate(fn?: Progress): void;
  onHeadersReceived(fn: unknown): void;
  offHeadersReceived(fn?: unknown): void;
}

/** An XHR with WeChat's task object: progress listeners and abort. */
function xhrTask(api: string, p: Callbacks, start: (xhr: XMLHttpRequest, progress: Set<Progress>) => Promise<Record<string, unknown>>): Task | Promise<unknown> {
  const xhr = new XMLHttpRequest();
  const progress = new Set<Progress>();
  const task: Task = {
    abort: () => xhr.abort(),
    onProgressUpdate: (fn) => void (typeof fn === 'function' && progress.add(fn)),
    offProgressUpdate: (fn) => (fn ? progress.delete(fn) : progress.clear()),
    onHeadersReceived: () => undefined,
    offHeadersReceived: () => undefined,
  };
  const run = call(api, p, () => start(xhr, progress));
  return run ? Object.assign(run, task) : task;
}

function send(xhr: XMLHttpRequest, method: string, url: string, body: XMLHttpRequestBodyInit | null, headers: Record<string, string>): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new CloudError(-1, 'network error'));
    xhr.onabort = () => reject(new CloudError(-1, 'abort'));
    xhr.ontimeout = () => reject(new CloudError(-1, 'timeout'));
    xhr.send(body);
  });
}

async function blobOf(filePath: unknown): Promise<Blob> {
  if (typeof filePath !== 'string' || !filePath) throw new CloudError(ERR.PARAM, 'parameter.filePath should be String');
  const known = tempFiles.get(filePath);
  if (known) return known;
  const res = await fetch(filePath).catch(() => null);
  if (!res || !res.ok) throw new CloudError(ERR.PARAM, `file not found: ${filePath}`);
  return res.blob();
}

function uploadFile(p: Callbacks & { cloudPath?: unknown; filePath?: unknown } = {}): Task | Promise<unknown> {
  return xhrTask('cloud.uploadFile', p, async (xhr, progress) => {
    if (typeof p.cloudPath !== 'string' || !p.cloudPath) throw new CloudError(ERR.PARAM, 'parameter.cloudPath should be String');
    const file = await blobOf(p.filePath);
    xhr.upload.onprogress = (e) => {
      for (const fn of progress) fn({ progress: e.total ? Math.round((e.loaded / e.total) * 100) : 0, totalBytesSent: e.loaded, totalBytesExpectedToSend: e.total });
    };
    await send(xhr, 'POST', `${base('cloud.uploadFile')}/cloud/files?cloudPath=${encodeURIComponent(p.cloudPath)}`, file, { authorization: auth(), 'content-type': file.type || 'application/octet-stream' });
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(xhr.responseText) as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (xhr.status !== 200) throw new CloudError(typeof json.errCode === 'number' ? json.errCode : -1, String(json.errMsg ?? json.error ?? `the server answered ${xhr.status}`));
    return { fileID: String(json.fileID), statusCode: 200 };
  });
}

async function tempUrls(fileList: unknown): Promise<Record<string, unknown>[]> {
  if (!Array.isArray(fileList) || fileList.length === 0) throw new CloudError(ERR.PARAM, 'parameter.fileList should be a non-empty Array');
  const r = await post('cloud.getTempFileURL', '/files/temp-urls', { fileList });
  return r.fileList as Record<string, unknown>[];
}

function downloadFile(p: Callbacks & { fileID?: unknown } = {}): Task | Promise<unknown> {
  return xhrTask('cloud.downloadFile', p, async (xhr, progress) => {
    const [entry] = await tempUrls([p.fileID]);
    if (!entry || entry.status !== 0) throw new CloudError(Number(entry?.status ?? -1), String(entry?.errMsg ?? 'file not found'));
    xhr.responseType = 'blob';
    xhr.onprogress = (e) => {
      for (const fn of progress) fn({ progress: e.total ? Math.round((e.loaded / e.total) * 100) : 0, totalBytesWritten: e.loaded, totalBytesExpectedToWrite: e.total });
    };
    await send(xhr, 'GET', String(entry.tempFileURL), null, {});
    if (xhr.status !== 200) throw new CloudError(ERR.FILE_NOT_EXIST, `the file could not be downloaded (${xhr.status})`);
    const blob = xhr.response as Blob;
    const path = URL.createObjectURL(blob);
    tempFiles.set(path, new File([blob], String(p.fileID).split('/').pop() || 'download', { type: blob.type }));
    return { tempFilePath: path, statusCode: 200 };
  });
}

const urlCache = new Map<string, { url: string; until: number }>();

/** A displayable URL for a cloud:// file ID (the image component's src), cached until near expiry. */
export async function tempUrl(fileID: string): Promise<string> {
  const hit = urlCache.get(fileID);
  if (hit && hit.until > Date.now()) return hit.url;
  const [entry] = await tempUrls([fileID]);
  if (!entry || entry.status !== 0) throw failure('getTempFileURL', new CloudError(Number(entry?.status ?? -1), String(entry?.errMsg ?? 'file not found')));
  const url = String(entry.tempFileURL);
  urlCache.set(fileID, { url, until: Date.now() + (Number(entry.maxAge) - 60) * 1000 });
  return url;
}

function unsupported(api: string, why: string) {
  return (p?: Callbacks) =>
    call(api, p, async () => {
      throw new CloudError(ERR.UNSUPPORTED, why);
    });
}

export const cloud = {
  init(opts: { env?: unknown } = {}): Promise<void> {
    env = typeof opts.env === 'string' ? opts.env : typeof (opts.env as { database?: unknown })?.database === 'string' ? String((opts.env as { database: string }).database) : env;
    return Promise.resolve();
  },
  database,
  callFunction,
  uploadFile,
  downloadFile,
  getTempFileURL: (p: Callbacks & { fileList?: unknown } = {}) => call('cloud.getTempFileURL', p, async () => ({ fileList: await tempUrls(p.fileList) })),
  deleteFile: (p: Callbacks & { fileList?: unknown } = {}) =>
    call('cloud.deleteFile', p, async () => {
      if (!Array.isArray(p.fileList) || p.fileList.length === 0) throw new CloudError(ERR.PARAM, 'parameter.fileList should be a non-empty Array');
      return { fileList: (await post('cloud.deleteFile', '/files/delete', { fileList: p.fileList })).fileList };
    }),
  callContainer: unsupported('cloud.callContainer', 'WeChat Cloud Hosting containers do not exist on Telegram; call your service with wx.request'),
  CloudID: (cloudID: string) => ({ cloudID }),
};
export { failure } from '../../common/cloudDb.js';
