/**
 * Builds the bench pages into one temporary site, served from one origin:
 *   mp/        bench/apps/mp built by the real CLI (wx2tg build), its generated fields page added
 *   web/       bench/apps/vanilla and bench/apps/react bundled by Vite (production mode)
 *   static/    the empty static page (startup baseline)
 *   showcase/  samples/showcase built by the CLI (startup)
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build as viteBuild } from 'vite';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const APPS = path.join(ROOT, 'bench/apps');

/** wx2tg build <dir> --out <out>, as a user runs it. */
export async function cliBuild(dir, out) {
  try {
    await run(process.execPath, [path.join(ROOT, 'bin/wx2tg.js'), 'build', dir, '--out', out], { env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  } catch (e) {
    throw new Error(`wx2tg build ${dir} failed:\n${e.stderr ?? ''}${e.stdout ?? ''}${e.message}`);
  }
}

/** The fields page: 1,000 fields each bound once (generated: 1,000 lines nobody should commit). */
export function fieldsWxml(n = 1000) {
  const lines = ['<view class="fields">'];
  for (let i = 0; i < n; i++) lines.push(`  <view>{{f${i}}}</view>`);
  lines.push('</view>');
  return lines.join('\n') + '\n';
}

export async function buildSite({ showcase = true } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-benchsite-'));
  const site = path.join(tmp, 'site');
  mkdirSync(site);
  const mpSrc = path.join(tmp, 'mp-src');
  cpSync(path.join(APPS, 'mp'), mpSrc, { recursive: true });
  writeFileSync(path.join(mpSrc, 'pages/fields/index.wxml'), fieldsWxml());
  const jobs = [
    cliBuild(mpSrc, path.join(site, 'mp')),
    viteBuild({
      configFile: false,
      root: APPS,
      base: './',
      logLevel: 'silent',
      mode: 'production',
      build: {
        outDir: path.join(site, 'web'),
        emptyOutDir: true,
        reportCompressedSize: false,
        rolldownOptions: {
          input: {
            vanilla: path.join(APPS, 'vanilla/index.html'),
            bindings: path.join(APPS, 'vanilla/bindings.html'),
            react: path.join(APPS, 'react/index.html'),
          },
        },
      },
    }),
  ];
  if (showcase) jobs.push(cliBuild(path.join(ROOT, 'samples/showcase'), path.join(site, 'showcase')));
  await Promise.all(jobs);
  cpSync(path.join(APPS, 'static'), path.join(site, 'static'), { recursive: true });
  return { site, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}
