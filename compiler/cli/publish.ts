/**
 * `wx2tg publish <miniprogram-dir> --url https://…/`: builds the program, checks where it will
 * be hosted, and sets the bot up: with a token (--bot-token or BOT_TOKEN) it performs what the
 * Bot API allows (the menu button that opens the Mini App), without one it prints those calls;
 * either way it lists the @BotFather steps no API can do. The Bot API base URL is configurable
 * (--api-root or TELEGRAM_API_ROOT) so tests can point it at a stand-in.
 * Exit codes: 0 done, 1 build or Bot API failure, 2 bad usage (e.g. a hosting URL that is not https).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import { buildProgram } from '../build.js';
import { CompileError, formatDiagnostic } from '../diagnostics.js';

export const PUBLISH_HELP = `wx2tg publish <miniprogram-dir> --url https://host/path/ [--out dist] [--skip-build]
              [--bot-token T] [--api-root URL] [--menu-text "Open"] [--verify]
              [--ton-name NAME] [--ton-icon URL]

Builds the program into --out (default dist), checks the hosting URL, then sets the bot's menu
button to open the Mini App there (with a token) or prints how to (without). Lists the
@BotFather steps that cannot be automated.

  --url          where dist/ will be served (must be https; Telegram opens Mini Apps only over HTTPS)
  --bot-token    the bot's token (or BOT_TOKEN); without it nothing is changed on Telegram
  --api-root     Bot API base URL (or TELEGRAM_API_ROOT; default https://api.telegram.org)
  --verify       also fetch --url and check it serves the built index.html
  --ton-name, --ton-icon
                 TON payments: the name and icon (180×180 PNG URL, or a path in the program)
                 wallets show; with them, or with app.json "telegram": {"ton": {…}}, publish
                 writes tonconnect-manifest.json beside index.html`;

/** app.json "telegram": {"ton": …}: what `publish` puts in tonconnect-manifest.json. */
export interface TonAppConfig {
  name?: string;
  iconUrl?: string;
  termsOfUseUrl?: string;
  privacyPolicyUrl?: string;
}

const TON_KEYS = ['name', 'iconUrl', 'termsOfUseUrl', 'privacyPolicyUrl'];

/**
 * The TON Connect manifest for a program hosted at `url` (TON Connect's format: url, name and
 * iconUrl required; terms and privacy optional), or a list of problems. Relative icon and page
 * paths are resolved against the hosting URL.
 */
export function tonConnectManifest(url: string, ton: unknown, fallbackName: string, flags: { name?: string; icon?: string } = {}): { manifest: Record<string, string> } | { problems: string[] } {
  const problems: string[] = [];
  const conf: TonAppConfig = ton === true || ton === undefined ? {} : (ton as TonAppConfig);
  if (!conf || typeof conf !== 'object' || Array.isArray(conf)) return { problems: ['app.json telegram.ton must be an object ({"name", "iconUrl", "termsOfUseUrl", "privacyPolicyUrl"}) or true'] };
  for (const k of Object.keys(conf)) if (!TON_KEYS.includes(k)) problems.push(`app.json telegram.ton: unknown key "${k}" (known: ${TON_KEYS.join(', ')})`);
  const abs = (v: unknown, what: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v.trim()) {
      problems.push(`app.json telegram.ton.${what} must be a URL or a path in the program`);
      return undefined;
    }
    const u = new URL(v.replace(/^\/+/, ''), url);
    if (u.protocol !== 'https:') problems.push(`telegram.ton.${what}: ${u.href} must be https (wallets fetch it)`);
    return u.href;
  };
  const name = flags.name ?? conf.name ?? fallbackName;
  const iconUrl = abs(flags.icon ?? conf.iconUrl, 'iconUrl');
  if (!name || typeof name !== 'string') problems.push('TON Connect needs a name: app.json telegram.ton.name or --ton-name');
  if (!iconUrl && !problems.some((p) => p.includes('iconUrl'))) problems.push('TON Connect needs an icon (a 180×180 PNG): app.json telegram.ton.iconUrl or --ton-icon');
  const terms = abs(conf.termsOfUseUrl, 'termsOfUseUrl');
  const privacy = abs(conf.privacyPolicyUrl, 'privacyPolicyUrl');
  if (problems.length) return { problems };
  const manifest: Record<string, string> = { url: url.replace(/\/+$/, ''), name: name as string, iconUrl: iconUrl! };
  if (terms) manifest.termsOfUseUrl = terms;
  if (privacy) manifest.privacyPolicyUrl = privacy;
  return { manifest };
}

export interface PublishIO {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
}

/** Problems with a hosting URL for a Mini App; empty when it is fine. */
export function hostingProblems(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [`"${url}" is not an absolute URL`];
  }
  const problems: string[] = [];
  if (u.protocol !== 'https:') problems.push(`the hosting URL must be https:// (Telegram opens Mini Apps only over HTTPS), not ${u.protocol}//`);
  if (u.username || u.password) problems.push('the hosting URL must not carry a user name or password');
  if (u.hash) problems.push('the hosting URL must not have a #fragment (Telegram appends its launch data there)');
  if (/^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0)/.test(u.hostname)) problems.push(`${u.hostname} is not reachable from Telegram clients`);
  return problems;
}

function botFatherSteps(url: string, bot: string | null, menuText: string): string[] {
  const who = bot ? `@${bot}` : 'your bot';
  return [
    `In @BotFather (these have no Bot API):`,
    `  1. /newapp → choose ${who} → title, description, a 640×360 photo, the URL ${url}, and a short name.`,
    `     Its direct link is https://t.me/${bot ?? '<bot>'}/<short name>; put "telegram": {"bot": "${bot ?? '<bot>'}", "app": "<short name>"}`,
    `     in app.json so shared pages link to it.`,
    `  2. /mybots → ${who} → Bot Settings → Configure Mini App → Enable Mini App, URL ${url}`,
    `     (the Launch button on the bot's profile and https://t.me/${bot ?? '<bot>'}?startapp links).`,
    `  3. Payments: Telegram Stars (XTR) need no set-up. For card payments: /mybots → ${who} → Payments,`,
    `     connect a provider, and give its token to wx2tg serve as PROVIDER_TOKEN.`,
    `  4. Origin protection (Bot API 10.2) lets Mini App methods run only from the Mini App's own domain:`,
    `     serve the bundle from ${new URL(url).host}, or turn the protection off for the bot in @BotFather.`,
    `Your server: run \`wx2tg serve\` with BOT_TOKEN, WEBHOOK_SECRET and PUBLIC_URL (it registers the webhook),`,
    `and set app.json "telegram": {"server": "<PUBLIC_URL>/wx2tg"} so the runtime can reach it.`,
    bot ? '' : `Menu button (done for you with --bot-token): setChatMenuButton {"menu_button": {"type": "web_app", "text": ${JSON.stringify(menuText)}, "web_app": {"url": "${url}"}}}`,
  ].filter(Boolean);
}

export async function publishCommand(argv: string[], io: PublishIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'skip-build': { type: 'boolean' },
        'bot-token': { type: 'string' },
        'api-root': { type: 'string' },
        'menu-text': { type: 'string' },
        verify: { type: 'boolean' },
        'ton-name': { type: 'string' },
        'ton-icon': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`wx2tg publish: ${(e as Error).message}\n\n${PUBLISH_HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(PUBLISH_HELP + '\n');
    return 0;
  }
  const dir = positionals[0];
  if (!dir || !values.url) {
    io.err(`wx2tg publish: ${!dir ? 'missing <miniprogram-dir>' : 'missing --url (where the bundle will be hosted)'}\n\n${PUBLISH_HELP}\n`);
    return 2;
  }
  const problems = hostingProblems(values.url);
  if (problems.length) {
    for (const p of problems) io.err(`wx2tg publish: ${p}\n`);
    return 2;
  }
  const url = values.url;
  const out = values.out ?? 'dist';
  let title = 'Open';
  if (!values['skip-build']) {
    try {
      const result = await buildProgram(dir, { out, base: './', minify: true });
      for (const d of result.program.diagnostics) io.err(formatDiagnostic(d) + '\n');
      const w = result.program.graph.appJson.window as { navigationBarTitleText?: string } | undefined;
      title = w?.navigationBarTitleText ?? title;
      io.out(`wx2tg publish: built ${result.program.graph.pages.length} pages into ${path.relative(process.cwd(), result.out) || '.'}; upload it to ${url}\n`);
      // TON payments: wallets read the dApp's manifest (TON Connect); the runtime asks for it beside index.html.
      const ton = (result.program.graph.appJson.telegram as { ton?: unknown } | undefined)?.ton;
      if (ton !== undefined || values['ton-name'] || values['ton-icon']) {
        const made = tonConnectManifest(url, ton, title === 'Open' ? path.basename(path.resolve(dir)) : title, { name: values['ton-name'], icon: values['ton-icon'] });
        if ('problems' in made) {
          for (const p of made.problems) io.err(`wx2tg publish: ${p}\n`);
          return 2;
        }
        writeFileSync(path.join(result.out, 'tonconnect-manifest.json'), JSON.stringify(made.manifest, null, 2) + '\n');
        io.out(`wx2tg publish: wrote tonconnect-manifest.json (TON Connect: "${made.manifest.name}")\n`);
      }
    } catch (e) {
      if (e instanceof CompileError) for (const d of e.diagnostics) io.err(formatDiagnostic(d) + '\n');
      else io.err(`wx2tg publish: build failed: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const menuText = values['menu-text'] ?? title;
  if (values.verify) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
      const body = await res.text();
      if (!res.ok) io.err(`wx2tg publish: warning: ${url} answered ${res.status}\n`);
      else if (!/<script[^>]+type="module"/.test(body)) io.err(`wx2tg publish: warning: ${url} does not look like the built index.html\n`);
      else io.out(`wx2tg publish: ${url} serves the bundle\n`);
    } catch (e) {
      io.err(`wx2tg publish: warning: could not fetch ${url}: ${(e as Error).message}\n`);
    }
  }
  const token = values['bot-token'] ?? io.env.BOT_TOKEN;
  let bot: string | null = null;
  if (token) {
    const apiRoot = (values['api-root'] ?? io.env.TELEGRAM_API_ROOT ?? '').replace(/\/+$/, '');
    const api = new Api(token, apiRoot ? { apiRoot } : {});
    try {
      const me = await api.getMe();
      bot = me.username;
      await api.setChatMenuButton({ menu_button: { type: 'web_app', text: menuText, web_app: { url } } });
      io.out(`wx2tg publish: @${bot}'s menu button "${menuText}" now opens ${url}\n`);
    } catch (e) {
      io.err(`wx2tg publish: the Bot API refused: ${(e as Error).message}\n`);
      return 1;
    }
  }
  io.out(botFatherSteps(url, bot, menuText).join('\n') + '\n');
  return 0;
}
