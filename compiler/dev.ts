/**
 * `wx2tg dev`: a Vite dev server for the program, wrapped in the Telegram simulator. `/` is the
 * simulator (a phone-sized frame and a panel: bridge log, theme switch, back button, pending
 * popups/invoices/QR scans); the frame loads `/app.html` with signed launch parameters, exactly
 * as Telegram Web opens a Mini App in an iframe.
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer, type ViteDevServer, type Plugin } from 'vite';
import { signInitData } from '../server/initData.js';
import type { DevBackend } from '../server/devBackend.js';
import { compileProgram } from './compile.js';
import { makeViteRoot, STATIC_ASSET } from './build.js';
import { PACKAGE_ROOT, wx2tgPlugins } from './vite/index.js';

export const DEV_BOT_TOKEN = process.env.WX2TG_BOT_TOKEN ?? '1000000001:wx2tg-dev-simulator-token';
const PANEL_URL = '/@wx2tg-panel.js';
const PANEL_ENTRY = path.join(PACKAGE_ROOT, 'dist/runtime/telegram/panel.js');

export interface DevOptions {
  /** false: do not start the server kit beside the dev server. */
  backend?: boolean;
  port?: number;
  host?: string;
}

/** Launch parameters a Telegram client would append to the Mini App URL, signed with the dev token. */
export function devLaunchHash(themeParams: Record<string, string>, startParam = ''): string {
  const fields: Record<string, string> = {
    user: JSON.stringify({ id: 700000001, first_name: 'Ada', last_name: 'Tester', username: 'wx2tg_ada', language_code: 'en', allows_write_to_pm: true }),
    chat_instance: '-1',
    chat_type: 'sender',
    auth_date: String(Math.floor(Date.now() / 1000)),
    signature: 'dev',
  };
  if (startParam) fields.start_param = startParam;
  const hash = new URLSearchParams();
  hash.set('tgWebAppData', signInitData(fields, DEV_BOT_TOKEN));
  hash.set('tgWebAppVersion', '9.1');
  hash.set('tgWebAppPlatform', 'weba');
  hash.set('tgWebAppThemeParams', JSON.stringify(themeParams));
  return hash.toString();
}

function staticAssetsPlugin(root: string): Plugin {
  return {
    name: 'wx2tg:static-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!STATIC_ASSET.test(url.pathname)) return next();
        const file = path.join(root, decodeURIComponent(url.pathname));
        if (!file.startsWith(root + path.sep) || !existsSync(file)) return next();
        res.setHeader('cache-control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
  };
}

function simulatorPlugin(): Plugin {
  return {
    name: 'wx2tg:simulator',
    resolveId(id) {
      if (id === PANEL_URL) return PANEL_ENTRY;
      return null;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/__wx2tg/launch')) return next();
        const url = new URL(req.url, 'http://localhost');
        let theme: Record<string, string> = {};
        try {
          theme = JSON.parse(url.searchParams.get('theme') ?? '{}') as Record<string, string>;
        } catch {
          theme = {};
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ hash: devLaunchHash(theme, url.searchParams.get('startapp') ?? '') }));
      });
    },
  };
}

export async function startDevServer(dir: string, options: DevOptions = {}): Promise<ViteDevServer> {
  const program = compileProgram(dir);
  const root = makeViteRoot(program);
  // The app page moves to app.html; index.html becomes the simulator around it.
  const appHtml = path.join(root, 'app.html');
  writeFileSync(appHtml, (await import('node:fs')).readFileSync(path.join(root, 'index.html'), 'utf8'));
  writeFileSync(
    path.join(root, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<link rel="icon" href="data:,"><title>wx2tg simulator</title><script type="module" src="${PANEL_URL}"></script></head><body></body></html>`,
  );
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [...wx2tgPlugins({ program }), simulatorPlugin(), staticAssetsPlugin(program.graph.root)],
    css: { postcss: { plugins: [] } },
    // The runtime and the program are plain ES modules: nothing to pre-bundle or scan for.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      port: options.port ?? 5173,
      host: options.host ?? '127.0.0.1',
      strictPort: false,
      fs: { allow: [root, program.graph.root, PACKAGE_ROOT] },
      watch: { ignored: ['**/node_modules/**'] },
    },
  });
  await server.listen();
  // The server kit (login, payments, subscribe messages) with a Bot API stand-in, where the
  // program's config points (127.0.0.1:8787); the panel's "paid" button pays through it.
  const backend = options.backend === false ? null : await startBackend(program.graph.root, dir);
  if (backend) {
    server.middlewares.use(backend.panelMiddleware);
    const close = server.close.bind(server);
    server.close = async () => {
      await close();
      await backend.close();
    };
  }
  return server;
}

async function startBackend(programRoot: string, dir: string): Promise<DevBackend | null> {
  const { startDevBackend } = await import('../server/devBackend.js');
  const configFile = [path.join(dir, 'server', 'wx2tg-server.json'), path.join(programRoot, 'server', 'wx2tg-server.json')].find((f) => existsSync(f));
  try {
    return await startDevBackend({ botToken: DEV_BOT_TOKEN, port: Number(process.env.WX2TG_DEV_BACKEND_PORT ?? 8787), configFile, projectDir: dir });
  } catch (err) {
    // Another dev server has it (or the port is taken): the simulator works without it.
    process.stderr.write(`wx2tg dev: the server kit did not start (${(err as Error).message}); login and payments will not reach a server\n`);
    return null;
  }
}
