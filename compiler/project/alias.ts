/**
 * app.json `resolveAlias`: path prefixes that usingComponents paths and script require()/import
 * specifiers are mapped through, as WeChat documents it. Keys and values end with `/*`; a value
 * is a path from the program root (a leading `/` means the same); when several keys match, the
 * longest wins.
 *
 *   { "~/*": "/*", "@utils/*": "utils/*" }    "@utils/date" → "utils/date", "~/a/b" → "a/b"
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';

export interface ResolveAlias {
  /** The key without its `*`, e.g. "@utils/". */
  prefix: string;
  /** The value without its `*` and leading `/`, a path from the program root, e.g. "utils/" ("" for the root). */
  target: string;
}

/** Reads and checks app.json `resolveAlias`; each bad entry is a located error. Longest prefix first. */
export function readResolveAlias(raw: unknown, file: string, source: string, diagnostics: Diagnostic[]): ResolveAlias[] {
  if (raw === undefined) return [];
  const at = (needle: string): number => Math.max(0, source.indexOf(needle));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(makeDiagnostic('WX1005', ['resolveAlias', 'an object of "prefix/*" → "path/*"'], file, source, at('"resolveAlias"')));
    return [];
  }
  const out: ResolveAlias[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const keyAt = at(JSON.stringify(key));
    const bad = (what: string, why: string, offset: number, length: number): void => {
      diagnostics.push(makeDiagnostic('WX1015', [key, what, why], file, source, offset, offset + length));
    };
    if (!key.endsWith('/*') || key.slice(0, -1).includes('*')) {
      bad(key, 'is not a valid key: a key is a prefix ending with "/*", such as "@utils/*"', keyAt, JSON.stringify(key).length);
      continue;
    }
    if (key.startsWith('.') || key.startsWith('/')) {
      bad(key, 'is not a valid key: a key starting with "." or "/" would hide relative and absolute paths', keyAt, JSON.stringify(key).length);
      continue;
    }
    const valueAt = typeof value === 'string' ? Math.max(keyAt, source.indexOf(JSON.stringify(value), keyAt)) : keyAt;
    if (typeof value !== 'string' || !value.endsWith('/*') || value.slice(0, -1).includes('*')) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      bad(shown, 'is not a valid value: a value is a path from the program root ending with "/*", such as "utils/*"', valueAt, typeof value === 'string' ? JSON.stringify(value).length : 1);
      continue;
    }
    const target = value.slice(0, -1).replace(/^\/+/, '');
    if (target.split('/').some((seg) => seg === '..') || target.startsWith('.')) {
      bad(value, 'is not a valid value: it must stay inside the program root (no "./" or "..")', valueAt, JSON.stringify(value).length);
      continue;
    }
    out.push({ prefix: key.slice(0, -1), target });
  }
  return out.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** Maps `spec` through the longest matching alias: a path from the program root, or null when none matches. */
export function applyAlias(spec: string, aliases: readonly ResolveAlias[] | undefined): string | null {
  if (!aliases?.length) return null;
  for (const a of aliases) if (spec.startsWith(a.prefix)) return a.target + spec.slice(a.prefix.length);
  return null;
}
