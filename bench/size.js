/**
 * Size: each built asset of a sample, min and gzip (level 9), in four kinds:
 *   initial   what index.html loads before any program code runs: its script, stylesheet and
 *             modulepreloads and their static imports (the eager runtime chunk among them)
 *   lazy      chunks loaded on demand by dynamic import: pages, components, and the parts of the
 *             runtime split off for first use (feedback UI, payments, sockets, …)
 *   sub-*     subpackage chunks; simulator: loaded only outside Telegram
 * The runtime figure is the eager runtime chunk (wx2tg-runtime-*.js) plus the part of wx's
 * tables index.html carries, also given without the Telegram bridge (see BRIDGE). The runtime's bytes per
 * source module and per runtime folder (minified, from the source maps, lazy chunks included)
 * show where growth comes from. What the first screen really fetches is measured in the startup
 * bench (a browser load).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../dist/compiler/build.js';
import { bytesBySource, withoutSources } from './lib/sourcemap.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * The Telegram bridge (issue 11's target counts the runtime "without the Telegram bridge
 * package"): our own bridge modules. The runtime chunk without them is the chunk's minified code
 * with the bytes the source map gives to runtime/telegram/* cut out, gzipped alone (the calls
 * into the bridge from other modules stay).
 */
const BRIDGE = 'runtime/telegram/';
const SOURCE_MAP_COMMENT = /\n?\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/;

/** index.html's own assets, then every static import of them, transitively (file names in assets/). */
export function staticClosure(out) {
  const html = readFileSync(path.join(out, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set();
  while (queue.length) {
    const f = queue.pop();
    if (seen.has(f) || !existsSync(path.join(out, 'assets', f))) continue;
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const code = readFileSync(path.join(out, 'assets', f), 'utf8');
    // import{…}from"./x.js" | import"./x.js" | export*from"./x.js" — not import("./x.js").
    for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[^'"()]*?\bfrom\s*)?["']\.\/([^"']+)["']/g)) queue.push(m[1]);
  }
  return seen;
}

/** Sources of a built file as runtime/… or common/… paths (else as given). */
function moduleName(source) {
  const m = /(?:^|\/)((?:runtime|common)\/.*)$/.exec(source.replace(/\/dist\//, '/'));
  return m ? m[1] : source.replace(/^(\.\.\/)+/, '');
}

export async function sizes(name) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-size-'));
  try {
    const out = path.join(tmp, 'out');
    await buildProgram(path.join(ROOT, 'samples', name), { out, sourcemap: true });
    const assets = readdirSync(path.join(out, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const initial = staticClosure(out);
    const modules = new Map();
    const rows = assets.map((f) => {
      const abs = path.join(out, 'assets', f);
      // Measured without the sourceMappingURL comment, which a build without maps does not write.
      const code = readFileSync(abs, 'utf8').replace(SOURCE_MAP_COMMENT, '');
      const buf = Buffer.from(code);
      const file = f.replace(/-[\w-]{8}\.(js|css)$/, '.$1');
      const kind = initial.has(f) ? 'initial' : file.startsWith('sub-') ? 'subpackage' : file.startsWith('simulator') ? 'simulator' : 'lazy';
      let runtimeBytes = 0;
      let mappedBytes = 0;
      let withoutBridge = null;
      if (f.endsWith('.js') && existsSync(abs + '.map')) {
        const map = JSON.parse(readFileSync(abs + '.map', 'utf8'));
        if (file.startsWith('wx2tg-runtime')) withoutBridge = gzipSync(Buffer.from(withoutSources(code, map, (source) => moduleName(source).startsWith(BRIDGE))), { level: 9 }).length;
        for (const [source, bytes] of bytesBySource(code, map)) {
          if (source !== '(unmapped)') mappedBytes += bytes;
          const mod = moduleName(source);
          // A chunk is the runtime's when most of its mapped bytes are (a long string may map to no segment).
          if (!/^(runtime|common)\//.test(mod) || kind === 'simulator') continue;
          runtimeBytes += bytes;
          const m = modules.get(mod) ?? { module: mod, bytes: 0, lazy: 0 };
          m.bytes += bytes;
          if (kind !== 'initial') m.lazy += bytes;
          modules.set(mod, m);
        }
      }
      return { file, kind, min: buf.length, gzip: gzipSync(buf, { level: 9 }).length, runtime: runtimeBytes > mappedBytes / 2, withoutBridge };
    });
    rows.sort((a, b) => b.gzip - a.gzip);
    const sum = (xs, k = 'gzip') => xs.reduce((n, r) => n + r[k], 0);
    const runtime = rows.filter((r) => r.file.startsWith('wx2tg-runtime'));
    // The part of wx's tables the build put in index.html (compiler/vite/apiTables.ts) is runtime
    // data moved out of the chunk: its gzip counts toward the runtime figures.
    const tables = /<script type="application\/json" id="wx2tg-api-tables">([^<]*)<\/script>/.exec(readFileSync(path.join(out, 'index.html'), 'utf8'))?.[1] ?? '';
    const tablesGzip = tables ? gzipSync(Buffer.from(tables), { level: 9 }).length : 0;
    const byModule = [...modules.values()].sort((a, b) => b.bytes - a.bytes);
    const folders = new Map();
    for (const m of byModule) {
      const parts = m.module.split('/');
      const folder = parts[0] === 'runtime' && parts.length > 2 ? `runtime/${parts[1]}` : parts[0];
      folders.set(folder, (folders.get(folder) ?? 0) + m.bytes);
    }
    return {
      sample: name,
      rows,
      modules: { byModule, byFolder: [...folders].map(([folder, bytes]) => ({ folder, bytes })).sort((a, b) => b.bytes - a.bytes) },
      runtimeMin: sum(runtime, 'min'),
      runtimeGzip: sum(runtime) + tablesGzip,
      runtimeWithoutBridgeGzip: sum(runtime, 'withoutBridge') + tablesGzip,
      tablesMin: Buffer.byteLength(tables),
      tablesGzip,
      runtimeLazyGzip: sum(rows.filter((r) => r.kind === 'lazy' && r.runtime)),
      initialGzip: sum(rows.filter((r) => r.kind === 'initial')),
      allGzip: sum(rows.filter((r) => r.kind !== 'simulator')),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
