/**
 * wx.cloud (the recorder in the runtime chunk, ~0.8 KB gzip, and its lazily loaded client,
 * ~5 KB) only in builds of programs that use it: some script mentions it (`wx.cloud`,
 * `wx['cloud']`, `const { cloud } = wx`). In the others wx.cloud and the runtime's
 * `import('./cloudClient.js')` (from <image>) are a module whose calls fail in WeChat's form,
 * saying why.
 * `wx2tg dev` always has the real client (a script may start using wx.cloud while it runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const CLOUD_OFF = '\0wx2tg-cloud-off';
const FACADE_OFF = '\0wx2tg-cloud-facade-off';
const MENTION = /\bwx\s*(?:\??\.\s*cloud\b|\[\s*['"`]cloud['"`]\s*\])|\{[^{}]*\bcloud\b[^{}]*\}\s*=\s*wx\b/;

/** Does any script under `root` (miniprogram_npm included, node_modules not) mention wx.cloud? */
export function programUsesCloud(root: string): boolean {
  const walk = (dir: string, depth: number): boolean => {
    if (depth > 12) return false;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (walk(p, depth + 1)) return true;
      } else if (/\.(js|ts|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        try {
          if (MENTION.test(readFileSync(p, 'utf8'))) return true;
        } catch {
          // unreadable: not ours to judge
        }
      }
    }
    return false;
  };
  return walk(root, 0);
}

const STUB = `const WHY = 'this program was built without wx.cloud: none of its scripts mentions wx.cloud';
function err(api) { const e = new Error(api + ':fail ' + WHY); e.errCode = -1; e.errMsg = e.message; return e; }
function failing(api) {
  return (p) => {
    const e = err(api);
    if (p && (typeof p.fail === 'function' || typeof p.complete === 'function' || typeof p.success === 'function')) {
      if (typeof p.fail === 'function') p.fail(e);
      if (typeof p.complete === 'function') p.complete(e);
      return undefined;
    }
    return Promise.reject(e);
  };
}
export const cloud = new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? failing('cloud.' + k) : undefined) });
export function failure(api) { return err(api); }
export function tempUrl() { return Promise.reject(err('cloud.getTempFileURL')); }
`;

/** wx.cloud itself (runtime/api/cloud.js, the recorder) in a program that never names it. */
const FACADE_STUB = `import { cloud as failing } from '${CLOUD_OFF}';\nexport const cloud = failing;\n`;

export function cloudPlugin(root: string): Plugin {
  let uses: boolean | undefined;
  return {
    name: 'wx2tg:cloud',
    enforce: 'pre',
    apply: 'build',
    resolveId(id, importer) {
      if (id === CLOUD_OFF) return CLOUD_OFF;
      if (id === './cloud.js' && importer && /[\\/]runtime[\\/]api[\\/]index\.js$/.test(importer)) {
        uses ??= programUsesCloud(root);
        return uses ? null : FACADE_OFF;
      }
      if (id !== './cloudClient.js' && id !== '../api/cloudClient.js') return null;
      if (!importer || !/[\\/]runtime[\\/](api[\\/]cloud|components[\\/]image)\.js$/.test(importer)) return null;
      uses ??= programUsesCloud(root);
      return uses ? null : CLOUD_OFF;
    },
    load(id) {
      return id === CLOUD_OFF ? STUB : id === FACADE_OFF ? FACADE_STUB : null;
    },
  };
}
