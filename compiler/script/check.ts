/**
 * Checks every script the program loads, before bundling: each file parses, and every literal
 * import/require path resolves. Problems become located diagnostics, so one run reports them all
 * (the bundler would stop at its first few with a stack trace).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { walkAst } from '../babelWalk.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { isInside, resolveScript } from './index.js';


/** The literal module paths a file names, with where they stand. */
export function scriptSpecifiers(ast: B.File): B.StringLiteral[] {
  const out: B.StringLiteral[] = [];
  walkAst(ast.program, (n) => {
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') && n.source) {
      if (n.type !== 'ImportDeclaration' || n.importKind !== 'type') out.push(n.source);
    } else if (n.type === 'CallExpression' && n.arguments[0]?.type === 'StringLiteral') {
      const c = n.callee;
      const isRequire =
        (c.type === 'Identifier' && c.name === 'require') ||
        (c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'require' && c.property.type === 'Identifier' && c.property.name === 'async');
      const isImport = c.type === 'Import';
      if (isRequire || isImport) out.push(n.arguments[0]);
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

export function checkScripts(entries: string[], root: string): Diagnostic[] {
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
    for (const lit of scriptSpecifiers(ast)) {
      const spec = lit.value;
      if (/^[a-z]+:/i.test(spec) || spec.startsWith('wx2tg')) continue;
      const resolved = resolveScript(spec, file, root);
      if (resolved) {
        if (isInside(root, resolved) && !resolved.includes(`${path.sep}node_modules${path.sep}`)) queue.push(resolved);
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
