/**
 * Project fixtures: each folder under test/fixtures/project/programs is a small mini-program and
 * expected.txt what the compiler makes of it — every page and component with the components its
 * tags resolve to (usingComponents, componentGenerics defaults), preloadRule, where each script
 * specifier resolves — or, when it cannot build, every diagnostic.
 * `UPDATE_FIXTURES=1 npx vitest run test/compiler/project-resolution.test.ts` rewrites the
 * expectations; review the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../compiler/compile.js';
import { CompileError, formatDiagnostic, type Diagnostic } from '../../compiler/diagnostics.js';
import { scriptSpecifiers } from '../../compiler/script/check.js';
import { resolveScript } from '../../compiler/script/index.js';
import type { ProjectGraph, UnitFiles } from '../../compiler/project/index.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/project/programs');
const update = process.env.UPDATE_FIXTURES === '1';

function relative(dir: string, file: string): string {
  return (path.isAbsolute(file) ? path.relative(dir, file) : file).split(path.sep).join('/');
}

function diagnosticsText(dir: string, list: Diagnostic[]): string[] {
  return list.map((d) => formatDiagnostic({ ...d, file: relative(dir, d.file) }));
}

function unitText(unit: UnitFiles, label: string): string[] {
  const lines = [label];
  for (const [tag, to] of Object.entries(unit.using)) lines.push(`  <${tag}> → ${to}`);
  for (const [name, to] of Object.entries(unit.generics)) lines.push(`  generic <${name}> → ${to ?? '(no default: the host chooses)'}`);
  return lines;
}

/** Where each literal specifier of the program's scripts resolves (null: left to the bundler). */
function scriptsText(graph: ProjectGraph): string[] {
  const lines: string[] = [];
  const files = [graph.appScript, ...graph.pages.map((p) => p.script), ...[...graph.components.values()].map((c) => c.script)];
  for (const file of new Set(files.filter((f): f is string => !!f))) {
    const ast = parse(readFileSync(file, 'utf8'), { sourceType: 'unambiguous' }) as unknown as B.File;
    for (const { literal, async } of scriptSpecifiers(ast)) {
      const to = resolveScript(literal.value, file, graph.root, graph.aliases);
      lines.push(`  ${relative(graph.root, file)}: ${async ? 'async ' : ''}"${literal.value}" → ${to ? relative(graph.root, to) : '(bundler)'}`);
    }
  }
  return lines.length ? ['scripts', ...lines] : [];
}

function describeProgram(dir: string): string {
  try {
    const { graph, diagnostics } = compileProgram(dir);
    const lines: string[] = [];
    for (const p of graph.pages) lines.push(...unitText(p, `page ${p.path}${p.subpackage ? ` [${p.subpackage}]` : ''}`));
    for (const c of [...graph.components.values()].sort((a, b) => a.path.localeCompare(b.path))) lines.push(...unitText(c, `component ${c.path}`));
    for (const sp of graph.subpackages) lines.push(`subpackage ${sp.root} (name ${sp.name}${sp.independent ? ', independent' : ''})`);
    for (const r of graph.preloadRules) lines.push(`preload after ${r.page} (${r.network}): ${r.packages.join(', ')}`);
    lines.push(...scriptsText(graph));
    if (diagnostics.length) lines.push('', ...diagnosticsText(dir, diagnostics));
    return lines.join('\n') + '\n';
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return 'fails\n\n' + diagnosticsText(dir, e.diagnostics).join('\n\n') + '\n';
  }
}

describe('project fixtures', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, () => {
      const dir = path.join(ROOT, name);
      const actual = describeProgram(dir);
      const expectedFile = path.join(dir, 'expected.txt');
      if (update) writeFileSync(expectedFile, actual);
      expect(existsSync(expectedFile), 'expected.txt is missing: run with UPDATE_FIXTURES=1').toBe(true);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
