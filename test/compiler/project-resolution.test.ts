/**
 * Project fixtures: each folder under test/fixtures/project/programs is a small mini-program and
 * expected.txt what the compiler makes of it — every page and component with the components its
 * tags resolve to (usingComponents, componentGenerics defaults), preloadRule, where each script
 * specifier resolves — or, when it cannot build, every diagnostic.
 * `UPDATE_FIXTURES=1 npx vitest run test/compiler/project-resolution.test.ts` rewrites the
 * expectations; review the diff before committing it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

describe('what the bundle gets from the graph', () => {
  it('a component module passes its generics to defineUnitModule: defaults read lazily, null without one', async () => {
    const { wx2tgPlugins } = await import('../../compiler/vite/index.js');
    const program = compileProgram(path.join(ROOT, 'generics'));
    const entry = wx2tgPlugins({ program }).find((p) => p.name === 'wx2tg:entry')!;
    const load = entry.load as (id: string) => string;
    const code = load.call({}, '\0wx2tg:component/components/chooser/chooser');
    expect(code).toContain('import $g1 from "virtual:wx2tg/component/components/plain-item/plain-item";');
    expect(code).toMatch(/defineUnitModule\("components\/chooser\/chooser", "component", template, .*, \{ "selectable": null, get "decorated"\(\) \{ return \$g1; \}, "badge": null \}\);$/m);
  });

  it('the entry tells the router the packages and skips app.js at an independent launch', async () => {
    const { wx2tgPlugins } = await import('../../compiler/vite/index.js');
    const program = compileProgram(path.join(ROOT, 'independent'));
    const entry = wx2tgPlugins({ program }).find((p) => p.name === 'wx2tg:entry')!;
    const code = (entry.load as (id: string) => string).call({}, '\0wx2tg:entry');
    expect(code).toContain('configurePackages({ ...{"subpackages":[{"root":"guest","independent":true}],"preloadRule":{"guest/pages/welcome/welcome":{"network":"all","packages":["__APP__"]}}}');
    expect(code).toContain('app: loadAppAtLaunch');
  });
});

describe('npm packages installed but not built into miniprogram_npm', () => {
  // A tree made at run time: git ignores node_modules folders, so they cannot be fixtures.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-npm-'));
  const files: Record<string, string> = {
    'app.json': '{ "pages": ["pages/p/p"] }',
    'pages/p/p.wxml': '<ui-cell/><fancy/><direct/>',
    'pages/p/p.js': "const b = require('mp-behaviors'); const t = require('../../miniprogram_npm/mp-behaviors/tools'); Page({ behaviors: [b, t] });",
    'pages/p/p.json': '{ "usingComponents": { "ui-cell": "weui-miniprogram/cell/cell", "fancy": "@acme/fancy", "direct": "../../miniprogram_npm/@acme/fancy/index" } }',
    'node_modules/weui-miniprogram/package.json': '{ "name": "weui-miniprogram" }',
    'node_modules/@acme/fancy/package.json': '{ "name": "@acme/fancy", "miniprogram": "mp" }',
    'node_modules/mp-behaviors/package.json': '{ "name": "mp-behaviors", "main": "lib/index.js" }',
    'node_modules/mp-behaviors/miniprogram_dist/index.js': 'module.exports = Behavior({});',
    'node_modules/mp-behaviors/miniprogram_dist/tools.js': 'module.exports = Behavior({});',
  };
  for (const c of ['node_modules/weui-miniprogram/miniprogram_dist/cell/cell', 'node_modules/@acme/fancy/mp/index']) {
    files[c + '.wxml'] = '<view/>';
    files[c + '.js'] = 'Component({})';
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }

  it('reads a package from its mini-program folder (package.json "miniprogram", else miniprogram_dist), as "build npm" would copy it', () => {
    expect(describeProgram(dir)).toBe(
      [
        'page pages/p/p',
        '  <ui-cell> → node_modules/weui-miniprogram/miniprogram_dist/cell/cell',
        '  <fancy> → node_modules/@acme/fancy/mp/index',
        '  <direct> → node_modules/@acme/fancy/mp/index',
        'component node_modules/@acme/fancy/mp/index',
        'component node_modules/weui-miniprogram/miniprogram_dist/cell/cell',
        'scripts',
        '  pages/p/p.js: "mp-behaviors" → node_modules/mp-behaviors/miniprogram_dist/index.js',
        '  pages/p/p.js: "../../miniprogram_npm/mp-behaviors/tools" → node_modules/mp-behaviors/miniprogram_dist/tools.js',
        '',
      ].join('\n'),
    );
  });
});
