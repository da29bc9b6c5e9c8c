/**
 * Throwaway mini-programs for the reliability tests: written from a map of files into a temp
 * folder, built by the real CLI and served on 127.0.0.1 (optionally with extra response headers).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { runCli, writeProgram } from '../helpers/sample.js';
import { serveStatic, type ServeOptions, type StaticServer } from '../helpers/serve.js';

export interface BuiltProgram {
  dir: string;
  out: string;
  server: StaticServer;
  close(): Promise<void>;
}

export async function buildProgram(files: Record<string, string>, serve: ServeOptions = {}): Promise<BuiltProgram> {
  const dir = writeProgram(files, 'wx2tg-rel-');
  const out = `${dir}-dist`;
  const res = await runCli(['build', dir, '--out', out]);
  if (res.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`wx2tg build failed (${res.code}):\n${res.stderr}\n${res.stdout}`);
  }
  const server = await serveStatic(out, serve);
  return {
    dir,
    out,
    server,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    },
  };
}

/** A page's four files (json optional). */
export function pageFiles(route: string, wxml: string, js: string, json: object = {}, wxss = ''): Record<string, string> {
  return { [`${route}.wxml`]: wxml, [`${route}.js`]: js, [`${route}.json`]: JSON.stringify(json), ...(wxss ? { [`${route}.wxss`]: wxss } : {}) };
}
