/**
 * A running server kit: storage opened, HTTP listening, webhook registered (when PUBLIC_URL is
 * set), optionally the built bundle served from the same origin. Used by `wx2tg serve`, the
 * load test and anyone who wants the whole thing in one call.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createServerKit, type ServerKit } from './kit.js';
import { CloudService } from './cloud/index.js';
import { openStore } from './storage/index.js';
import type { Store } from './storage/store.js';
import type { ServeSettings } from './serverConfig.js';

export interface RunningServer {
  url: string;
  kit: ServerKit;
  store: Store;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a built bundle (GET/HEAD only, inside `dir`, index.html for folders). */
export function staticFiles(dir: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const root = path.resolve(dir);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, '.' + rel);
    if ((file !== root && !file.startsWith(root + path.sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const immutable = /[\\/]assets[\\/]/.test(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}

export async function runServer(settings: ServeSettings, options: { staticDir?: string; registerWebhook?: boolean } = {}): Promise<RunningServer> {
  const store = await openStore(settings.databaseUrl);
  let server: http.Server | null = null;
  try {
    // Uploaded files live beside the SQLite file (or in the working folder with PostgreSQL) unless configured.
    const sqliteFile = settings.databaseUrl && !/^postgres(ql)?:/i.test(settings.databaseUrl) ? settings.databaseUrl.replace(/^sqlite:(\/\/)?/i, '') : null;
    const filesDir = settings.cloud?.filesDir ?? (sqliteFile && sqliteFile !== ':memory:' ? path.join(path.dirname(path.resolve(sqliteFile)), 'wx2tg-cloud-files') : 'wx2tg-cloud-files');
    const extensions = [...(settings.kit.extensions ?? []), ...(settings.cloud ? [new CloudService({ ...settings.cloud, filesDir, reloadFunctions: settings.cloud.reloadFunctions ?? false })] : [])];
    const kit = createServerKit({ ...settings.kit, store, extensions });
    const files = options.staticDir ? staticFiles(options.staticDir) : null;
    server = http.createServer((req, res) =>
      kit.handle(req, res, () => {
        if (files) files(req, res);
        else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      }),
    );
    server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(settings.port, settings.host, resolve);
    });
    await kit.start();
    if (settings.publicUrl && options.registerWebhook !== false) await kit.setWebhook(settings.publicUrl);
    const addr = server.address() as AddressInfo;
    const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
    const s = server;
    return {
      url: `http://${host}:${addr.port}`,
      kit,
      store,
      async close() {
        // A keep-alive connection busy at close() goes on serving its client's next requests:
        // each is closed as soon as it falls idle, or a busy server would never finish closing.
        const idle = setInterval(() => s.closeIdleConnections(), 50);
        await new Promise<void>((r) => {
          s.close(() => r());
          s.closeIdleConnections();
        });
        clearInterval(idle);
        await kit.close();
        await store.close();
      },
    };
  } catch (e) {
    server?.close();
    await store.close();
    throw e;
  }
}
