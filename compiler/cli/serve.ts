/**
 * `wx2tg serve`: the server kit as a ready server. Secrets and places come from the environment
 * (BOT_TOKEN, DATABASE_URL, WEBHOOK_SECRET, PUBLIC_URL, PORT; see docs/server.md), the rest from
 * an optional JSON file (--config). Runs until SIGINT/SIGTERM, then closes cleanly.
 * Exit codes: 0 stopped by a signal, 1 failed to start, 2 bad usage or configuration.
 */
import { parseArgs } from 'node:util';
import { runServer, type RunningServer } from '../../server/run.js';
import { ConfigError, settingsFrom, type ServeEnv } from '../../server/serverConfig.js';

export const SERVE_HELP = `wx2tg serve [--config wx2tg-server.json] [--program <miniprogram-dir>] [--port 8787] [--host 0.0.0.0] [--static dist] [--no-webhook]

Runs the server kit: login (code2Session), orders and Telegram payments, subscribe messages,
the request proxy and the bot webhook, under /wx2tg. With --program (or a "cloud" section in
the config), also wx.cloud: the program's cloud functions (project.config.json
"cloudfunctionRoot"), the document database and file storage, under /wx2tg/cloud.

Environment:
  BOT_TOKEN          the bot's token from @BotFather (required)
  DATABASE_URL       postgres://… for PostgreSQL; else an SQLite file (default ./wx2tg.sqlite)
  WEBHOOK_SECRET     secret Telegram sends with each update (required with PUBLIC_URL)
  PUBLIC_URL         this server's https URL; when set, the webhook is registered at start
  PORT, HOST         where to listen (default 8787 on 0.0.0.0)
  TELEGRAM_API_ROOT  Bot API base URL (default https://api.telegram.org)
  OPENID_SECRET, UNIONID_SECRET, SESSION_SECRET, PROVIDER_TOKEN, APP_URL   see docs/server.md`;

export interface ServeHandle {
  server: RunningServer;
  stop(): Promise<void>;
}

/** Starts the server from arguments and an environment; for the command and for tests. */
export async function startServe(argv: string[], env: ServeEnv = process.env as ServeEnv): Promise<ServeHandle> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      program: { type: 'string' },
      'no-webhook': { type: 'boolean' },
    },
  });
  const settings = settingsFrom(env, values.config, { port: values.port, host: values.host, program: values.program });
  const server = await runServer(settings, { staticDir: values.static, registerWebhook: !values['no-webhook'] });
  return { server, stop: () => server.close() };
}

export async function serveCommand(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(SERVE_HELP + '\n');
    return 0;
  }
  let handle: ServeHandle;
  try {
    handle = await startServe(argv);
  } catch (e) {
    const usage = e instanceof ConfigError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`wx2tg serve: ${(e as Error).message}\n`);
    if (usage) process.stderr.write(`\n${SERVE_HELP}\n`);
    return usage ? 2 : 1;
  }
  const { server } = handle;
  process.stdout.write(`wx2tg serve: listening on ${server.url}/wx2tg (storage: ${server.store.dialect})\n`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      process.stdout.write(`wx2tg serve: ${signal}, closing\n`);
      handle.stop().then(
        () => resolve(0),
        (err) => {
          process.stderr.write(`wx2tg serve: closing failed: ${(err as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
