/**
 * Scripts: how a mini-program's JS/TS resolves and compiles.
 *  - require()/import of a path that starts with an app.json resolveAlias prefix is mapped
 *    through it (to a path from the program root); a bare path is first relative to the file
 *    (WeChat resolves `require('utils/util')` that way), then a package in the nearest
 *    miniprogram_npm walking up to the program root (or the mini-program folder of a package in
 *    node_modules there, as WeChat's "build npm" would copy it), then node_modules as the
 *    bundler reads it; `/x` is from the root.
 *  - .ts goes through the TypeScript compiler API (transpileModule) with the program's own
 *    tsconfig.json options where there is one.
 * CommonJS and ES modules mix freely: the bundler links require() and module.exports.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { applyAlias, type ResolveAlias } from '../project/alias.js';
import { npmMiniprogramPath, unbuiltNpmPath } from '../project/resolve.js';

const EXTS = ['', '.js', '.ts', '.json', '/index.js', '/index.ts'];

function fileAt(base: string): string | null {
  for (const ext of EXTS) {
    const f = base + ext;
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  const unbuilt = unbuiltNpmPath(base);
  return unbuilt ? fileAt(unbuilt) : null;
}

export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Resolves a script specifier the way WeChat does; null leaves it to the bundler. */
export function resolveScript(spec: string, importer: string, root: string, aliases?: readonly ResolveAlias[]): string | null {
  if (!isInside(root, importer) || spec.startsWith('\0') || spec.startsWith('virtual:') || spec.startsWith('wx2tg')) return null;
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    const aliased = applyAlias(spec, aliases);
    if (aliased !== null) return fileAt(path.join(root, aliased));
  }
  if (spec.startsWith('/')) {
    if (existsSync(spec) && isInside(root, spec)) return null;
    return fileAt(path.join(root, spec));
  }
  if (spec.startsWith('.')) return fileAt(path.resolve(path.dirname(importer), spec));
  if (/^[a-z]+:/i.test(spec)) return null;
  const local = fileAt(path.resolve(path.dirname(importer), spec));
  if (local) return local;
  for (let dir = path.dirname(importer); ; dir = path.dirname(dir)) {
    const found = fileAt(path.join(dir, 'miniprogram_npm', spec));
    if (found) return found;
    // A mini-program npm package not yet copied to miniprogram_npm ("build npm"): its mini-program folder.
    const built = npmMiniprogramPath(path.join(dir, 'node_modules'), spec);
    const file = built && fileAt(built);
    if (file) return file;
    if (!isInside(root, dir)) break;
  }
  return null;
}

const tsconfigCache = new Map<string, ts.CompilerOptions>();

/** The compiler options of the program's tsconfig.json (searched from the program root up to its project folder). */
export function programTsOptions(root: string): ts.CompilerOptions {
  const hit = tsconfigCache.get(root);
  if (hit) return hit;
  let options: ts.CompilerOptions = {};
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (configPath && path.relative(path.dirname(path.dirname(root)), configPath).split(path.sep).length <= 3) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (!read.error) options = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath)).options;
  }
  tsconfigCache.set(root, options);
  return options;
}

export function transpileTs(code: string, file: string, root: string): { code: string; map: string | undefined } {
  const options: ts.CompilerOptions = {
    ...programTsOptions(root),
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2020,
    sourceMap: true,
    inlineSourceMap: false,
    declaration: false,
    noEmit: false,
    isolatedModules: true,
    verbatimModuleSyntax: false,
    importHelpers: false,
  };
  const out = ts.transpileModule(code, { compilerOptions: options, fileName: file, reportDiagnostics: false });
  return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''), map: out.sourceMapText };
}
