/**
 * The back end `wx2tg dev` can run beside the simulator, so login, payments and subscribe
 * messages work without Telegram: the server kit (in-memory SQLite unless a file is given) and
 * the Bot API stand-in playing Telegram's servers. The simulator's panel plays the Telegram
 * client; when the person presses "paid" on an invoice, the panel asks `payInvoice` (mounted at
 * POST /__wx2tg/invoice {slug, user}) to run Telegram's side first — pre_checkout_query to the
 * kit, then successful_payment — and shows the status that comes back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudService } from './cloud/index.js';
import { cloudOptionsFor } from './cloud/project.js';
import { createServerKit, type KitOptions, type ServerKit } from './kit.js';
import { openStore } from './storage/index.js';
import type { Store } from './storage/store.js';
import { readFileConfig } from './serverConfig.js';
import { TelegramStandIn, type StandInUser } from './telegramStandIn.js';

export interface DevBackendOptions {
  botToken: string;
  /** Port of the kit's HTTP server (default 8787, what samples' configs point at; 0: any). */
  port?: number;
  host?: string;
  /** A wx2tg-server.json (catalog, templates…), e.g. <program>/server/wx2tg-server.json. */
  configFile?: string;
  /** SQLite file; default in memory (orders vanish with the dev server). */
  database?: string;
  hooks?: KitOptions['hooks'];
  /** The program's project folder: its cloud functions (project.config.json cloudfunctionRoot) run on the kit. */
  projectDir?: string;
}

export interface DevBackend {
  /** Base URL of the kit, e.g. http://127.0.0.1:8787/wx2tg */
  url: string;
  kit: ServerKit;
  store: Store;
  telegram: TelegramStandIn;
  /** Connect-style middleware for POST /__wx2tg/invoice {slug, user?} → {status}. */
  panelMiddleware: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
  close(): Promise<void>;
}

export async function startDevBackend(options: DevBackendOptions): Promise<DevBackend> {
  const telegram = await new TelegramStandIn({ token: options.botToken, username: 'wx2tg_dev_bot', allowAllWrites: true }).start();
  const store = await openStore(options.database ?? 'sqlite::memory:');
  const { cloud: cloudConfig, ...file } = options.configFile && existsSync(options.configFile) ? readFileConfig(options.configFile) : {};
  const cloudOptions = cloudOptionsFor(options.projectDir, cloudConfig, options.configFile ? path.dirname(options.configFile) : process.cwd());
  // Files uploaded in a dev session live as long as its in-memory database.
  const filesDir = cloudOptions && !cloudOptions.filesDir ? mkdtempSync(path.join(os.tmpdir(), 'wx2tg-dev-files-')) : null;
  const extensions = cloudOptions ? [new CloudService({ ...cloudOptions, ...(filesDir ? { filesDir } : {}) })] : [];
  const kit = createServerKit({ botToken: options.botToken, store, webhookSecret: 'wx2tg-dev', apiRoot: telegram.apiRoot, ...file, hooks: options.hooks, fulfilRetryMs: 0, extensions, rateLimit: false });
  const server = http.createServer(kit.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', resolve);
    });
  } catch (e) {
    await store.close();
    await telegram.stop();
    throw e;
  }
  const origin = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  await kit.start();
  await kit.setWebhook(origin);

  const panelMiddleware: DevBackend['panelMiddleware'] = (req, res, next) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/__wx2tg/invoice')) return next();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let status = 'failed';
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { slug?: string; user?: StandInUser };
          const user: StandInUser = { ...(body.user ?? { id: 0, first_name: 'User' }), is_bot: false };
          if (body.slug && telegram.invoices.has(body.slug)) {
            const r = await telegram.pay(body.slug, user);
            status = r.status === 'paid' ? 'paid' : 'failed';
          }
        } catch {
          status = 'failed';
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status }));
      })();
    });
  };

  return {
    url: `${origin}${kit.basePath}`,
    kit,
    store,
    telegram,
    panelMiddleware,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await kit.close();
      await store.close();
      await telegram.stop();
      if (filesDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
