/**
 * Which wx.* methods work here. The truth is the runtime's `wx` object; the compiler may not
 * import the runtime (it needs a DOM), so it reads the list the runtime's own test writes from
 * that object and keeps current: docs/api-coverage.md (test/runtime/api-coverage.test.ts fails
 * when the file and the runtime disagree). Nothing here is listed by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WX_METHODS } from '../../common/wx-api.js';
import { API_NOTES, UNSUPPORTED_PARAMS, apiUnsupportedReason } from '../../common/support.js';
import type { Support } from '../../common/builtinAttributes.js';
import { cloudSupport } from '../../common/cloudSupport.js';

function packageRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'docs', 'api-coverage.md')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('wx2tg check: docs/api-coverage.md is missing from the wx2tg package');
  }
}

/** Parses docs/api-coverage.md: the `wx.name` bullets under "## Implemented", checked against its own count. */
export function parseApiCoverage(markdown: string): Set<string> {
  const section = /^## Implemented\n([\s\S]*?)(?=^## )/m.exec(markdown);
  const names = new Set<string>();
  for (const m of (section?.[1] ?? '').matchAll(/^- `wx\.([\w$]+)`/gm)) names.add(m[1]!);
  const count = /\*\*(\d+) implemented, (\d+) unsupported, (\d+) in all\.\*\*/.exec(markdown);
  if (!count || Number(count[1]) !== names.size) throw new Error('wx2tg check: docs/api-coverage.md does not have the shape test/runtime/api-coverage.test.ts writes');
  return names;
}

let implemented: Set<string> | undefined;

export function implementedApis(): Set<string> {
  implemented ??= parseApiCoverage(readFileSync(path.join(packageRoot(), 'docs', 'api-coverage.md'), 'utf8'));
  return implemented;
}

const documented = new Set(WX_METHODS);

/** Support of `wx.<name>`. */
export function apiSupport(name: string): Support {
  if (name === 'cloud' || name.startsWith('cloud.')) return cloudSupport(name);
  if (implementedApis().has(name)) {
    const note = API_NOTES[name];
    return note ? { status: 'partial', note } : { status: 'supported' };
  }
  if (!documented.has(name)) return { status: 'unsupported', note: 'not a documented member of wx' };
  return { status: 'unsupported', note: apiUnsupportedReason(name) };
}

/** A parameter of a working API that does not work (`setStorage` + `encrypt`), or undefined. */
export function paramSupport(api: string, param: string): Support | undefined {
  const reason = UNSUPPORTED_PARAMS[`${api}.object.${param}`];
  return reason ? { status: 'unsupported', note: reason } : undefined;
}
