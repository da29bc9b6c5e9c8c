#!/usr/bin/env node
/**
 * npm run bench — every figure is a ratio against a baseline measured in the same run (bare
 * parse, vanilla DOM, an empty static page) or a size; each has a budget in bench/budgets.json,
 * and a figure past its budget makes the run exit non-zero. Results: stdout and
 * bench/results/latest.json; BENCHMARKS.md records them with the command and machine.
 *
 *   node bench/run.js                 everything (npm run bench builds first)
 *   node bench/run.js --size          sizes only: the quick check CI can run
 *   node bench/run.js --only=runtime,setdata   some sections: size compile dev runtime setdata startup
 *   node bench/run.js --rounds=8      rounds of the runtime operations (default 5)
 *   node bench/run.js --quick         fewer repetitions everywhere: a smoke test, not figures
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkBudgets, formatValue } from './lib/figures.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const ALL = ['size', 'compile', 'dev', 'runtime', 'setdata', 'startup', 'server'];

function parseArgs(argv) {
  const opts = { sections: new Set(ALL), rounds: 5, quick: false };
  for (const a of argv) {
    if (a === '--size') opts.sections = new Set(['size']);
    else if (a.startsWith('--only=')) {
      const names = a.slice(7).split(',').filter(Boolean);
      const unknown = names.filter((n) => !ALL.includes(n));
      if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; sections: ${ALL.join(' ')}`);
      opts.sections = new Set(names);
    } else if (a.startsWith('--rounds=')) opts.rounds = Number(a.slice(9));
    else if (a === '--quick') opts.quick = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const has = (s) => opts.sections.has(s);
const log = (s) => console.error(s);
const started = performance.now();
const results = {
  machine: `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  date: new Date().toISOString(),
  command: `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
  sections: [...opts.sections],
};
const pad = (s, n) => String(s).padStart(n);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

console.log(`wx2tg bench — ${results.machine}, load average ${results.loadAverage.join(' ')}`);

if (has('size')) {
  const { sizes } = await import('./size.js');
  results.sizes = [await sizes('hello'), await sizes('showcase')];
  console.log('\nSize (min / gzip -9). initial = index.html and its static imports; lazy = dynamic imports (pages, runtime parts split off); simulator loads only outside Telegram:');
  for (const z of results.sizes) {
    console.log(`  ${z.sample.padEnd(9)} runtime chunk ${kb(z.runtimeMin)} / ${kb(z.runtimeGzip)} gz, ${kb(z.runtimeWithoutBridgeGzip)} gz without runtime/telegram (each with index.html's API tables, ${z.tablesMin} B / ${z.tablesGzip} B gz) (+ ${kb(z.runtimeLazyGzip)} gz in lazy runtime chunks)   initial ${kb(z.initialGzip)} gz   all but simulator ${kb(z.allGzip)} gz`);
    for (const r of z.rows) console.log(`      ${r.file.padEnd(30)} ${r.kind.padEnd(10)} ${pad(r.min, 7)} B ${pad(r.gzip, 7)} B gz${r.runtime ? '  (runtime)' : ''}`);
    console.log(`    runtime by folder (min, lazy chunks included): ${z.modules.byFolder.map((f) => `${f.folder} ${kb(f.bytes)}`).join(', ')}`);
    console.log(`    largest runtime modules (min): ${z.modules.byModule.slice(0, 12).map((m) => `${m.module} ${kb(m.bytes)}${m.lazy ? ' lazy' : ''}`).join(', ')}`);
  }
}

if (has('compile')) {
  const { benchSamples, benchGenerated, benchWxmlThroughput } = await import('./compile.js');
  log('compile: samples…');
  results.compile = await benchSamples();
  log('compile: generated program…');
  results.generated = await benchGenerated();
  log('compile: WXML throughput…');
  results.wxml = benchWxmlThroughput();
  console.log('\nCompile phase vs bare parse of the same inputs (interleaved, medians of process CPU time), full build with Vite (wall clock):');
  console.log('  program                input    compile   bare parse   ratio  (wall ratio)  full build');
  const line = (name, r) => console.log(`  ${name.padEnd(20)} ${pad(kb(r.inputBytes), 9)} ${pad(r.compileMs.toFixed(2), 8)} ms ${pad(r.bareParseMs.toFixed(2), 9)} ms ${pad(r.compileToParse.toFixed(2), 6)}× ${pad(`(${r.wall.compileToParse.toFixed(2)}×)`, 10)}   ${pad(r.fullBuildMs.toFixed(0), 8)} ms`);
  for (const r of results.compile.samples) line(r.sample, r);
  const g = results.generated;
  line(`generated (${g.pages} p.)`, g);
  console.log(`  samples together: ${results.compile.compileToParseAll.toFixed(2)}×   (target ≤ 3×)`);
  console.log(`  generated: ${g.pages} pages, ${g.components} components, ${kb(g.sourceBytes)} of WXML/WXSS/JS/WXS; compile ${g.compileToParse.toFixed(2)}× bare parse (target ≤ 3×), full build ${(g.fullBuildMs / 1000).toFixed(2)} s = ${g.fullBuildToParse.toFixed(1)}× bare parse (both wall clock) (bundling ${(g.bundleMs / 1000).toFixed(2)} s); noise (IQR/median) compile ${(g.noise.compile * 100).toFixed(0)}%, parse ${(g.noise.parse * 100).toFixed(0)}%, build ${(g.fullBuildSpread * 100).toFixed(0)}%`);
  const w = results.wxml;
  console.log(`  WXML throughput: ${w.files} templates, ${kb(w.bytes)}, ${w.expressions} expressions: compileWxml ${w.compileMs.toFixed(1)} ms (${w.kbPerSecond.toFixed(0)} KB/s), @babel/parser alone ${w.babelMs.toFixed(1)} ms, ratio ${w.compileToBabel.toFixed(2)}×`);
}

const browserSections = ['dev', 'runtime', 'setdata', 'startup'].filter(has);
if (browserSections.length) {
  const { launchBrowser } = await import('./lib/browser.js');
  const browser = await launchBrowser();
  let site = null;
  let server = null;
  try {
    if (has('dev')) {
      const { benchDevRebuild } = await import('./dev-rebuild.js');
      results.dev = await benchDevRebuild(browser, { edits: opts.quick ? 3 : 10, log });
      const d = results.dev;
      console.log(`\nDev server: one WXML edit (${d.sample}/${d.file}), median of ${d.served.runs}, HMR message: ${d.hmrPayload}`);
      if (!d.watched) console.log('  !! the dev server did not notice the edit: it does not watch the program’s .wxml files; the bench watched the folder itself to time the rest');
      console.log(`  write → HMR message ${d.hmr.ms.toFixed(1)} ms; → updated module served ${d.served.ms.toFixed(1)} ms (max ${d.served.max.toFixed(1)}, target < 50 ms); → page shows it ${d.shown.ms.toFixed(0)} ms`);
    }
    if (has('runtime') || has('setdata') || has('startup')) {
      const { buildSite } = await import('./lib/apps.js');
      const { serveDir } = await import('./lib/static.js');
      log('building the bench pages…');
      site = await buildSite({ showcase: has('startup') });
      server = await serveDir(site.site);
    }
    if (has('runtime')) {
      const { benchRuntime } = await import('./runtime.js');
      const rt = (results.runtime = await benchRuntime(browser, server.url, { rounds: opts.quick ? 1 : opts.rounds, log }));
      console.log(`\nRuntime operations: main-thread CPU ms from tap to paint, median of ${rt.rounds} rounds (± = IQR/median); ratio to vanilla; wall-clock ratio after |`);
      console.log('  operation                 wx2tg            vanilla          React           wx2tg   React  |  wall: wx2tg  React');
      for (const o of rt.operations) {
        const cell = (x) => `${pad(x.ms.toFixed(1), 7)} ±${pad((x.spread * 100).toFixed(0), 2)}%  `;
        console.log(`  ${o.label.padEnd(24)} ${cell(o.wx2tg)}${cell(o.vanilla)}${cell(o.react)}${pad(o.wx2tgToVanilla.toFixed(2), 5)}× ${pad(o.reactToVanilla.toFixed(2), 6)}×  | ${pad(o.wallWx2tgToVanilla.toFixed(2), 10)}× ${pad(o.wallReactToVanilla.toFixed(2), 5)}×`);
      }
      console.log(`  geometric mean: wx2tg ${rt.geomean.wx2tg.toFixed(2)}×, React ${rt.geomean.react.toFixed(2)}× (wall clock: ${rt.wallGeomean.wx2tg.toFixed(2)}×, ${rt.wallGeomean.react.toFixed(2)}×); target ≤ 1.3× and ahead of React`);
      const h = rt.heap;
      const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
      console.log(`  JS heap after 10,000 rows: wx2tg ${mb(h.wx2tg.rows10kBytes)} (${rt.heapRatio.wx2tg.toFixed(2)}×), vanilla ${mb(h.vanilla.rows10kBytes)}, React ${mb(h.react.rows10kBytes)} (${rt.heapRatio.react.toFixed(2)}×); before any row: ${mb(h.wx2tg.emptyBytes)}, ${mb(h.vanilla.emptyBytes)}, ${mb(h.react.emptyBytes)}`);
    }
    if (has('setdata')) {
      const { benchSetData } = await import('./setdata.js');
      const sd = (results.setData = await benchSetData(browser, server.url, { rounds: opts.quick ? 2 : 7, log }));
      console.log('\nsetData cost: one path change on a page of 1,000 bindings against one vanilla DOM write (main-thread CPU, medians):');
      for (const [form, r] of Object.entries(sd)) {
        console.log(`  ${form.padEnd(6)} setData({'${r.path}'}): ${r.perUpdate.wx2tg.us.toFixed(2)} µs per update vs ${r.perUpdate.vanilla.us.toFixed(2)} µs = ${r.perUpdate.ratio.toFixed(1)}×;  tap-to-paint frame ${(r.perFrame.wx2tg.us / 1000).toFixed(2)} ms vs ${(r.perFrame.vanilla.us / 1000).toFixed(2)} ms = ${r.perFrame.ratio.toFixed(2)}×`);
      }
    }
    if (has('startup')) {
      const { benchStartup } = await import('./startup.js');
      const st = (results.startup = await benchStartup(browser, server.url, { siteDir: site.site, runs: opts.quick ? 3 : 9, log }));
      console.log(`\nStartup (${st.throttle}× CPU throttling, ${st.viewport.viewport.width}×${st.viewport.viewport.height} @${st.viewport.deviceScaleFactor}x mobile, cold cache, median of ${st.showcase.firstRender.runs}):`);
      console.log(`  first screen fetched ${st.firstScreen.files.length} JS/CSS files, ${kb(st.firstScreen.gzip)} gz (${kb(st.firstScreen.min)} min) before its first render`);
      console.log(`  showcase first render ${st.showcase.firstRender.ms.toFixed(0)} ms (±${(st.showcase.firstRender.spread * 100).toFixed(0)}%), FCP ${st.showcase.fcp.ms.toFixed(0)} ms; empty static page ${st.static.firstRender.ms.toFixed(0)} ms (±${(st.static.firstRender.spread * 100).toFixed(0)}%); ratio ${st.ratio.toFixed(2)}×`);
    }
  } finally {
    await browser.close();
    await server?.close();
    site?.cleanup();
  }
}

if (has('server')) {
  // The server kit under load (bench/server.js): login + order creation on loopback.
  const { runServerBench } = await import('./server.js');
  const sv = (results.server = await runServerBench(opts.quick ? { logins: 2000, orders: 1000 } : {}));
  console.log(`\nServer kit (${sv.storage}, ${sv.connections} connections, loopback; bare Node http ${sv.baseline.reqPerSec.toFixed(0)} req/s):`);
  for (const k of ['login', 'order']) console.log(`  ${k.padEnd(6)} ${pad(sv[k].reqPerSec.toFixed(0), 6)} req/s   p99 ${sv[k].p99ms} ms   ${sv[k].ratioToBaseline}× bare http`);
  console.log(`  lost: ${sv.lost.logins} logins, ${sv.lost.orders} orders`);
  if (!sv.ok) {
    console.error('BENCH FAILED: the server load test lost or refused requests');
    process.exitCode = 1;
  }
}

// Budgets: every figure of the sections that ran, against bench/budgets.json.
const budgets = JSON.parse(readFileSync(path.join(ROOT, 'bench/budgets.json'), 'utf8'));
const { rows, failures } = checkBudgets(results, budgets, opts.sections);
results.figures = rows;
results.seconds = (performance.now() - started) / 1000;
console.log('\nFigures, targets (issue 11) and budgets (bench/budgets.json):');
for (const r of rows) {
  const value = r.value === undefined || r.value === null ? '—' : formatValue(r.value, r.unit);
  const target = r.target ? `target ${r.target}: ${r.targetMet === null ? '—' : r.targetMet ? 'met' : 'NOT met'}` : '';
  const budget = r.budget === undefined ? 'no budget' : `budget ${formatValue(r.budget, r.unit)}${r.ok ? '' : '  ← OVER'}`;
  console.log(`  ${r.ok ? ' ' : '✗'} ${r.label.padEnd(64)} ${pad(value, 10)}   ${budget.padEnd(22)} ${target}`);
}
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(results, null, 2));
console.log(`\nbench took ${results.seconds.toFixed(0)} s`);
if (failures.length) {
  const bar = '='.repeat(78);
  console.error(`\n${bar}\nBENCH FAILED: ${failures.length} figure(s) past their budget in bench/budgets.json\n  ${failures.join('\n  ')}\n${bar}`);
  process.exitCode = 1;
} else console.log('All figures within their budgets in bench/budgets.json.');
