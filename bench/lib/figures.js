/**
 * Every figure the bench holds to a budget, in one table: where it is in the results, its unit,
 * the issue-11 target where there is one, and the key of its budget in bench/budgets.json.
 * A figure over its budget fails the run; a target not met is reported, not failed (budgets
 * stop regressions; targets say what "good" is).
 */
import { OPERATIONS } from '../runtime.js';

const KB = 1024;

/** { key, section, label, unit, get(results) → number|boolean, target?: { text, met(v, results) } } */
export const FIGURES = [
  ...['hello', 'showcase'].flatMap((sample) => {
    const z = (r) => r.sizes?.find((x) => x.sample === sample);
    return [
      { key: `size.${sample}.runtimeGzipBytes`, section: 'size', label: `runtime chunk gzip, samples/${sample}`, unit: 'B', get: (r) => z(r)?.runtimeGzip, target: sample === 'hello' ? { text: '< 30 KB', met: (v) => v < 30 * KB } : undefined },
      { key: `size.${sample}.runtimeWithoutBridgeGzipBytes`, section: 'size', label: `runtime chunk without runtime/telegram, gzip, ${sample}`, unit: 'B', get: (r) => z(r)?.runtimeWithoutBridgeGzip, target: sample === 'hello' ? { text: '< 30 KB', met: (v) => v < 30 * KB } : undefined },
      { key: `size.${sample}.initialGzipBytes`, section: 'size', label: `initial load gzip (index.html + static imports), ${sample}`, unit: 'B', get: (r) => z(r)?.initialGzip },
      { key: `size.${sample}.allGzipBytes`, section: 'size', label: `every asset but the simulator, gzip, ${sample}`, unit: 'B', get: (r) => z(r)?.allGzip },
    ];
  }),
  { key: 'compile.samples.compileToParse', section: 'compile', label: 'compile / bare parse, samples', unit: '×', get: (r) => r.compile?.compileToParseAll, target: { text: '≤ 3×', met: (v) => v <= 3 } },
  { key: 'compile.generated.compileToParse', section: 'compile', label: 'compile / bare parse, generated 200 pages', unit: '×', get: (r) => r.generated?.compileToParse, target: { text: '≤ 3×', met: (v) => v <= 3 } },
  { key: 'compile.generated.fullBuildToParse', section: 'compile', label: 'full build / bare parse, generated 200 pages', unit: '×', get: (r) => r.generated?.fullBuildToParse },
  { key: 'compile.wxml.compileToBabel', section: 'compile', label: 'compileWxml / @babel/parser, 200 templates', unit: '×', get: (r) => r.wxml?.compileToBabel },
  { key: 'dev.watchesWxml', section: 'dev', label: 'dev server notices a WXML edit', unit: 'bool', get: (r) => r.dev?.watched, target: { text: 'yes', met: (v) => v === true } },
  { key: 'dev.wxmlRebuildServedMs', section: 'dev', label: 'dev: WXML edit → updated module served', unit: 'ms', get: (r) => r.dev?.served.ms, target: { text: '< 50 ms', met: (v) => v < 50 } },
  { key: 'runtime.geomeanToVanilla', section: 'runtime', label: 'runtime ops, geometric mean / vanilla', unit: '×', get: (r) => r.runtime?.geomean.wx2tg, target: { text: '≤ 1.3×', met: (v) => v <= 1.3 } },
  { key: 'runtime.geomeanToReact', section: 'runtime', label: 'runtime ops, geometric mean / React’s', unit: '×', get: (r) => r.runtime && r.runtime.geomean.wx2tg / r.runtime.geomean.react, target: { text: '< 1 (ahead of React)', met: (v) => v < 1 } },
  ...OPERATIONS.map((op) => ({ key: `runtime.op.${op.name}`, section: 'runtime', label: `runtime op: ${op.label} / vanilla`, unit: '×', get: (r) => r.runtime?.operations.find((o) => o.name === op.name)?.wx2tgToVanilla })),
  { key: 'runtime.heap10kToVanilla', section: 'runtime', label: 'JS heap after 10,000 rows / vanilla', unit: '×', get: (r) => r.runtime?.heapRatio?.wx2tg },
  { key: 'setData.list.perUpdateToVanilla', section: 'setdata', label: 'setData rows[500].v, 1,000 row bindings, per update / vanilla', unit: '×', get: (r) => r.setData?.list.perUpdate.ratio },
  { key: 'setData.fields.perUpdateToVanilla', section: 'setdata', label: 'setData f500, 1,000 field bindings, per update / vanilla', unit: '×', get: (r) => r.setData?.fields.perUpdate.ratio },
  { key: 'setData.list.perFrameToVanilla', section: 'setdata', label: 'setData rows[500].v, tap-to-paint frame / vanilla', unit: '×', get: (r) => r.setData?.list.perFrame.ratio },
  { key: 'setData.fields.perFrameToVanilla', section: 'setdata', label: 'setData f500, tap-to-paint frame / vanilla', unit: '×', get: (r) => r.setData?.fields.perFrame.ratio },
  { key: 'startup.firstScreenGzipBytes', section: 'startup', label: 'startup, JS+CSS fetched before the first render (gzip), showcase', unit: 'B', get: (r) => r.startup?.firstScreen.gzip },
  { key: 'startup.showcaseToStatic', section: 'startup', label: 'startup, showcase first render / empty static page (4× CPU)', unit: '×', get: (r) => r.startup?.ratio },
];

export function formatValue(v, unit) {
  if (typeof v === 'boolean') return v ? 'yes' : 'NO';
  if (unit === 'B') return `${(v / KB).toFixed(1)} KB`;
  if (unit === 'ms') return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)}×`;
}

/**
 * Checks the figures of the sections that ran against the budgets. Returns the rows for the
 * summary and the list of failures (over budget, missing figure, or a budget that is missing).
 */
export function checkBudgets(results, budgets, sections) {
  const rows = [];
  const failures = [];
  for (const f of FIGURES) {
    if (!sections.has(f.section)) continue;
    const v = f.get(results);
    const budget = budgets[f.key];
    const row = { key: f.key, label: f.label, unit: f.unit, value: v, budget, target: f.target?.text ?? null, targetMet: null, ok: true };
    if (v === undefined || v === null || Number.isNaN(v)) {
      row.ok = false;
      failures.push(`${f.key}: no figure was produced`);
    } else {
      if (f.target) row.targetMet = f.target.met(v, results);
      if (budget === undefined) {
        row.ok = false;
        failures.push(`${f.key}: no budget in bench/budgets.json`);
      } else if (typeof budget === 'boolean' ? v !== budget : v > budget) {
        row.ok = false;
        failures.push(`${f.label} (${f.key}): ${formatValue(v, f.unit)} is past its budget ${formatValue(budget, f.unit)}`);
      }
    }
    rows.push(row);
  }
  return { rows, failures };
}
