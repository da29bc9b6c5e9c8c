/**
 * Checks every script the program loads, before bundling: each file parses, every literal
 * import/require path resolves, and a file of an independent subpackage loads nothing outside
 * its root (except asynchronously, with require.async or import()). Problems become located
 * diagnostics, so one run reports them all (the bundler would stop at its first few with a stack trace).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { walkAst } from '../babelWalk.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isInside, resolveScript } from './index.js';
import type { ResolveAlias } from '../project/alias.js';
import { packageOf, type Subpackage } from '../project/packages.js';

export interface ScriptSpecifier {
  literal: B.StringLiteral;
  /** Loaded later (require.async, import()): may cross package boundaries. */
  async: boolean;
}

/** The literal module paths a file names, with where they stand. */
export function scriptSpecifiers(ast: B.File): ScriptSpecifier[] {
  const out: ScriptSpecifier[] = [];
  walkAst(ast.program, (n) => {
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') && n.source) {
      if (n.type !== 'ImportDeclaration' || n.importKind !== 'type') out.push({ literal: n.source, async: false });
    } else if (n.type === 'CallExpression' && n.arguments[0]?.type === 'StringLiteral') {
      const c = n.callee;
      const isRequire = c.type === 'Identifier' && c.name === 'require';
      const isRequireAsync = c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'require' && c.property.type === 'Identifier' && c.property.name === 'async';
      if (isRequire || isRequireAsync || c.type === 'Import') out.push({ literal: n.arguments[0], async: !isRequire });
    }
  });
  return out;
}

function bareResolves(spec: string, importer: string): boolean {
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  for (let dir = path.dirname(importer); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', pkg))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

export interface ScriptCheckOptions {
  aliases?: readonly ResolveAlias[];
  /** The program's subpackages: files of independent ones may not load files outside their root. */
  subpackages?: readonly Subpackage[];
}

export function checkScripts(entries: string[], root: string, options: ScriptCheckOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !/\.(js|ts|mjs|cjs)$/.test(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    let ast: B.File;
    try {
      ast = parse(source, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, plugins: file.endsWith('.ts') ? ['typescript'] : [] }) as unknown as B.File;
    } catch (e) {
      const err = e as Error & { pos?: number };
      diagnostics.push(makeDiagnostic('WX4002', [err.message.replace(/\s*\(\d+:\d+\)$/, '')], file, source, err.pos ?? 0));
      continue;
    }
    const unitPath = path.relative(root, file).split(path.sep).join('/');
    const sp = packageOf(unitPath, options.subpackages ?? []);
    const boundary = sp?.independent ? path.join(root, sp.root) : null;
    let specifiers: ReturnType<typeof scriptSpecifiers>;
    try {
      specifiers = scriptSpecifiers(ast);
    } catch (e) {
      // An absurdly deep expression (thousands of nested members) outruns the walk's stack.
      if (!(e instanceof RangeError)) throw e;
      diagnostics.push(makeDiagnostic('WX4002', ['the script nests too deeply to be read'], file, source, 0));
      continue;
    }
    for (const { literal: lit, async } of specifiers) {
      const spec = lit.value;
      if (/^[a-z]+:/i.test(spec) || spec.startsWith('wx2tg')) continue;
      const resolved = resolveScript(spec, file, root, options.aliases);
      if (resolved) {
        const own = isInside(root, resolved) && !resolved.includes(`${path.sep}node_modules${path.sep}`);
        if (own && boundary && !async && !isInside(boundary, resolved)) {
          const target = path.relative(root, resolved).split(path.sep).join('/');
          diagnostics.push(makeDiagnostic('WX1018', [unitPath, sp!.root, `script "${spec}" (${target})`], file, source, lit.start!, lit.end!));
          continue;
        }
        if (own) queue.push(resolved);
        continue;
      }
      const relative = spec.startsWith('.') || spec.startsWith('/');
      if (relative || !bareResolves(spec, file)) {
        diagnostics.push(makeDiagnostic('WX4001', [spec], file, source, lit.start!, lit.end!));
      }
    }
  }
  return diagnostics;
}
