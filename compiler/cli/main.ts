/**
 * The wx2tg command line: build | dev | check | publish | serve (the last two live in publish.ts
 * and serve.ts, which parse their own arguments).
 * Exit codes: 0 success (for check: the report was produced, whatever it found), 1 the program
 * has errors or cannot be read (every diagnostic printed), 2 bad usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProgram } from '../build.js';
import { checkProgram } from '../check/index.js';
import { formatReportHtml } from '../check/html.js';
import { formatReportText } from '../check/text.js';
import { CompileError, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { startDevServer } from '../dev.js';
import { PACKAGE_ROOT } from '../vite/index.js';

const HELP = `wx2tg — publish a WeChat mini-program as a Telegram Mini App

Usage:
  wx2tg build <miniprogram-dir> [--out dist] [--base ./]   build a static web bundle
  wx2tg dev <miniprogram-dir> [--port 5173] [--host 127.0.0.1]
                                                          serve it inside the Telegram simulator
  wx2tg check <miniprogram-dir> [--json] [--html report.html]
                                                          report what it uses of WeChat and how
                                                          much of it works on Telegram
  wx2tg publish <miniprogram-dir> --url https://host/path/ [--bot-token …]
                                                          build, check the hosting, set up the bot
  wx2tg serve [--config wx2tg-server.json] [--port 8787]  run the server kit (login, payments, …)
Options:
  -h, --help       show this help
  -v, --version    print the version

<miniprogram-dir> is the folder with project.config.json (its miniprogramRoot is followed)
or the folder that holds app.json.`;

function version(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

const isTTY = process.stderr.isTTY === true;
const color = (code: string, s: string): string => (isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);

function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const text = formatDiagnostic(d);
    process.stderr.write((d.severity === 'error' ? color('31', text) : color('33', text)) + '\n\n');
  }
}

export async function main(argv: string[]): Promise<number> {
  // Loaded on use: the server kit's dependencies (database, bot) are not needed to build.
  if (argv[0] === 'publish') return (await import('./publish.js')).publishCommand(argv.slice(1));
  if (argv[0] === 'serve') return (await import('./serve.js')).serveCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        base: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        'no-minify': { type: 'boolean' },
        json: { type: 'boolean' },
        html: { type: 'string' },
      },
    });
  } catch (e) {
    process.stderr.write(`wx2tg: ${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const [command, dir] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP + '\n');
    return values.help ? 0 : 2;
  }
  if (command !== 'build' && command !== 'dev' && command !== 'check') {
    process.stderr.write(`wx2tg: unknown command "${command}"\n\n${HELP}\n`);
    return 2;
  }
  if (!dir) {
    process.stderr.write(`wx2tg ${command}: missing <miniprogram-dir>\n`);
    return 2;
  }
  try {
    if (command === 'check') return check(dir, values.json === true, values.html);
    if (command === 'build') {
      const started = performance.now();
      const out = values.out ?? 'dist';
      const result = await buildProgram(dir, {
        out,
        base: values.base,
        minify: !values['no-minify'],
        onPhase: (phase, ms) => {
          if (isTTY) process.stderr.write(color('2', `  ${phase.padEnd(8)} ${ms.toFixed(0)} ms\n`));
        },
      });
      printDiagnostics(result.program.diagnostics);
      const pages = result.program.graph.pages.length;
      process.stdout.write(`wx2tg: built ${pages} page${pages === 1 ? '' : 's'} into ${path.relative(process.cwd(), result.out) || '.'} in ${(performance.now() - started).toFixed(0)} ms\n`);
      return 0;
    }
    const server = await startDevServer(dir, { port: values.port ? Number(values.port) : undefined, host: values.host });
    const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
    process.stdout.write(`wx2tg dev: the Telegram simulator is at ${url}\n`);
    return await new Promise<number>(() => {});
  } catch (e) {
    if (e instanceof CompileError) {
      printDiagnostics(e.diagnostics);
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(color('31', `wx2tg: ${n} error${n === 1 ? '' : 's'}; nothing was written.\n`));
      return 1;
    }
    process.stderr.write(color('31', `wx2tg: ${(e as Error).stack ?? e}\n`));
    return 1;
  }
}

/** `wx2tg check`: the report on stdout (text, or JSON with --json), and as a page with --html. */
function check(dir: string, json: boolean, html: string | undefined): number {
  const { report, diagnostics } = checkProgram(dir);
  printDiagnostics(diagnostics);
  if (html) {
    const file = path.resolve(html);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, formatReportHtml(report));
  }
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatReportText(report, { color: process.stdout.isTTY === true }));
  if (html) process.stderr.write(`wx2tg check: wrote ${path.relative(process.cwd(), path.resolve(html)) || html}\n`);
  return 0;
}
