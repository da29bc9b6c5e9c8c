#!/usr/bin/env node
/**
 * npm run bench — figures are ratios against a baseline measured in the same run, never bare
 * absolute times as pass/fail. Results go to stdout and bench/results/latest.json; BENCHMARKS.md
 * records them with the command and machine.
 *
 * compile/samples/hello: our compile phase (project graph + WXML + WXSS, everything before
 * bundling) against the bare cost of reading and parsing the same inputs: JSON.parse on the json
 * files, our WXML tokenizer, @babel/parser on every {{ }} expression and script, postcss on every
 * stylesheet (after less/sass for .less/.scss files).
 */
import { mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as babelParse, parseExpression } from '@babel/parser';
import postcss from 'postcss';
import { compileProgram } from '../dist/compiler/compile.js';
import { buildProgram } from '../dist/compiler/build.js';
import { parseWxml } from '../dist/compiler/wxml/parse.js';
import { splitInterpolation } from '../dist/compiler/wxml/interpolation.js';
import { compileWxml } from '../dist/compiler/wxml/index.js';
import { readStyleSource } from '../dist/compiler/wxss/preprocess.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs fn repeatedly for at least `ms` (after warm-up) and returns the median ms per run. */
function measure(fn, { ms = 1500, min = 20 } = {}) {
  for (let i = 0; i < 5; i++) fn();
  const times = [];
  const until = performance.now() + ms;
  while (times.length < min || performance.now() < until) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), runs: times.length };
}

function bareParse(program) {
  const { graph } = program;
  const wxmlFiles = [...program.wxml.keys()];
  const styleFiles = [...program.wxss.keys()];
  const units = [...graph.pages, ...graph.components.values()];
  const scriptFiles = [graph.appScript, ...units.map((p) => p.script)].filter(Boolean);
  const jsonFiles = [path.join(graph.root, 'app.json'), ...units.map((p) => p.json).filter(Boolean)];
  // Both sides read the files: the compile phase does, so the baseline must too.
  return () => {
    const read = (f) => readFileSync(f, 'utf8');
    for (const f of jsonFiles) JSON.parse(read(f));
    const wxml = wxmlFiles.map(read);
    const styles = styleFiles.map(read);
    const scripts = scriptFiles.map(read);
    for (const src of wxml) {
      const doc = parseWxml(src, () => {});
      walkExpressions(doc.children, (code) => {
        try {
          parseExpression(code);
        } catch {
          /* counted as parsed */
        }
      });
    }
    // .less/.scss go through their own compilers first: that is the bare cost of reading them.
    styleFiles.forEach((f, i) => postcss.parse(/\.(less|s[ac]ss)$/.test(f) ? readStyleSource(f, []) : styles[i]));
    for (const js of scripts) babelParse(js, { sourceType: 'module', plugins: ['typescript'] });
  };
}

/** Sizes of a built sample: each asset min and gzip (level 9), grouped so growth is visible. */
async function sizes(name) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-size-'));
  const out = path.join(tmp, 'out');
  await buildProgram(path.join(ROOT, 'samples', name), { out, sourcemap: false });
  const assets = readdirSync(path.join(out, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const rows = assets.map((f) => {
    const buf = readFileSync(path.join(out, 'assets', f));
    return { file: f.replace(/-[\w-]{8}\.(js|css)$/, '.$1'), min: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  rmSync(tmp, { recursive: true, force: true });
  const runtime = rows.filter((r) => r.file.startsWith('wx2tg-runtime'));
  // First load: everything but subpackage chunks and the simulator (which only loads outside Telegram).
  const firstLoad = rows.filter((r) => !r.file.startsWith('sub-') && !r.file.startsWith('simulator'));
  const sum = (xs, k) => xs.reduce((n, r) => n + r[k], 0);
  return { sample: name, rows, runtimeMin: sum(runtime, 'min'), runtimeGzip: sum(runtime, 'gzip'), firstLoadGzip: sum(firstLoad, 'gzip') };
}

async function benchSample(name) {
  const dir = path.join(ROOT, 'samples', name);
  const program = compileProgram(dir);
  const compile = measure(() => compileProgram(dir));
  const parse = measure(bareParse(program));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-bench-'));
  const builds = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await buildProgram(dir, { out: path.join(tmp, 'out') });
    builds.push(performance.now() - t);
  }
  rmSync(tmp, { recursive: true, force: true });
  const bytes = [...program.wxml.keys(), ...program.wxss.keys()].reduce((n, f) => n + readFileSync(f).length, 0);
  return {
    sample: name,
    inputBytes: bytes,
    compileMs: compile.median,
    bareParseMs: parse.median,
    compileToParse: compile.median / parse.median,
    fullBuildMs: median(builds),
    runs: { compile: compile.runs, parse: parse.runs, build: builds.length },
  };
}

/** A generated template set: many files mixing every construct real programs use. */
function generateTemplates(files = 200) {
  const out = [];
  for (let f = 0; f < files; f++) {
    const rows = [];
    for (let i = 0; i < 10; i++) {
      rows.push(
        `<view class="item item-${i} {{active === ${i} ? 'on' : ''}}" data-id="{{list[${i}].id}}" bindtap="onTap${i}" style="width: {{w + ${i}}}rpx">`,
        `  <text>{{list[${i}].title}} · {{list[${i}].price / 100}} {{user.name || 'guest'}}</text>`,
        `  <view wx:if="{{list[${i}].count > 3}}" class="badge">{{list[${i}].count}}</view>`,
        `  <view wx:elif="{{list[${i}].count > 0}}">few</view>`,
        `  <view wx:else>none</view>`,
        `  <block wx:for="{{list[${i}].tags}}" wx:key="*this" wx:for-item="tag"><text class="tag">{{tag}}</text></block>`,
        `</view>`,
      );
    }
    out.push(`<template name="t${f}"><view>{{a}} {{b + c}}</view></template>\n<view class="page">\n${rows.join('\n')}\n<template is="t${f}" data="{{...info, a: x}}"/>\n</view>`);
  }
  return out;
}

function benchWxmlThroughput() {
  const sources = generateTemplates();
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const expressions = [];
  for (const src of sources) {
    walkExpressions(parseWxml(src, () => {}).children, (code) => expressions.push(code));
  }
  const compile = measure(() => {
    for (let i = 0; i < sources.length; i++) compileWxml(sources[i], { file: `t${i}.wxml`, resolve: () => null, readInclude: () => null });
  }, { ms: 3000, min: 5 });
  const babel = measure(() => {
    for (const e of expressions) {
      try {
        parseExpression(e);
      } catch {
        /* object-literal bodies: parse as they would be */
        parseExpression(`{${e}}`);
      }
    }
  }, { ms: 3000, min: 5 });
  return {
    files: sources.length,
    bytes,
    expressions: expressions.length,
    compileMs: compile.median,
    babelMs: babel.median,
    kbPerSecond: bytes / 1024 / (compile.median / 1000),
    compileToBabel: compile.median / babel.median,
  };
}

function walkExpressions(nodes, visit) {
  for (const n of nodes) {
    const texts = n.type === 'text' ? [[n.value, n.start]] : n.attrs.filter((a) => a.value).map((a) => [a.value, a.valueStart]);
    for (const [value, at] of texts) for (const part of splitInterpolation(value, at)) if (part.kind === 'expr') visit(part.code);
    if (n.type === 'element') walkExpressions(n.children, visit);
  }
}

const results = { machine: `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}`, date: new Date().toISOString(), samples: [] };
for (const sample of ['hello', 'components', 'structure']) results.samples.push(await benchSample(sample));
results.wxml = benchWxmlThroughput();
results.sizes = [await sizes('hello'), await sizes('showcase')];

console.log(`wx2tg bench — ${results.machine}`);
console.log('');
console.log('sample    input     compile   bare parse   ratio   full build (vite)');
for (const r of results.samples) {
  console.log(
    `${r.sample.padEnd(9)} ${(r.inputBytes / 1024).toFixed(1).padStart(5)} KB ${r.compileMs.toFixed(3).padStart(8)} ms ${r.bareParseMs.toFixed(3).padStart(9)} ms ${r.compileToParse.toFixed(2).padStart(6)}× ${r.fullBuildMs.toFixed(0).padStart(8)} ms`,
  );
}
console.log('');
console.log('ratio = compile phase / bare parse of the same files in the same run (target: ≤ 3×, issue 11).');
const w = results.wxml;
console.log('');
console.log(`WXML compile throughput: ${w.files} generated files, ${(w.bytes / 1024).toFixed(0)} KB, ${w.expressions} expressions`);
console.log(`  compileWxml   ${w.compileMs.toFixed(1).padStart(8)} ms   ${w.kbPerSecond.toFixed(0)} KB/s`);
console.log(`  @babel/parser ${w.babelMs.toFixed(1).padStart(8)} ms   (the same expressions, parseExpression alone)`);
console.log(`  ratio         ${w.compileToBabel.toFixed(2).padStart(8)}×`);
console.log('');
console.log('Size (min / gzip -9), first load excludes subpackage chunks and the simulator (loaded only outside Telegram):');
for (const z of results.sizes) {
  console.log(`  ${z.sample.padEnd(9)} runtime ${(z.runtimeMin / 1024).toFixed(1)} KB / ${(z.runtimeGzip / 1024).toFixed(1)} KB gz   first load ${(z.firstLoadGzip / 1024).toFixed(1)} KB gz   (target: runtime < 30 KB gz for hello)`);
  for (const r of z.rows) console.log(`      ${r.file.padEnd(28)} ${String(r.min).padStart(7)} B ${String(r.gzip).padStart(7)} B gz`);
}

// Budgets: a figure past its recorded budget fails the run.
const budgets = JSON.parse(readFileSync(path.join(ROOT, 'bench/budgets.json'), 'utf8'));
const over = [];
const hello = results.sizes.find((z) => z.sample === 'hello');
if (hello.runtimeGzip > budgets.runtimeGzipBytes) over.push(`runtime ${hello.runtimeGzip} B gz > budget ${budgets.runtimeGzipBytes} B`);
// One ratio over all samples: each sample alone is tiny, and its ratio swings with machine noise.
const all = results.samples.reduce((a, r) => ({ c: a.c + r.compileMs, p: a.p + r.bareParseMs }), { c: 0, p: 0 });
results.compileToParseAll = all.c / all.p;
console.log(`compile/parse over all samples: ${results.compileToParseAll.toFixed(2)}×`);
if (results.compileToParseAll > budgets.compileToParseRatio) over.push(`compile/parse over all samples ${results.compileToParseAll.toFixed(2)} > ${budgets.compileToParseRatio}`);
if (results.wxml.compileToBabel > budgets.wxmlCompileToBabelRatio) over.push(`WXML compile/babel ${results.wxml.compileToBabel.toFixed(2)} > ${budgets.wxmlCompileToBabelRatio}`);
console.log('');
if (over.length) {
  console.error(`Over budget:\n  ${over.join('\n  ')}`);
  process.exitCode = 1;
} else console.log('All figures within the budgets in bench/budgets.json.');
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(results, null, 2));
