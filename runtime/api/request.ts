/**
 * wx.request on fetch: WeChat's data encoding (query string for GET, JSON or form body otherwise),
 * dataType/responseType, timeouts (app.json networkTimeout.request, default 60 s), a RequestTask
 * with abort() and onHeadersReceived; any HTTP status is a success, as in WeChat.
 */
import { ApiFail, type ApiCallbacks } from './callback.js';
import { launchParams } from '../telegram/index.js';

/**
 * Opt-in: app.json "telegram": {"authorizeRequests": true} adds `Authorization: tma <init data>`
 * to requests to the program's wx2tg server ("server"); a list of URL prefixes names other
 * servers that check Telegram's init data. A header the call sets itself wins.
 */
let authorized: string[] = [];

export function setRequestAuthorization(config: { authorizeRequests?: boolean | string[]; server?: string } | undefined): void {
  const a = config?.authorizeRequests;
  authorized = Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string' && /^https?:\/\//.test(x)) : a === true && config?.server ? [config.server] : [];
}

let defaultTimeout = 60_000;

export function setNetworkTimeout(config: { request?: number } | undefined): void {
  if (config && typeof config.request === 'number' && config.request > 0) defaultTimeout = config.request;
}

interface RequestParams extends ApiCallbacks<any> {
  url?: string;
  data?: unknown;
  header?: Record<string, string>;
  method?: string;
  timeout?: number;
  dataType?: string;
  responseType?: 'text' | 'arraybuffer';
}

type HeadersListener = (res: { header: Record<string, string> }) => void;

export interface RequestTask {
  abort(): void;
  onHeadersReceived(listener: HeadersListener): void;
  offHeadersReceived(listener?: HeadersListener): void;
}

function encodeQuery(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

function run(p: RequestParams, controller: AbortController, headerListeners: Set<HeadersListener>): Promise<Record<string, unknown>> {
  return (async () => {
    if (typeof p.url !== 'string' || !/^https?:\/\//i.test(p.url)) throw new ApiFail(`invalid url "${p.url ?? ''}"`);
    const method = (p.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.header ?? {})) headers[k.toLowerCase()] = String(v);
    if (!('authorization' in headers) && authorized.some((prefix) => p.url!.startsWith(prefix))) {
      const raw = launchParams().initDataRaw;
      if (raw) headers.authorization = `tma ${raw}`;
    }
    let url = p.url;
    let body: BodyInit | undefined;
    const data = p.data;
    if (method === 'GET' || method === 'HEAD') {
      if (data && typeof data === 'object') {
        const q = encodeQuery(data as Record<string, unknown>);
        if (q) url += (url.includes('?') ? '&' : '?') + q;
      } else if (typeof data === 'string' && data) url += (url.includes('?') ? '&' : '?') + data;
    } else if (data !== undefined) {
      const type = headers['content-type'] ?? 'application/json';
      headers['content-type'] = type;
      if (data instanceof ArrayBuffer || typeof data === 'string') body = data as BodyInit;
      else if (/x-www-form-urlencoded/i.test(type)) body = encodeQuery(data as Record<string, unknown>);
      else body = JSON.stringify(data);
    }
    const timeout = p.timeout ?? defaultTimeout;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      let res: Response;
      try {
        res = await fetch(url, { method, headers, body, signal: controller.signal });
      } catch (err) {
        if (timedOut) throw new ApiFail('timeout');
        if (controller.signal.aborted) throw new ApiFail('abort');
        // fetch only says "Failed to fetch"; WeChat names the net error as Android's client does.
        if (err instanceof TypeError) throw new ApiFail(`-2:net::ERR_${globalThis.navigator?.onLine === false ? 'INTERNET_DISCONNECTED' : 'FAILED'}`, { errno: 600001 });
        throw new ApiFail((err as Error).message || 'network error');
      }
      const header: Record<string, string> = {};
      res.headers.forEach((v, k) => (header[k] = v));
      for (const l of headerListeners) l({ header });
      let out: unknown;
      try {
        if (p.responseType === 'arraybuffer') out = await res.arrayBuffer();
        else {
          const text = await res.text();
          out = text;
          if ((p.dataType ?? 'json') === 'json') {
            try {
              out = JSON.parse(text);
            } catch {
              out = text; // WeChat hands back the string when it is not JSON
            }
          }
        }
      } catch (err) {
        if (timedOut) throw new ApiFail('timeout');
        if (controller.signal.aborted) throw new ApiFail('abort');
        throw new ApiFail((err as Error).message);
      }
      const cookies = res.headers.get('set-cookie');
      return { data: out, statusCode: res.status, header, cookies: cookies ? [cookies] : [] };
    } finally {
      clearTimeout(timer);
    }
  })();
}

/** With callbacks it returns the RequestTask; without, a Promise (as WeChat's promisified form). */
export function request(params: RequestParams = {}): RequestTask | Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const headerListeners = new Set<HeadersListener>();
  const result = run(params, controller, headerListeners).then(
    (res) => ({ ...res, errMsg: 'request:ok' }),
    (err: unknown) => {
      const reason = err instanceof ApiFail ? err.reason : String((err as Error)?.message ?? err);
      throw { ...(err instanceof ApiFail ? err.extra : {}), errMsg: `request:fail ${reason}` };
    },
  );
  const task: RequestTask = {
    abort: () => controller.abort(),
    onHeadersReceived: (l) => void headerListeners.add(l),
    offHeadersReceived: (l) => (l ? headerListeners.delete(l) : headerListeners.clear()),
  };
  const hasCallbacks = typeof params.success === 'function' || typeof params.fail === 'function' || typeof params.complete === 'function';
  if (!hasCallbacks) return Object.assign(result, task);
  result.then(
    (res) => {
      params.success?.(res);
      params.complete?.(res);
    },
    (err: { errMsg: string }) => {
      params.fail?.(err);
      params.complete?.(err);
    },
  );
  return task;
}
