/**
 * Compile figures. The compile phase (`compileProgram()`: project graph, every WXML file to its
 * template module, every stylesheet to CSS, every .wxs module, the script check) against the bare
 * cost of reading and parsing the same inputs in the same run: JSON.parse on the json files, our
 * WXML tokenizer, @babel/parser on every {{ }} expression, inline <wxs> and script (.js/.ts/.wxs),
 * postcss on every stylesheet (after less/sass for .less/.scss). The two are measured interleaved,
 * in CPU time of the process (lib/stats.js measureInterleaved; wall time is kept beside it).
 * Full build = `buildProgram()` with Vite (bundling and minifying included), wall clock: the
 * bundler runs threads of its own, and the wall clock is what a developer waits for.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as babelParse, parseExpression } from '@babel/parser';
import postcss from 'postcss';
import { compileProgram } from '../dist/compiler/compile.js';
import { buildProgram } from '../dist/compiler/build.js';
import { parseWxml } from '../dist/compiler/wxml/parse.js';
import { splitInterpolation } from '../dist/compiler/wxml/interpolation.js';
import { compileWxml } from '../dist/compiler/wxml/index.js';
import { readStyleSource } from '../dist/compiler/wxss/preprocess.js';
import { generateProgram } from './gen-program.js';
import { median, measureInterleaved, spread } from './lib/stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function walkFiles(dir, ext, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(abs, ext, out);
    else if (e.name.endsWith(ext)) out.push(abs);
  }
  return out;
}

export function walkExpressions(nodes, visit, visitWxs = () => {}) {
  for (const n of nodes) {
    const texts = n.type === 'text' ? [[n.value, n.start]] : n.attrs.filter((a) => a.value).map((a) => [a.value, a.valueStart]);
    for (const [value, at] of texts) for (const part of splitInterpolation(value, at)) if (part.kind === 'expr') visit(part.code);
    if (n.type !== 'element') continue;
    if (n.tag === 'wxs') {
      for (const c of n.children) if (c.type === 'text') visitWxs(c.value);
      continue;
    }
    walkExpressions(n.children, visit, visitWxs);
  }
}

/** The bare parse of a compiled program's inputs, as a function to time. */
export function bareParse(program) {
  const { graph } = program;
  const wxmlFiles = [...program.wxml.keys()];
  const styleFiles = [...program.wxss.keys()];
  const units = [...graph.pages, ...graph.components.values()];
  const scriptFiles = [graph.appScript, ...units.map((p) => p.script)].filter(Boolean);
  const wxsFiles = walkFiles(graph.root, '.wxs');
  const jsonFiles = [path.join(graph.root, 'app.json'), ...units.map((p) => p.json).filter(Boolean)];
  const script = (code) => {
    try {
      babelParse(code, { sourceType: 'module', plugins: ['typescript'] });
    } catch {
      /* counted as parsed */
    }
  };
  // Both sides read the files: the compile phase does, so the baseline must too.
  return () => {
    const read = (f) => readFileSync(f, 'utf8');
    for (const f of jsonFiles) JSON.parse(read(f));
    const wxml = wxmlFiles.map(read);
    const styles = styleFiles.map(read);
    const scripts = scriptFiles.map(read);
    for (const src of wxml) {
      const doc = parseWxml(src, () => {});
      walkExpressions(
        doc.children,
        (code) => {
          try {
            parseExpression(code);
          } catch {
            /* counted as parsed */
          }
        },
        script,
      );
    }
    // .less/.scss go through their own compilers first: that is the bare cost of reading them.
    styleFiles.forEach((f, i) => postcss.parse(/\.(less|s[ac]ss)$/.test(f) ? readStyleSource(f, []) : styles[i]));
    for (const js of scripts) script(js);
    for (const f of wxsFiles) script(read(f));
  };
}

/** Compile phase vs bare parse (interleaved), and the full build (median of `builds`). */
export async function benchProgram(dir, { ms = 1500, min = 20, builds = 5 } = {}) {
  const program = compileProgram(dir);
  const errors = program.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${dir}: ${errors.length} compile errors, first: ${errors[0].message}`);
  const m = measureInterleaved({ compile: () => compileProgram(dir), parse: bareParse(program) }, { ms, min });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-bench-'));
  const times = [];
  const phases = [];
  try {
    for (let i = 0; i < builds; i++) {
      const t = performance.now();
      const phase = {};
      await buildProgram(dir, { out: path.join(tmp, 'out'), onPhase: (name, ms) => (phase[name] = ms) });
      times.push(performance.now() - t);
      phases.push(phase);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const inputBytes = [...program.wxml.keys(), ...program.wxss.keys()].reduce((n, f) => n + readFileSync(f).length, 0);
  return {
    inputBytes,
    pages: program.graph.pages.length,
    components: program.graph.components.size,
    compileMs: m.compile.median,
    bareParseMs: m.parse.median,
    compileToParse: m.compile.median / m.parse.median,
    wall: { compileMs: m.compile.wallMedian, bareParseMs: m.parse.wallMedian, compileToParse: m.compile.wallMedian / m.parse.wallMedian },
    noise: { compile: m.compile.spread, parse: m.parse.spread },
    fullBuildMs: median(times),
    fullBuildSpread: spread(times).iqr,
    bundleMs: median(phases.map((p) => p.bundle ?? NaN)),
    runs: { compile: m.compile.runs, parse: m.parse.runs, build: times.length },
  };
}

export async function benchSamples(names = ['hello', 'components', 'structure']) {
  const out = [];
  for (const sample of names) out.push({ sample, ...(await benchProgram(path.join(ROOT, 'samples', sample))) });
  const all = out.reduce((a, r) => ({ c: a.c + r.compileMs, p: a.p + r.bareParseMs }), { c: 0, p: 0 });
  return { samples: out, compileToParseAll: all.c / all.p };
}

/** The generated ~200-page program (gen-program.js), written to a temporary folder. */
export async function benchGenerated() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-genprog-'));
  try {
    const dir = path.join(tmp, 'program');
    const bytes = generateProgram(dir);
    const r = await benchProgram(dir, { ms: 4000, min: 7, builds: 3 });
    const sourceBytes = bytes.wxml + bytes.wxss + bytes.js + bytes.wxs;
    // Both wall clock: the build is timed by the wall clock (see above).
    return { sourceBytes, bytes, ...r, fullBuildToParse: r.fullBuildMs / r.wall.bareParseMs };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
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

/** compileWxml alone on 200 generated templates against @babel/parser on their expressions. */
export function benchWxmlThroughput() {
  const sources = generateTemplates();
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const expressions = [];
  for (const src of sources) walkExpressions(parseWxml(src, () => {}).children, (code) => expressions.push(code));
  const m = measureInterleaved(
    {
      compile: () => {
        for (let i = 0; i < sources.length; i++) compileWxml(sources[i], { file: `t${i}.wxml`, resolve: () => null, readInclude: () => null });
      },
      babel: () => {
        for (const e of expressions) {
          try {
            parseExpression(e);
          } catch {
            /* object-literal bodies: parse as they would be */
            parseExpression(`{${e}}`);
          }
        }
      },
    },
    { ms: 3000, min: 5 },
  );
  return {
    files: sources.length,
    bytes,
    expressions: expressions.length,
    compileMs: m.compile.median,
    babelMs: m.babel.median,
    kbPerSecond: bytes / 1024 / (m.compile.median / 1000),
    compileToBabel: m.compile.median / m.babel.median,
  };
}
