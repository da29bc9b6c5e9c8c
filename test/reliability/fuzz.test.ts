/**
 * Compiler fuzzing (issue 12): mutated real files and generated inputs through the WXML, `{{ }}`
 * expression, WXSS, WXS and JSON front ends and the whole program compile. No exception may
 * escape, no input may take longer than the hang budget, every diagnostic is a catalog code with
 * file:line:column and a code frame, and output of inputs without errors is valid JS / CSS.
 *
 * Quick by default (fixed seed, a few seconds). Long runs for RELIABILITY.md:
 *   FUZZ_RUNS=20000 FUZZ_SEED=7 npx vitest run test/reliability/fuzz.test.ts
 * FUZZ_HANG_MS sets the per-input budget (default 5000 ms); FUZZ_SCALE the size of the pathological
 * inputs (1 = full, the default from FUZZ_RUNS=1000 up; 0.25 below); FUZZ_REPORT=<file> writes the figures as JSON.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { jobsFor, pathological, plan, unmutated } from './fuzz/corpus.js';
import { describeFinding, FuzzSession, runCampaign, type CampaignReport } from './fuzz/harness.js';
import type { Target } from './fuzz/protocol.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 12);
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 5000);
// Pathological inputs at full size in long runs, at a quarter in the quick one.
const SCALE = Number(process.env.FUZZ_SCALE ?? (RUNS >= 1000 ? 1 : 0.25));
const counts = plan(RUNS);
const reports: Partial<Record<Target | 'pathological' | 'corpus', CampaignReport>> = {};

function summarize(name: string, r: CampaignReport): string {
  const slow = r.slowest.slice(0, 3).map((s) => `${s.ms.toFixed(1)} ms (${s.length} chars, ${s.label})`);
  const unlocated = Object.entries(r.unlocated).map(([c, n]) => `${c}×${n}`);
  const codes = Object.values(r.codes).reduce((a, b) => a + b, 0);
  return (
    `${name}: ${r.tried} inputs in ${(r.wallMs / 1000).toFixed(1)} s, ${r.failures.length} failures, ${r.hangs.length} hangs, ` +
    `${codes} diagnostics of ${Object.keys(r.codes).length} codes${unlocated.length ? ` (without location: ${unlocated.join(' ')})` : ''}; slowest ${slow.join('; ')}`
  );
}

function expectClean(name: string, r: CampaignReport): void {
  reports[name as keyof typeof reports] = r;
  const bad = [...r.hangs, ...r.failures];
  // Print the findings themselves: the assertion message alone would hide which input broke.
  if (bad.length) console.error(`${name}: ${bad.length} findings\n` + bad.slice(0, 8).map(describeFinding).join('\n'));
  expect(bad.map((f) => `${f.label}: ${f.problems[0]}`)).toEqual([]);
}

const session = new FuzzSession();

afterAll(async () => {
  await session.close();
  const lines = Object.entries(reports).map(([name, r]) => summarize(name, r!));
  const total = Object.values(reports).reduce((n, r) => n + r!.tried, 0);
  console.log(`fuzz (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED}, FUZZ_SCALE=${SCALE}): ${total} inputs\n  ${lines.join('\n  ')}`);
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ runs: RUNS, seed: SEED, scale: SCALE, hangMs: HANG_MS, total, reports }, null, 2));
});

describe('compiler fuzzing', () => {
  const timeout = Math.max(60_000, RUNS * 400);

  it('compiles every real file of samples/ and test/fixtures/ as it is to valid output', async () => {
    expectClean('corpus', await runCampaign(unmutated(), { hangMs: HANG_MS, session }));
  }, timeout);

  it('survives the pathological inputs within the budget', async () => {
    expectClean('pathological', await runCampaign(pathological(SCALE), { hangMs: HANG_MS, session }));
  }, timeout);

  for (const target of ['wxml', 'expr', 'wxss', 'wxs', 'json', 'program'] as const) {
    it(`${target}: ${counts[target]} inputs`, async () => {
      const r = await runCampaign(jobsFor(target, counts[target], SEED), { hangMs: HANG_MS, session });
      expect(r.tried).toBe(counts[target]);
      expectClean(target, r);
    }, timeout);
  }
});
