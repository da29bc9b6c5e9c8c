/**
 * The soak's server process (server.ts): forked with the TypeScript hooks, started until a start
 * succeeds, killed (SIGKILL) or stopped (SIGTERM) and started again; its stderr tallied (kit log
 * lines by kind, unhandled errors, failed starts) and its IPC answers routed to whoever asked.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface KillRecord {
  kind: 'SIGKILL' | 'SIGTERM';
  at: number;
  readyAt?: number;
  firstOrderAt?: number;
}

export class KitProcess {
  child: ChildProcess | null = null;
  ready = false;
  starts = 0;
  failedStarts: string[] = [];
  unhandled: string[] = [];
  exits: string[] = [];
  logs = new Map<string, number>();
  private waiters = new Map<string, (m: any) => void>();
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly env: Record<string, string>) {}

  /** Starts the server until one start succeeds. */
  async start(): Promise<void> {
    for (;;) {
      const ok = await this.startOnce();
      if (ok) return;
      await sleep(300);
    }
  }

  private startOnce(): Promise<boolean> {
    this.starts++;
    const child = fork(path.join(HERE, 'server.ts'), [], {
      execArgv: ['--import', path.join(HERE, 'register.mjs')],
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    // The server must not outlive the soak, however the soak ends (Ctrl-C, timeout, a throw).
    const reap = (): void => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
    process.once('exit', reap);
    child.once('exit', () => process.removeListener('exit', reap));
    let tail = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      tail += chunk;
      const lines = tail.split('\n');
      tail = lines.pop()!;
      for (const line of lines) this.onLine(line);
    });
    child.on('message', (m: any) => {
      if (m?.ready) {
        this.ready = true;
        for (const w of this.readyWaiters.splice(0)) w();
      }
      if (m?.sent) this.waiters.get(`sent:${m.sent.id}`)?.(m.sent);
      if (m?.status) this.waiters.get('status')?.(m.status);
    });
    return new Promise((resolve) => {
      child.once('message', (m: any) => m?.ready && resolve(true));
      child.once('exit', (code, signal) => {
        if (tail) this.onLine(tail);
        this.ready = false;
        if (this.child === child) this.child = null;
        this.exits.push(signal ?? String(code));
        for (const [k, w] of this.waiters) if (k.startsWith('sent:') || k === 'status') w(null);
        resolve(false);
      });
    });
  }

  private onLine(line: string): void {
    if (line.startsWith('LOG\t')) {
      const kind = line
        .slice(4)
        .replace(/\b(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{12,}/g, '<id>')
        .replace(/\d+/g, 'N')
        .slice(0, 120);
      this.logs.set(kind, (this.logs.get(kind) ?? 0) + 1);
    } else if (line.startsWith('SOAK-UNHANDLED')) this.unhandled.push(line);
    else if (line.startsWith('SOAK-START-FAILED')) this.failedStarts.push(line.slice(18));
    else if (line.trim()) this.logs.set(`stderr: ${line.slice(0, 100)}`, (this.logs.get(`stderr: ${line.slice(0, 100)}`) ?? 0) + 1);
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  /** Kills it (SIGKILL) or stops it gracefully (SIGTERM) and waits until it has exited. */
  async kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.ready = false;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Asks the running server something over IPC; null when it died before answering. */
  ask<T>(key: string, message: unknown, timeoutMs = 20_000): Promise<T | null> {
    const child = this.child;
    if (!child || !this.ready) return Promise.resolve(null);
    return new Promise((resolve) => {
      const t = setTimeout(() => done(null), timeoutMs);
      const done = (v: T | null): void => {
        clearTimeout(t);
        if (this.waiters.get(key) === done) this.waiters.delete(key);
        resolve(v);
      };
      this.waiters.set(key, done as (m: any) => void);
      try {
        child.send(message as never);
      } catch {
        done(null);
      }
    });
  }
}
