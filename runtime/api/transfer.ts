/**
 * wx.uploadFile / wx.downloadFile on XMLHttpRequest (for progress): an UploadTask/DownloadTask
 * with abort and onProgressUpdate / onHeadersReceived, timeouts from app.json networkTimeout
 * (uploadFile / downloadFile, default 60 s), WeChat's result and errMsg shapes. Downloads become
 * blob: tempFilePaths.
 */
import { ApiFail } from './callback.js';
import { tempFiles } from './tempFiles.js';

import { transferTimeouts as timeouts } from './timeouts.js';

type Progress = (res: { progress: number; totalBytesSent?: number; totalBytesExpectedToSend?: number; totalBytesWritten?: number; totalBytesExpectedToWrite?: number }) => void;
type Headers = (res: { header: Record<string, string> }) => void;

interface TransferTask {
  abort(): void;
  onProgressUpdate(fn: Progress): void;
  offProgressUpdate(fn?: Progress): void;
  onHeadersReceived(fn: Headers): void;
  offHeadersReceived(fn?: Headers): void;
}

interface Callbacks {
  success?: (res: any) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: any) => void;
}

function headersOf(xhr: XMLHttpRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function transfer(api: 'uploadFile' | 'downloadFile', p: Callbacks & { url?: string; header?: Record<string, string>; timeout?: number }, build: (xhr: XMLHttpRequest) => Promise<XMLHttpRequestBodyInit | null>, done: (xhr: XMLHttpRequest) => Record<string, unknown>): TransferTask | Promise<unknown> {
  const xhr = new XMLHttpRequest();
  const progress = new Set<Progress>();
  const headerFns = new Set<Headers>();
  let aborted = false;
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    (async () => {
      if (typeof p.url !== 'string' || !/^https?:\/\//i.test(p.url)) throw new ApiFail(`invalid url "${p.url ?? ''}"`);
      xhr.open(api === 'uploadFile' ? 'POST' : 'GET', p.url);
      xhr.timeout = p.timeout ?? timeouts[api];
      for (const [k, v] of Object.entries(p.header ?? {})) if (!/^(referer|content-type)$/i.test(k) || api === 'downloadFile') xhr.setRequestHeader(k, String(v));
      const body = await build(xhr);
      if (aborted) throw new ApiFail('abort');
      const target = api === 'uploadFile' ? xhr.upload : xhr;
      target.onprogress = (e: ProgressEvent) => {
        const pct = e.lengthComputable && e.total ? Math.round((e.loaded / e.total) * 100) : 0;
        const res = api === 'uploadFile' ? { progress: pct, totalBytesSent: e.loaded, totalBytesExpectedToSend: e.total } : { progress: pct, totalBytesWritten: e.loaded, totalBytesExpectedToWrite: e.total };
        for (const fn of progress) fn(res);
      };
      xhr.onreadystatechange = () => {
        if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) for (const fn of headerFns) fn({ header: headersOf(xhr) });
      };
      xhr.onload = () => resolve(done(xhr));
      xhr.onerror = () => reject(new ApiFail(navigator.onLine === false ? 'network offline' : 'network error'));
      xhr.ontimeout = () => reject(new ApiFail('timeout'));
      xhr.onabort = () => reject(new ApiFail('abort'));
      xhr.send(body);
    })().catch(reject);
  }).then(
    (res) => ({ ...res, errMsg: `${api}:ok` }),
    (err: unknown) => {
      throw { errMsg: `${api}:fail ${err instanceof ApiFail ? err.reason : (err as Error)?.message ?? err}` };
    },
  );
  const task: TransferTask = {
    abort() {
      aborted = true;
      xhr.abort();
    },
    onProgressUpdate: (fn) => void progress.add(fn),
    offProgressUpdate: (fn) => (fn ? progress.delete(fn) : progress.clear()),
    onHeadersReceived: (fn) => void headerFns.add(fn),
    offHeadersReceived: (fn) => (fn ? headerFns.delete(fn) : headerFns.clear()),
  };
  if (typeof p.success !== 'function' && typeof p.fail !== 'function' && typeof p.complete !== 'function') return Object.assign(result, task);
  result.then(
    (res) => {
      p.success?.(res);
      p.complete?.(res);
    },
    (err: { errMsg: string }) => {
      p.fail?.(err);
      p.complete?.(err);
    },
  );
  return task;
}

export function uploadFile(p: Callbacks & { url?: string; filePath?: string; name?: string; header?: Record<string, string>; formData?: Record<string, unknown>; timeout?: number } = {}): TransferTask | Promise<unknown> {
  return transfer(
    'uploadFile',
    p,
    async () => {
      if (typeof p.filePath !== 'string' || !p.filePath) throw new ApiFail('parameter error: parameter.filePath should be String');
      if (typeof p.name !== 'string' || !p.name) throw new ApiFail('parameter error: parameter.name should be String');
      let file: Blob | undefined = tempFiles.get(p.filePath);
      if (!file) {
        const res = await fetch(p.filePath).catch(() => null);
        if (!res || !res.ok) throw new ApiFail(`file not found: ${p.filePath}`);
        file = await res.blob();
      }
      const form = new FormData();
      for (const [k, v] of Object.entries(p.formData ?? {})) form.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
      form.append(p.name, file, (file as File).name || p.filePath.split('/').pop() || 'file');
      return form;
    },
    (xhr) => ({ data: xhr.responseText, statusCode: xhr.status }),
  );
}

export function downloadFile(p: Callbacks & { url?: string; header?: Record<string, string>; timeout?: number; filePath?: string } = {}): TransferTask | Promise<unknown> {
  return transfer(
    'downloadFile',
    p,
    async (xhr) => {
      xhr.responseType = 'blob';
      return null;
    },
    (xhr) => {
      const blob = xhr.response as Blob;
      const path = URL.createObjectURL(blob);
      tempFiles.set(path, new File([blob], (p.url ?? '').split(/[?#]/)[0]!.split('/').pop() || 'download', { type: blob.type }));
      return p.filePath ? { filePath: path, statusCode: xhr.status } : { tempFilePath: path, statusCode: xhr.status };
    },
  );
}
