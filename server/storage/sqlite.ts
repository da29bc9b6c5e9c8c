/**
 * Embedded SQLite through node-sqlite3-wasm: SQLite compiled to WebAssembly with a VFS on Node's
 * fs, so the database is an ordinary file written page by page (no native build, no install
 * script, no whole-file rewrite per commit as sql.js would need).
 *
 * Durability: journal_mode=WAL with synchronous=FULL, so a commit returns only after the WAL is
 * fsync'd; a crash after that loses nothing. WAL needs shared memory between connections, which
 * this VFS lacks, so the connection takes locking_mode=EXCLUSIVE (SQLite then keeps the WAL index
 * in process memory). The file is therefore owned by one process: the VFS marks it with a
 * `<file>.lock` directory, and we write `<file>.pid` beside it so a lock left by a killed process
 * can be told from one held by a live process and cleared on the next start.
 *
 * Calls are synchronous (microseconds for our statements) and queued, so a transaction's
 * statements never interleave with another caller's; what queues up while a commit is under way
 * is committed together (group commit: one fsync for many callers, each still durable before it
 * is answered).
 */
import { existsSync, readFileSync, rmSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Db, Row, SqlValue } from './db.js';

type WasmDatabase = import('node-sqlite3-wasm').Database;
type WasmStatement = import('node-sqlite3-wasm').Statement;

const require = createRequire(import.meta.url);
const openInThisProcess = new Set<string>();
/** Most pieces of work committed together. */
const MAX_BATCH = 256;

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // a lock "held" by us before we opened it is a previous life's (a restarted container)
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Clears the VFS lock a dead process left behind; refuses a file a live process holds. */
function claimFile(file: string): void {
  const lockDir = `${file}.lock`;
  const pidFile = `${file}.pid`;
  if (openInThisProcess.has(file)) throw new Error(`SQLite database ${file} is already open in this process`);
  if (existsSync(lockDir)) {
    const owner = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
    if (pidAlive(owner)) throw new Error(`SQLite database ${file} is in use by process ${owner} (one process owns an embedded database; use PostgreSQL to run several)`);
    rmSync(lockDir, { recursive: true, force: true });
  }
  const tmp = `${pidFile}.${process.pid}.tmp`;
  writeFileSync(tmp, String(process.pid));
  renameSync(tmp, pidFile);
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly db: WasmDatabase;
  private readonly statements = new Map<string, WasmStatement>();
  private readonly pending: { fn: (tx: Pick<Db, 'query' | 'dialect'>) => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private readonly idle: (() => void)[] = [];
  private running = false;
  private scheduled = false;
  private closing = false;
  private closed = false;

  constructor(readonly file: string) {
    const { Database } = require('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    if (file !== ':memory:') {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      claimFile(path.resolve(file));
    }
    this.db = new Database(file);
    try {
      this.db.exec('PRAGMA locking_mode=EXCLUSIVE');
      const mode = this.db.get('PRAGMA journal_mode=WAL') as { journal_mode?: string } | null;
      if (file !== ':memory:' && mode?.journal_mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${mode?.journal_mode})`);
      this.db.exec('PRAGMA synchronous=FULL');
      this.db.exec('PRAGMA busy_timeout=0');
      // Take the exclusive lock now, so a second process fails at start, not at its first write.
      this.db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (e) {
      this.db.close();
      throw e;
    }
    if (file !== ':memory:') openInThisProcess.add(path.resolve(file));
  }

  private statement(sql: string): WasmStatement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql.replace(/\$(\d+)/g, '?$1'));
      this.statements.set(sql, st);
    }
    return st;
  }

  private runNow(sql: string, params: readonly SqlValue[]): Row[] {
    if (this.closed) throw new Error('the database is closed');
    const st = this.statement(sql);
    if (/^\s*(select|with|pragma)\b/i.test(sql) || /\breturning\b/i.test(sql)) return st.all(params as SqlValue[]) as Row[];
    st.run(params as SqlValue[]);
    return [];
  }

  /**
   * Group commit: work queued while a batch runs goes into the next batch, and a batch is one
   * SQLite transaction with a savepoint per piece of work, so many callers share one fsync.
   * Nobody's promise resolves before the COMMIT that makes their writes durable; a piece of
   * work that throws is rolled back to its savepoint alone.
   */
  private enqueue<T>(fn: (tx: Pick<Db, 'query' | 'dialect'>) => Promise<T> | T): Promise<T> {
    if (this.closing) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const batch = this.pending.splice(0, MAX_BATCH);
    const tx = { dialect: this.dialect, query: async (sql: string, params: readonly SqlValue[] = []) => this.runNow(sql, params) };
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const job of batch) {
        this.db.exec('SAVEPOINT wx2tg_job');
        try {
          const value = await job.fn(tx);
          this.db.exec('RELEASE wx2tg_job');
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.db.exec('ROLLBACK TO wx2tg_job');
          this.db.exec('RELEASE wx2tg_job');
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
      batch.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    } catch (error) {
      // The commit (or the transaction itself) failed: nothing of this batch is stored.
      if (this.db.isOpen && this.db.inTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          /* already rolled back by SQLite */
        }
      }
      for (const job of batch) job.reject(error);
    } finally {
      this.running = false;
      if (this.pending.length) this.schedule();
      else for (const w of this.idle.splice(0)) w();
    }
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.enqueue(() => this.runNow(sql, params));
  }

  transaction<T>(fn: (tx: Pick<Db, 'query' | 'dialect'>) => Promise<T>): Promise<T> {
    return this.enqueue(fn);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.running || this.scheduled || this.pending.length) await new Promise<void>((r) => this.idle.push(r));
    {
      this.closed = true;
      for (const st of this.statements.values()) st.finalize();
      this.statements.clear();
      this.db.close();
      if (this.file !== ':memory:') {
        const abs = path.resolve(this.file);
        openInThisProcess.delete(abs);
        rmSync(`${abs}.pid`, { force: true });
      }
    }
  }
}
