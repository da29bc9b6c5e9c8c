/**
 * `wx2tg serve` and `wx2tg publish` (their modules; compiler/cli/main.ts routes to them):
 * configuration from the environment and a JSON file, webhook registration against the Bot API
 * stand-in, the bundle served beside the API, a clean stop on SIGTERM; publish's https check,
 * build, menu button and printed BotFather steps.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCommand } from '../../compiler/cli/publish.js';
import { startServe } from '../../compiler/cli/serve.js';
import { ConfigError, settingsFrom } from '../../server/serverConfig.js';
import { TelegramStandIn } from '../../server/telegramStandIn.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TOKEN = '777000111:AAcli-test';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-cli-'));
let tg: TelegramStandIn;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  tg = await new TelegramStandIn({ token: TOKEN, username: 'cli_test_bot' }).start();
});
afterAll(async () => {
  await tg.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('wx2tg serve', () => {
  it('reads the environment and the config file, registers the webhook with its secret, serves API and bundle', async () => {
    const port = await freePort();
    const site = path.join(tmp, 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>shop</title>');
    writeFileSync(path.join(tmp, 'secret.txt'), 'outside');
    const env = {
      BOT_TOKEN: TOKEN,
      DATABASE_URL: path.join(tmp, 'serve.sqlite'),
      WEBHOOK_SECRET: 'cli_secret',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_API_ROOT: tg.apiRoot,
    };
    const h = await startServe(['--port', String(port), '--host', '127.0.0.1', '--config', path.join(REPO, 'samples/showcase/server/wx2tg-server.json'), '--static', site], env);
    try {
      expect(tg.webhook).toEqual({ url: `http://127.0.0.1:${port}/wx2tg/telegram/webhook`, secretToken: 'cli_secret' });
      const health = await fetch(`${h.server.url}/wx2tg/health`);
      expect(await health.json()).toEqual({ ok: true, storage: 'sqlite' });
      expect(await (await fetch(`${h.server.url}/`)).text()).toContain('<title>shop</title>');
      expect((await fetch(`${h.server.url}/%2e%2e/secret.txt`)).status).toBe(404);
      expect((await fetch(`${h.server.url}/nope.js`)).status).toBe(404);
      // The catalog came from the file: an order for an item outside it is refused.
      const unauth = await fetch(`${h.server.url}/wx2tg/orders`, { method: 'POST', body: '{}' });
      expect(unauth.status).toBe(401);
    } finally {
      await h.stop();
    }
  });

  it('refuses a configuration that cannot work, saying what to fix', () => {
    const ok = { BOT_TOKEN: TOKEN };
    expect(() => settingsFrom({})).toThrow(/BOT_TOKEN is not set/);
    expect(() => settingsFrom({ BOT_TOKEN: 'nope' })).toThrow(/does not look like a bot token/);
    expect(() => settingsFrom({ ...ok, PUBLIC_URL: 'http://shop.example.com' })).toThrow(/PUBLIC_URL must be https/);
    expect(() => settingsFrom({ ...ok, PUBLIC_URL: 'https://shop.example.com' })).toThrow(/WEBHOOK_SECRET is not set/);
    expect(() => settingsFrom({ ...ok, WEBHOOK_SECRET: 'has space' })).toThrow(/only A-Z/);
    expect(() => settingsFrom({ ...ok, PORT: 'eighty' })).toThrow(/not a port/);
    expect(() => settingsFrom({ ...ok, APP_URL: 'http://x' })).toThrow(/APP_URL must be https/);
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ catalogue: {} }));
    expect(() => settingsFrom(ok, bad)).toThrow(ConfigError);
    expect(() => settingsFrom(ok, bad)).toThrow(/unknown key "catalogue"/);
    writeFileSync(bad, JSON.stringify({ proxy: { allowed: [] } }));
    expect(() => settingsFrom(ok, bad)).toThrow(/unknown key "proxy.allowed"/);
    writeFileSync(bad, JSON.stringify({ catalog: { tea: { title: 'Tea', price: 1.5 } } }));
    expect(() => settingsFrom(ok, bad)).toThrow(/positive integer price/);
    const s = settingsFrom({ ...ok, DATABASE_URL: 'postgres://u@h/db', PORT: '9000', APP_URL: 'https://shop.example.com/' });
    expect(s).toMatchObject({ databaseUrl: 'postgres://u@h/db', port: 9000, host: '0.0.0.0', kit: { botToken: TOKEN, subscribe: { appUrl: 'https://shop.example.com/' } } });
  });

  it('runs as a process until SIGTERM, then closes and exits 0', async () => {
    const port = await freePort();
    const script = `const { serveCommand } = await import(${JSON.stringify(path.join(REPO, 'dist/compiler/cli/serve.js'))}); process.exitCode = await serveCommand(['--port', '${port}', '--host', '127.0.0.1']);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, BOT_TOKEN: TOKEN, DATABASE_URL: path.join(tmp, 'proc.sqlite'), TELEGRAM_API_ROOT: tg.apiRoot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out, { timeout: 15_000 }).toContain('listening on');
    expect((await fetch(`http://127.0.0.1:${port}/wx2tg/health`)).status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out).toContain('SIGTERM, closing');
  });
});

describe('wx2tg publish', () => {
  const io = () => {
    const o = { out: '', err: '' };
    return { o, io: { out: (s: string) => void (o.out += s), err: (s: string) => void (o.err += s), env: {} as Record<string, string | undefined> } };
  };

  it('refuses a hosting URL that is not https or not reachable from Telegram', async () => {
    for (const url of ['http://shop.example.com/', 'https://localhost/app/', 'https://u:p@shop.example.com/', 'not a url']) {
      const { o, io: x } = io();
      expect(await publishCommand(['samples/hello', '--url', url, '--skip-build'], x), url).toBe(2);
      expect(o.err).toMatch(/wx2tg publish: /);
    }
  });

  it('builds, sets the menu button through the Bot API (the stand-in here) and lists the BotFather steps', async () => {
    const { o, io: x } = io();
    const out = path.join(tmp, 'pub-dist');
    const code = await publishCommand([path.join(REPO, 'samples/hello'), '--url', 'https://shop.example.com/app/', '--out', out, '--bot-token', TOKEN, '--api-root', tg.apiRoot, '--menu-text', 'Shop'], x);
    expect(o.err).toBe('');
    expect(code).toBe(0);
    expect(tg.menuButtons.get('default')).toEqual({ type: 'web_app', text: 'Shop', web_app: { url: 'https://shop.example.com/app/' } });
    expect(o.out).toContain('@cli_test_bot\'s menu button "Shop" now opens https://shop.example.com/app/');
    expect(o.out).toContain('/newapp');
    expect(o.out).toContain('Configure Mini App');
    expect(o.out).toContain('PROVIDER_TOKEN');
    expect(o.out).toContain('https://t.me/cli_test_bot/<short name>');
  });

  it('without a token changes nothing on Telegram and prints the call to make; a refused token fails', async () => {
    const before = tg.calls.length;
    const { o, io: x } = io();
    expect(await publishCommand(['samples/hello', '--url', 'https://shop.example.com/', '--skip-build'], x)).toBe(0);
    expect(tg.calls.length).toBe(before);
    expect(o.out).toContain('setChatMenuButton {"menu_button": {"type": "web_app"');
    const bad = io();
    expect(await publishCommand(['samples/hello', '--url', 'https://shop.example.com/', '--skip-build', '--bot-token', '1:wrong', '--api-root', tg.apiRoot], bad.io)).toBe(1);
    expect(bad.o.err).toMatch(/Bot API refused/);
  });
});
