/**
 * Files that mix ES exports with `module.exports = …`. WeChat's own build turns ES modules into
 * CommonJS, so in such a file `module.exports = {…}` replaces what the `export`s produced, and
 * importers see its members. Bundlers reject the mix; we turn the file into plain CommonJS:
 * `export const a = 1` becomes `const a = 1` plus `exports.a = a` where it stood.
 */
import { parse } from '@babel/parser';
import type * as B from '@babel/types';

function assignsModuleExports(code: string): boolean {
  return /\bmodule\.exports\s*=|\bmodule\.exports\.\w+\s*=/.test(code);
}

export function mixedToCommonJs(code: string, typescript = false): string | null {
  if (!assignsModuleExports(code) || !/\bexport\b/.test(code)) return null;
  let ast: B.File;
  try {
    ast = parse(code, { sourceType: 'module', plugins: typescript ? ['typescript'] : [] }) as unknown as B.File;
  } catch {
    return null;
  }
  const edits: { start: number; end: number; text: string }[] = [];
  let changed = false;
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) {
      const d = stmt.declaration;
      const names: string[] = [];
      if (d.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') names.push(v.id.name);
      if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) names.push(d.id.name);
      edits.push({ start: stmt.start!, end: d.start!, text: '' });
      edits.push({ start: stmt.end!, end: stmt.end!, text: names.map((n) => `\nexports.${n} = ${n};`).join('') });
      changed = true;
    } else if (stmt.type === 'ExportNamedDeclaration' && !stmt.source && stmt.specifiers.length) {
      const text = stmt.specifiers
        .map((s) => (s.type === 'ExportSpecifier' && s.local.type === 'Identifier' ? `exports.${s.exported.type === 'Identifier' ? s.exported.name : s.local.name} = ${s.local.name};` : ''))
        .join(' ');
      edits.push({ start: stmt.start!, end: stmt.end!, text });
      changed = true;
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const decl = stmt.declaration;
      edits.push({ start: stmt.start!, end: decl.start!, text: 'exports.default = ' });
      changed = true;
    }
  }
  if (!changed) return null;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += code.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + code.slice(pos);
}
