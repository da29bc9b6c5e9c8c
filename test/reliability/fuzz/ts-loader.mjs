/**
 * Module hooks that let a worker thread import the compiler's TypeScript sources directly (so the
 * fuzzer tests the working tree, not a stale dist/): `./x.js` resolves to `./x.ts` beside it when
 * only the .ts exists, and .ts files have their types erased by oxc (through rolldown, which
 * Vite brings; its transform takes milliseconds where TypeScript's own takes seconds to start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/utils';

export async function resolve(specifier, context, next) {
  if (context.parentURL?.endsWith('.ts') && (specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js')) {
    const url = new URL(specifier, context.parentURL);
    const tsUrl = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (!existsSync(fileURLToPath(url)) && existsSync(fileURLToPath(tsUrl))) return { url: tsUrl.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const source = readFileSync(fileURLToPath(url), 'utf8');
  const out = transformSync(fileURLToPath(url), source);
  if (out.errors.length) throw new Error(`${url}: ${out.errors.map((e) => e.message).join('; ')}`);
  return { format: 'module', source: out.code, shortCircuit: true };
}
