/**
 * Runtime updates: the js-framework-benchmark operations, run on three implementations of the
 * same page in one headless Chromium: the mini-program page bench/apps/mp/pages/rows (compiled by
 * our CLI, rendered by our runtime), plain DOM code (bench/apps/vanilla) and React 19
 * (bench/apps/react).
 *
 * Each round loads every implementation fresh (in a new random order), warms every operation up
 * (WARM times), then times the nine operations in a fixed order, collecting garbage before each:
 * one tap, from the tap to the next paint (lib/harness.js). The figure is the renderer main
 * thread's CPU time over that interval (lib/trace.js), which is what the ratios use; the wall
 * time is kept beside it. After each operation the rows are checked: the right count, and the
 * same rows (class and text of each) in all three. Figures are medians over the rounds.
 */
import { HARNESS } from './lib/harness.js';
import { geomean, median, shuffled, spread } from './lib/stats.js';
import { withCpuTrace } from './lib/trace.js';

const WARM = 3;
const lbl = (row) => ({ row, part: '.lbl' });
const rm = (row) => ({ row, part: '.remove' });

/** Taps before the measured ones: every operation's code path, `n` times. */
const warmup = (n) => Array.from({ length: n }, (_, i) => ['#run', '#update', lbl(5 + i), '#swaprows', rm(10 + i), '#add', '#run', '#clear']).flat();

/** The operations in the order they are timed: the taps that prepare each, the timed tap, the rows after it. */
export const OPERATIONS = [
  { name: 'create1k', label: 'create 1,000 rows', before: [], timed: '#run', rows: 1000 },
  { name: 'replace1k', label: 'replace all 1,000 rows', before: [], timed: '#run', rows: 1000 },
  { name: 'update10th', label: 'update every 10th row', before: [], timed: '#update', rows: 1000 },
  { name: 'select', label: 'select a row', before: [lbl(5)], timed: lbl(1), rows: 1000 },
  { name: 'swap', label: 'swap two rows', before: [], timed: '#swaprows', rows: 1000 },
  { name: 'remove', label: 'remove a row', before: [], timed: rm(3), rows: 999 },
  { name: 'clear', label: 'clear 1,000 rows', before: ['#run'], timed: '#clear', rows: 0 },
  { name: 'create10k', label: 'create 10,000 rows', before: [], timed: '#runlots', rows: 10000 },
  { name: 'append1k', label: 'append 1,000 rows', before: ['#clear', '#run'], timed: '#add', rows: 2000 },
];

export const IMPLEMENTATIONS = {
  wx2tg: 'mp/index.html#/pages/rows/index',
  vanilla: 'web/vanilla/index.html',
  react: 'web/react/index.html',
};

async function openFresh(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(HARNESS);
  await page.goto(url);
  await page.waitForSelector('#run');
  await page.evaluate(() => window.__bench.frame());
  const cdp = await context.newCDPSession(page);
  return { page, cdp, errors };
}

/**
 * One round of one implementation on a fresh page: warm-up, then each operation timed. Returns
 * per operation { cpuMs, wallMs, digest }, and the heap before any row and after 10,000 rows;
 * null when the trace lost a mark (the round is then run again).
 */
async function runRound(context, url, operations, warm, label) {
  const { page, cdp, errors } = await openFresh(context, url);
  try {
    const heapEmpty = await heapUsed(cdp);
    for (const step of warmup(warm)) await page.evaluate((t) => window.__bench.step(t), step);
    await page.evaluate((t) => window.__bench.step(t), '#clear');
    const out = { ops: {}, heap: { empty: heapEmpty, rows10k: null } };
    for (const op of operations) {
      for (const step of op.before) await page.evaluate((t) => window.__bench.step(t), step);
      await cdp.send('HeapProfiler.collectGarbage');
      const traced = await withCpuTrace(cdp, () => page.evaluate((t) => window.__bench.timed(t), op.timed));
      if (!traced) return null;
      await page.evaluate(() => window.__bench.frame());
      const digest = await page.evaluate(() => window.__bench.digest());
      if (digest.rows !== op.rows) throw new Error(`${label} ${op.name}: ${digest.rows} rows after the operation, expected ${op.rows}`);
      if (op.name === 'create10k') out.heap.rows10k = await heapUsed(cdp);
      out.ops[op.name] = { cpuMs: traced.cpuMs, wallMs: traced.wallMs, digest };
    }
    if (errors.length) throw new Error(`${label}: page errors:\n  ${errors.join('\n  ')}`);
    return out;
  } finally {
    await page.close();
  }
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Runs `rounds` rounds of every operation on every implementation. Returns per-operation medians,
 * ratios to vanilla, the geometric means, and the heap after 10,000 rows.
 */
export async function benchRuntime(browser, siteUrl, { rounds = 5, warm = WARM, only = null, log = () => {} } = {}) {
  const impls = Object.keys(IMPLEMENTATIONS);
  const ops = only ? OPERATIONS.filter((op) => only.includes(op.name)) : OPERATIONS;
  const samples = Object.fromEntries(ops.map((op) => [op.name, Object.fromEntries(impls.map((i) => [i, { cpu: [], wall: [] }]))]));
  const heap = Object.fromEntries(impls.map((i) => [i, { empty: [], rows10k: [] }]));
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  try {
    for (let round = 0; round < rounds; round++) {
      const digests = {};
      for (const impl of shuffled(impls)) {
        let r = null;
        for (let attempt = 0; !r && attempt < 3; attempt++) r = await runRound(context, siteUrl + IMPLEMENTATIONS[impl], ops, warm, impl);
        if (!r) throw new Error(`${impl}: the trace lost its marks three times`);
        for (const op of ops) {
          samples[op.name][impl].cpu.push(r.ops[op.name].cpuMs);
          samples[op.name][impl].wall.push(r.ops[op.name].wallMs);
        }
        heap[impl].empty.push(r.heap.empty);
        if (r.heap.rows10k !== null) heap[impl].rows10k.push(r.heap.rows10k);
        digests[impl] = r.ops;
      }
      // Same seed, same taps: the three must show exactly the same rows after every operation.
      for (const op of ops) {
        const hashes = Object.fromEntries(impls.map((i) => [i, digests[i][op.name].digest.hash]));
        if (new Set(Object.values(hashes)).size !== 1) throw new Error(`${op.name}: the implementations rendered different rows (${JSON.stringify(hashes)})`);
      }
      log(`  runtime round ${round + 1}/${rounds} done`);
    }
  } finally {
    await context.close();
  }
  const operations = ops.map((op) => {
    const row = { name: op.name, label: op.label };
    for (const impl of impls) {
      const { cpu, wall } = samples[op.name][impl];
      row[impl] = { ms: median(cpu), spread: spread(cpu).iqr, wallMs: median(wall), wallSpread: spread(wall).iqr, runs: cpu.length };
    }
    row.wx2tgToVanilla = row.wx2tg.ms / row.vanilla.ms;
    row.reactToVanilla = row.react.ms / row.vanilla.ms;
    row.wallWx2tgToVanilla = row.wx2tg.wallMs / row.vanilla.wallMs;
    row.wallReactToVanilla = row.react.wallMs / row.vanilla.wallMs;
    return row;
  });
  const heapFigures = Object.fromEntries(impls.map((i) => [i, { emptyBytes: median(heap[i].empty), rows10kBytes: median(heap[i].rows10k) }]));
  return {
    rounds,
    operations,
    geomean: {
      wx2tg: geomean(operations.map((o) => o.wx2tgToVanilla)),
      react: geomean(operations.map((o) => o.reactToVanilla)),
    },
    wallGeomean: {
      wx2tg: geomean(operations.map((o) => o.wallWx2tgToVanilla)),
      react: geomean(operations.map((o) => o.wallReactToVanilla)),
    },
    heap: heapFigures,
    heapRatio: !heap.wx2tg.rows10k.length ? null : {
      wx2tg: heapFigures.wx2tg.rows10kBytes / heapFigures.vanilla.rows10kBytes,
      react: heapFigures.react.rows10kBytes / heapFigures.vanilla.rows10kBytes,
    },
  };
}
