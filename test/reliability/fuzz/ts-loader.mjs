/**
 * Module hooks that let a worker thread import the compiler's TypeScript sources directly (so the
 * fuzzer tests the working tree, not a stale dist/): `./x.js` resolves to `./x.ts` beside it when
 * only the .ts exists, and .ts files have their types erased by oxc (through rolldown, which
 * Vite brings; its transform takes milliseconds where TypeScript's own takes seconds to start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// rolldown comes with Vite (a dependency of ours); should a Vite without it ever be installed,
// TypeScript's own transpiler (a dev dependency) does the same, slower.
const strip = await import('rolldown/utils').then(
  (m) => (file, source) => {
    const out = m.transformSync(file, source);
    if (out.errors.length) throw new Error(`${file}: ${out.errors.map((e) => e.message).join('; ')}`);
    return out.code;
  },
  async () => {
    const ts = (await import('typescript')).default;
    return (file, source) => ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  },
);

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
  return { format: 'module', source: strip(fileURLToPath(url), source), shortCircuit: true };
}
