/**
 * A real PostgreSQL for the storage tests: WX2TG_TEST_DATABASE_URL when set, else a throwaway
 * cluster started from Debian's postgresql binaries (initdb + pg_ctl on a free port, run as the
 * `postgres` user when we are root). When neither is possible the PostgreSQL tests are skipped,
 * and `reason` says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { freePort } from '../helpers/net.js';

export interface TestPostgres {
  url: string;
  stop(): void;
}

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export async function startPostgres(): Promise<TestPostgres | { reason: string }> {
  if (process.env.WX2TG_TEST_DATABASE_URL) return { url: process.env.WX2TG_TEST_DATABASE_URL, stop: () => undefined };
  const bin = pgBin();
  if (!bin) return { reason: 'no PostgreSQL server binaries (apt-get install postgresql) and no WX2TG_TEST_DATABASE_URL' };
  const isRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (isRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) return { reason: 'running as root and there is no postgres user to run the server as' };
    uid = Number(id.stdout.trim());
    gid = Number(g.stdout.trim());
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-pg-'));
  chmodSync(dir, 0o700);
  if (uid !== undefined) chownSync(dir, uid, gid!);
  const as = (cmd: string, args: string[]): void => {
    const full = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    execFileSync(full[0] as string, full[1] as string[], { stdio: 'pipe', cwd: dir, timeout: 60_000 });
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    as(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'wx2tg', '--no-sync', '-E', 'UTF8']);
    as(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `could not start a throwaway PostgreSQL: ${(e as Error).message.split('\n')[0]}` };
  }
  return {
    url: `postgres://wx2tg@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        as(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `cases(url)` inside a describe against a throwaway PostgreSQL (started once per file),
 * or records one skipped test saying why there is none.
 */
export function onPostgres(label: string, cases: (url: string) => void): void {
  const ready = startPostgres();
  afterAll(async () => {
    const pg = await ready;
    if ('stop' in pg) pg.stop();
  });
  describe(label, async () => {
    const pg = await ready;
    if ('reason' in pg) {
      it.skip(`skipped: ${pg.reason}`, () => undefined);
      return;
    }
    cases(pg.url);
  });
}
