/**
 * The request proxy: what WeChat's "request domains" list allowed wx.request to reach, reached
 * from a browser that enforces CORS. Only hosts on the allowlist (exact scheme, host and port,
 * as WeChat's list is), only for authenticated Mini App users, within size and time limits —
 * never an open proxy.
 *
 * Call: `<method> <base>/proxy?url=<absolute URL>` with the upstream's headers. Forwarded: the
 * method, the body, and end-to-end headers except those that would leak our credentials or
 * the user's (our `x-wx2tg-authorization`, cookies, forwarding headers). Returned: status, body and
 * end-to-end headers except cookies, CORS and transport ones. Redirects are handed back to the
 * caller, not followed (a redirect target must pass the allowlist on its own).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ProxyOptions {
  /** Allowed origins, e.g. ["https://api.example.com", "https://cdn.example.com:8443"]. */
  allow: readonly string[];
  /** Largest request body forwarded (default 1 MiB). */
  maxRequestBytes?: number;
  /** Largest response body returned (default 10 MiB). */
  maxResponseBytes?: number;
  /** Upstream time limit (default 30 s). */
  timeoutMs?: number;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);
// Hop-by-hop (RFC 9110 §7.6.1) and headers that identify our side or the user.
const DROP_REQUEST = new Set([
  'host', 'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding',
  'upgrade', 'content-length', 'cookie', 'origin', 'referer', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto',
  'x-real-ip', 'x-wx2tg-authorization', 'accept-encoding', 'expect',
]);
const DROP_RESPONSE = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length',
  'content-encoding', 'set-cookie', 'set-cookie2', 'strict-transport-security', 'alt-svc', 'server-timing',
]);

export class ProxyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function normalOrigin(u: URL): string {
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}

export class RequestProxy {
  private readonly allowed: Set<string>;
  private readonly maxRequest: number;
  private readonly maxResponse: number;
  private readonly timeout: number;

  constructor(options: ProxyOptions) {
    this.allowed = new Set(
      options.allow.map((entry) => {
        let u: URL;
        try {
          u = new URL(entry);
        } catch {
          throw new Error(`proxy allowlist entry "${entry}" is not a URL like https://api.example.com`);
        }
        if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`proxy allowlist entry "${entry}" must be http(s)`);
        if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.username || u.password) throw new Error(`proxy allowlist entry "${entry}" must be an origin only (scheme, host, port)`);
        return normalOrigin(u);
      }),
    );
    this.maxRequest = options.maxRequestBytes ?? 1 << 20;
    this.maxResponse = options.maxResponseBytes ?? 10 << 20;
    this.timeout = options.timeoutMs ?? 30_000;
  }

  /** The upstream URL if it is allowed; else throws ProxyError(403/400). */
  target(raw: string | null): URL {
    if (!raw) throw new ProxyError(400, 'missing ?url=');
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new ProxyError(400, 'url is not an absolute URL');
    }
    if (u.username || u.password) throw new ProxyError(400, 'credentials in the url are not forwarded');
    if (!this.allowed.has(normalOrigin(u))) throw new ProxyError(403, `${u.protocol}//${u.host} is not on the request allowlist`);
    return u;
  }

  /** Handles one proxied request (the caller has authenticated it). */
  async handle(req: IncomingMessage, res: ServerResponse, rawUrl: string | null): Promise<void> {
    try {
      await this.forward(req, res, rawUrl);
    } catch (e) {
      const err = e instanceof ProxyError ? e : new ProxyError(502, `upstream failed: ${(e as Error).message}`);
      if (!res.headersSent) {
        res.writeHead(err.status, { 'content-type': 'application/json; charset=utf-8', 'x-wx2tg-proxy-error': '1' });
        res.end(JSON.stringify({ error: err.message }));
      } else res.destroy();
    }
  }

  private async forward(req: IncomingMessage, res: ServerResponse, rawUrl: string | null): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (!METHODS.has(method)) throw new ProxyError(405, `method ${method} is not proxied`);
    const target = this.target(rawUrl);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.maxRequest) throw new ProxyError(413, `request body over ${this.maxRequest} bytes`);
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readLimited(req, this.maxRequest);
    const connectionListed = String(req.headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || DROP_REQUEST.has(k) || connectionListed.includes(k) || k.startsWith('sec-') || k.startsWith('access-control-')) continue;
      headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeout);
    let upstream: Response;
    try {
      upstream = await fetch(target, { method, headers, body: body && body.length ? body : undefined, redirect: 'manual', signal: controller.signal });
    } catch (e) {
      clearTimeout(timer);
      if (controller.signal.aborted) throw new ProxyError(504, `upstream did not answer within ${this.timeout} ms`);
      throw new ProxyError(502, `upstream unreachable: ${(e as Error).message}`);
    }
    try {
      const length = Number(upstream.headers.get('content-length') ?? 0);
      if (length > this.maxResponse) throw new ProxyError(502, `upstream response over ${this.maxResponse} bytes`);
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (upstream.body) {
        for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > this.maxResponse) {
            controller.abort();
            throw new ProxyError(502, `upstream response over ${this.maxResponse} bytes`);
          }
          chunks.push(chunk);
        }
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!DROP_RESPONSE.has(k) && !k.startsWith('access-control-')) out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(Buffer.concat(chunks));
    } catch (e) {
      if (controller.signal.aborted && !(e instanceof ProxyError)) throw new ProxyError(504, `upstream did not answer within ${this.timeout} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Reads a request body, refusing more than `max` bytes. */
export async function readLimited(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new ProxyError(413, `request body over ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
