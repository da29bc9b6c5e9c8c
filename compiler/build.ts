/**
 * `wx2tg build`: compile the whole program (failing with every diagnostic before anything is
 * written), bundle it with Vite into a staging folder beside --out, then swap it into place, so
 * that --out holds either the previous build or the new one, never half of one.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync, renameSync, mkdirSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { compileProgram, type CompiledProgram } from './compile.js';
import { indexHtml, wx2tgPlugins } from './vite/index.js';

export interface BuildOptions {
  out: string;
  /** Base path the bundle is served under; default './' (works under any path). */
  base?: string;
  sourcemap?: boolean;
  minify?: boolean;
  onPhase?: (phase: string, ms: number) => void;
}

export interface BuildResult {
  program: CompiledProgram;
  out: string;
  files: string[];
}

function titleOf(program: CompiledProgram): string {
  const w = program.graph.appJson.window as { navigationBarTitleText?: string } | undefined;
  return w?.navigationBarTitleText ?? 'Mini App';
}

/** A temporary Vite root holding index.html; the program's own files are read where they are. */
export function makeViteRoot(program: CompiledProgram): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-root-'));
  writeFileSync(path.join(dir, 'index.html'), indexHtml(titleOf(program)));
  return dir;
}

export async function buildProgram(dir: string, options: BuildOptions): Promise<BuildResult> {
  let t = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    options.onPhase?.(name, now - t);
    t = now;
  };
  const program = compileProgram(dir);
  phase('compile');
  const out = path.resolve(options.out);
  const staging = `${out}.staging-${process.pid}`;
  const root = makeViteRoot(program);
  try {
    const result = await viteBuild({
      configFile: false,
      root,
      base: options.base ?? './',
      logLevel: 'silent',
      plugins: wx2tgPlugins({ program }),
      css: { postcss: { plugins: [] } },
      build: {
        outDir: staging,
        emptyOutDir: true,
        assetsDir: 'assets',
        sourcemap: options.sourcemap ?? true,
        minify: options.minify ?? true,
        reportCompressedSize: false,
        chunkSizeWarningLimit: 2000,
      },
    });
    phase('bundle');
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
    swapInto(staging, out);
    return { program, out, files: outputs.map((o) => o.fileName) };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

function swapInto(staging: string, out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  try {
    renameSync(staging, out);
  } catch {
    cpSync(staging, out, { recursive: true });
  }
  rmSync(old, { recursive: true, force: true });
}
