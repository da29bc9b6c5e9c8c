/**
 * Every use of `wx` in the program's scripts: `wx.name`, `wx['name']`, `const { name } = wx`, and
 * the unsupported parameters of a working API when its argument is an object literal
 * (`wx.setStorage({ encrypt: true })`). Scripts are followed from app.js and every page and
 * component through their literal imports and requires, as the compiler resolves them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { walkAst } from '../babelWalk.js';
import type { ProjectGraph } from '../project/index.js';
import { isInside, resolveScript } from '../script/index.js';

export interface Position {
  line: number;
  column: number;
}

export interface WxUse extends Position {
  file: string;
  /** The member of wx. */
  name: string;
  /** Keys of the object literal it was called with, each with where it stands. */
  params?: { name: string; line: number; column: number }[];
}

const isWx = (n: B.Node | null | undefined): boolean => n?.type === 'Identifier' && n.name === 'wx';

function memberName(n: B.MemberExpression | B.OptionalMemberExpression): string | null {
  if (!n.computed && n.property.type === 'Identifier') return n.property.name;
  if (n.property.type === 'StringLiteral') return n.property.value;
  if (n.property.type === 'TemplateLiteral' && n.property.expressions.length === 0) return n.property.quasis[0]!.value.cooked ?? null;
  return null;
}

const pos = (n: B.Node): Position => ({ line: n.loc!.start.line, column: n.loc!.start.column + 1 });

/** The wx uses of one script, and the module specifiers it loads. */
export function scanScript(source: string, file: string): { uses: Omit<WxUse, 'file'>[]; specifiers: string[] } {
  const ast = parse(source, {
    sourceType: 'unambiguous',
    allowReturnOutsideFunction: true,
    errorRecovery: true,
    plugins: file.endsWith('.ts') ? ['typescript'] : [],
  }) as unknown as B.File;
  const uses: Omit<WxUse, 'file'>[] = [];
  const specifiers: string[] = [];
  const calls = new Map<B.Node, B.CallExpression>();
  walkAst(ast.program, (n) => {
    if ((n.type === 'CallExpression' || n.type === 'OptionalCallExpression') && n.arguments[0]?.type === 'ObjectExpression') calls.set(n.callee, n as B.CallExpression);
  });
  walkAst(ast.program, (n) => {
    const ofCloud = (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && (n.object.type === 'MemberExpression' || n.object.type === 'OptionalMemberExpression') && isWx(n.object.object) && memberName(n.object) === 'cloud';
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && (isWx(n.object) || ofCloud)) {
      // wx.cloud.callFunction is reported as "cloud.callFunction" (wx.cloud alone as "cloud")
      const member = memberName(n);
      const name = ofCloud && member ? `cloud.${member}` : member;
      if (!name) return;
      const use: Omit<WxUse, 'file'> = { name, ...pos(n.property) };
      const call = calls.get(n);
      const arg = call?.arguments[0];
      if (arg?.type === 'ObjectExpression') {
        use.params = [];
        for (const p of arg.properties) {
          if ((p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && !p.computed && (p.key.type === 'Identifier' || p.key.type === 'StringLiteral')) {
            use.params.push({ name: p.key.type === 'Identifier' ? p.key.name : p.key.value, ...pos(p.key) });
          }
        }
      }
      uses.push(use);
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'ObjectPattern' && isWx(n.init)) {
      for (const p of n.id.properties) {
        if (p.type === 'ObjectProperty' && !p.computed && (p.key.type === 'Identifier' || p.key.type === 'StringLiteral')) {
          uses.push({ name: p.key.type === 'Identifier' ? p.key.name : p.key.value, ...pos(p.key) });
        }
      }
    } else if ((n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') && n.source) {
      specifiers.push(n.source.value);
    } else if (n.type === 'CallExpression' && n.arguments[0]?.type === 'StringLiteral') {
      const c = n.callee;
      const isRequire = (c.type === 'Identifier' && c.name === 'require') || (c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'require');
      if (isRequire || c.type === 'Import') specifiers.push(n.arguments[0].value);
    }
  });
  return { uses, specifiers };
}

/** Every wx use in the scripts the program loads (files relative to the root, with '/'). */
export function scanScripts(graph: ProjectGraph): WxUse[] {
  const root = graph.root;
  const entries = [graph.appScript, ...graph.pages.map((p) => p.script), ...[...graph.components.values()].map((c) => c.script)];
  const queue = entries.filter((f): f is string => !!f);
  const seen = new Set<string>();
  const out: WxUse[] = [];
  const aliases = (graph as { aliases?: unknown }).aliases as Parameters<typeof resolveScript>[3];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !/\.(js|ts|mjs|cjs)$/.test(file)) continue;
    seen.add(file);
    let scanned;
    try {
      scanned = scanScript(readFileSync(file, 'utf8'), file);
    } catch {
      continue; // the compile phase has reported it already
    }
    const rel = path.relative(root, file).split(path.sep).join('/');
    for (const u of scanned.uses) out.push({ ...u, file: rel });
    for (const spec of scanned.specifiers) {
      if (/^[a-z]+:/i.test(spec) || spec.startsWith('wx2tg')) continue;
      const resolved = resolveScript(spec, file, root, aliases);
      if (resolved && isInside(root, resolved)) queue.push(resolved);
    }
  }
  return out;
}
