/**
 * The bench's own tooling (bench/): statistics, the source-map size split, the static import
 * closure, budget checks, the generated program, and — in Chromium — that the mini-program,
 * vanilla and React implementations of the runtime operations render exactly the same rows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS modules of bench/
import { geomean, median, spread } from '../../bench/lib/stats.js';
// @ts-expect-error plain JS modules of bench/
import { bytesBySource, withoutSources } from '../../bench/lib/sourcemap.js';
// @ts-expect-error plain JS modules of bench/
import { staticClosure } from '../../bench/size.js';
// @ts-expect-error plain JS modules of bench/
import { checkBudgets, FIGURES } from '../../bench/lib/figures.js';
// @ts-expect-error plain JS modules of bench/
import { generateProgram } from '../../bench/gen-program.js';
// @ts-expect-error plain JS modules of bench/
import { buildSite } from '../../bench/lib/apps.js';
// @ts-expect-error plain JS modules of bench/
import { serveDir } from '../../bench/lib/static.js';
// @ts-expect-error plain JS modules of bench/
import { benchRuntime } from '../../bench/runtime.js';
import { compileProgram } from '../../dist/compiler/compile.js';
import { launchBrowser } from '../helpers/browser.js';
import budgets from '../../bench/budgets.json' with { type: 'json' };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-benchtest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench statistics', () => {
  it('takes medians, geometric means and the interquartile spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(geomean([1, 4])).toBeCloseTo(2);
    expect(spread([10, 10, 10, 10, 10]).iqr).toBe(0);
    expect(spread([8, 9, 10, 11, 12]).iqr).toBeCloseTo(0.2);
  });
});

describe('size split by source module', () => {
  it('counts each mapped segment toward its source', () => {
    // "aaaa" from a.js, "bbb" from b.js, then a line no segment maps.
    const counts = bytesBySource('aaaabbb\nzz', { sources: ['a.js', 'b.js'], mappings: 'AAAA,ICAA;' });
    expect(counts.get('a.js')).toBe(4);
    expect(counts.get('b.js')).toBe(3);
    expect(counts.get('(unmapped)')).toBe(3); // the newline and "zz"
  });

  it('cuts the bytes of some sources out of the generated code', () => {
    const map = { sources: ['a.js', 'b.js'], mappings: 'AAAA,ICAA,GDAA;EAAA' };
    // line 1: "aaaa" a.js, "bbb" b.js, "aa" a.js; line 2: "xx" unmapped, "cc" a.js
    const code = 'aaaabbbaa\nxxcc';
    expect(withoutSources(code, map, (s: string) => s === 'b.js')).toBe('aaaaaa\nxxcc');
    expect(withoutSources(code, map, (s: string) => s === 'a.js')).toBe('bbb\nxx');
    expect(withoutSources(code, map, () => false)).toBe(code);
  });

  it('follows static imports from index.html, not dynamic ones', () => {
    const out = path.join(tmp, 'closure');
    mkdirSync(path.join(out, 'assets'), { recursive: true });
    writeFileSync(path.join(out, 'index.html'), '<script type="module" src="./assets/app.js"></script><link rel="stylesheet" href="./assets/index.css">');
    writeFileSync(path.join(out, 'assets/app.js'), 'import{a as b}from"./rt.js";const l=()=>import("./lazy.js");');
    writeFileSync(path.join(out, 'assets/rt.js'), 'import"./x.js";export*from"./y.js";');
    for (const f of ['x.js', 'y.js', 'lazy.js', 'index.css']) writeFileSync(path.join(out, 'assets', f), '');
    expect([...staticClosure(out)].sort()).toEqual(['app.js', 'index.css', 'rt.js', 'x.js', 'y.js']);
  });
});

describe('budgets', () => {
  it('has a budget for every figure and no budget for a figure that does not exist', () => {
    const keys = new Set(Object.keys(budgets).filter((k) => k !== 'note'));
    expect([...keys].sort()).toEqual(FIGURES.map((f: { key: string }) => f.key).sort());
  });

  it('fails a figure past its budget, a missing figure and a false boolean', () => {
    const results = { compile: { compileToParseAll: 5 }, generated: { compileToParse: 2, fullBuildToParse: 10 }, wxml: { compileToBabel: 2 }, dev: { watched: false, served: { ms: 10 } } };
    const b = { 'compile.samples.compileToParse': 4, 'compile.generated.compileToParse': 4, 'compile.generated.fullBuildToParse': 40, 'compile.wxml.compileToBabel': 4, 'dev.watchesWxml': true, 'dev.wxmlRebuildServedMs': 50 };
    const { failures, rows } = checkBudgets(results, b, new Set(['compile', 'dev']));
    expect(failures).toHaveLength(2);
    expect(failures.join('\n')).toMatch(/compile.samples.compileToParse/);
    expect(failures.join('\n')).toMatch(/dev.watchesWxml/);
    expect(rows.find((r: { key: string }) => r.key === 'compile.generated.compileToParse').targetMet).toBe(true);
    const missing = checkBudgets({}, b, new Set(['compile']));
    expect(missing.failures).toHaveLength(4);
  });
});

describe('generated program', () => {
  it('writes ~200 pages with components and wxs (~1 MB) that compile without errors', () => {
    const dir = path.join(tmp, 'generated');
    const bytes = generateProgram(dir);
    const total = bytes.wxml + bytes.wxss + bytes.js + bytes.wxs;
    expect(total).toBeGreaterThan(900_000);
    expect(total).toBeLessThan(1_500_000);
    const program = compileProgram(dir);
    expect(program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(program.graph.pages.length).toBe(200);
    expect(program.graph.components.size).toBe(24);
  });
});

describe('runtime operations in Chromium', () => {
  it('the mini-program, vanilla and React pages render the same rows for each operation', async () => {
    const site = await buildSite({ showcase: false });
    const server = await serveDir(site.site);
    const browser = await launchBrowser();
    try {
      // benchRuntime throws when the three differ (row count or a hash of every row's class and text).
      const r = await benchRuntime(browser, server.url, { rounds: 1, warm: 0, only: ['create1k', 'select', 'swap', 'remove'] });
      expect(r.operations.map((o: { name: string }) => o.name)).toEqual(['create1k', 'select', 'swap', 'remove']);
      for (const o of r.operations) for (const impl of ['wx2tg', 'vanilla', 'react']) expect(o[impl].ms).toBeGreaterThan(0);
    } finally {
      await browser.close();
      await server.close();
      site.cleanup();
    }
  }, 180_000);
});
