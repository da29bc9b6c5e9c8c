/** Builds a sample with the real CLI (as a user would run it) and serves the result. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serveStatic, type ServeOptions, type StaticServer } from './serve.js';

const run = promisify(execFile);
export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'bin/wx2tg.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd = REPO): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

export interface BuiltSample {
  out: string;
  server: StaticServer;
  close(): Promise<void>;
}

export async function buildAndServe(sample: string, serve: ServeOptions = {}): Promise<BuiltSample> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `wx2tg-${path.basename(sample)}-`));
  const out = path.join(tmp, 'dist');
  const res = await runCli(['build', path.resolve(REPO, sample), '--out', out]);
  if (res.code !== 0) throw new Error(`wx2tg build ${sample} failed (${res.code}):\n${res.stderr}\n${res.stdout}`);
  const server = await serveStatic(out, serve);
  return {
    out,
    server,
    async close() {
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Writes a throwaway mini-program from a map of files (path → content) into a temp folder; returns the folder. */
export function writeProgram(files: Record<string, string>, prefix = 'wx2tg-program-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}
