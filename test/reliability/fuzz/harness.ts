/**
 * Runs fuzz jobs in a worker thread with a watchdog: a job that takes longer than `hangMs` is a
 * hang, the worker is stopped and a fresh one carries on with the next job. Collects what broke,
 * the slowest inputs, and which diagnostic codes were reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzJob, FuzzResult, Target } from './protocol.js';

export type JobSpec = FuzzJob extends infer J ? (J extends FuzzJob ? Omit<J, 'id'> & { label: string } : never) : never;

export interface Finding {
  label: string;
  target: Target;
  source: string;
  problems: string[];
}

export interface CampaignReport {
  tried: number;
  failures: Finding[];
  hangs: Finding[];
  /** The slowest inputs: ms, label, and input length. */
  slowest: { ms: number; label: string; target: Target; length: number }[];
  /** How often each diagnostic code was reported. */
  codes: Record<string, number>;
  /** How often each code came without a location (program-level only; allowed, but counted). */
  unlocated: Record<string, number>;
  /** Wall time of the whole campaign, ms. */
  wallMs: number;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

class FuzzWorker {
  private worker: Worker;
  private waiting: ((r: FuzzResult) => void) | null = null;
  private readonly work = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-fuzz-'));
  readonly ready: Promise<void>;

  constructor() {
    this.worker = new Worker(BOOT, { workerData: { work: this.work }, resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 0.75 }, stdout: true, stderr: false });
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    this.worker.on('message', (r: FuzzResult) => {
      if (r.id === -2) return resolveReady();
      const w = this.waiting;
      this.waiting = null;
      w?.(r);
    });
    this.worker.on('error', (e) => {
      const w = this.waiting;
      this.waiting = null;
      w?.({ id: -3, ms: 0, problems: [`worker died: ${e.message}`], codes: [] });
    });
  }

  run(job: FuzzJob | { id: number; target: 'warm' }, hangMs: number): Promise<FuzzResult | 'hang'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve('hang');
      }, hangMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.worker.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
    rmSync(this.work, { recursive: true, force: true });
  }
}

/**
 * A worker kept across campaigns (starting one costs about a second), replaced after a hang.
 * The whole-program compiler (which loads TypeScript, seconds) is loaded before the first
 * program job, so that its start-up is not counted as that input's time.
 */
export class FuzzSession {
  private worker: FuzzWorker | null = null;
  private warm = false;

  private async current(): Promise<FuzzWorker> {
    if (!this.worker) {
      this.worker = new FuzzWorker();
      this.warm = false;
      await this.worker.ready;
    }
    return this.worker;
  }

  async run(job: FuzzJob, hangMs: number): Promise<FuzzResult | 'hang'> {
    let worker = await this.current();
    if (job.target === 'program' && !this.warm) {
      await worker.run({ id: -4, target: 'warm' }, 120_000);
      this.warm = true;
    }
    const result = await worker.run(job, hangMs);
    if (result === 'hang') {
      await worker.stop();
      this.worker = null;
    }
    return result;
  }

  async close(): Promise<void> {
    await this.worker?.stop();
    this.worker = null;
  }
}

export interface CampaignOptions {
  /** A job with no answer after this long is a hang. */
  hangMs: number;
  /** The worker to use (one is started and stopped for this campaign when not given). */
  session?: FuzzSession;
}

export async function runCampaign(jobs: Iterable<JobSpec>, options: CampaignOptions): Promise<CampaignReport> {
  const t0 = performance.now();
  const report: CampaignReport = { tried: 0, failures: [], hangs: [], slowest: [], codes: {}, unlocated: {}, wallMs: 0 };
  const session = options.session ?? new FuzzSession();
  let id = 0;
  try {
    for (const spec of jobs) {
      const { label, ...rest } = spec;
      const job = { ...rest, id: id++ } as FuzzJob;
      const result = await session.run(job, options.hangMs);
      report.tried++;
      if (result === 'hang') {
        report.hangs.push({ label, target: job.target, source: job.source, problems: [`no answer within ${options.hangMs} ms`] });
        continue;
      }
      if (result.problems.length) report.failures.push({ label, target: job.target, source: job.source, problems: result.problems });
      for (const c of result.codes) report.codes[c] = (report.codes[c] ?? 0) + 1;
      for (const c of result.unlocated ?? []) report.unlocated[c] = (report.unlocated[c] ?? 0) + 1;
      report.slowest.push({ ms: result.ms, label, target: job.target, length: job.source.length });
      if (report.slowest.length > 40) report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
    }
  } finally {
    if (!options.session) await session.close();
  }
  report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
  report.wallMs = performance.now() - t0;
  return report;
}

/** A short, printable summary of a finding (the input cut down, control characters escaped). */
export function describeFinding(f: Finding): string {
  const excerpt = JSON.stringify(f.source.length > 300 ? `${f.source.slice(0, 150)}…[${f.source.length} chars]…${f.source.slice(-100)}` : f.source);
  return `[${f.target}] ${f.label}\n  input: ${excerpt}\n  ${f.problems.slice(0, 3).join('\n  ')}`;
}
