#!/usr/bin/env node
/**
 * npm run soak -- --minutes 2 [--users 8] [--seed 1] [--kill-every 9] [--postgres | --database postgres://…] [--json out.json]
 * Runs the loopback soak (soak.ts) against the working tree's server sources, prints its figures,
 * exits 1 when an invariant broke. --postgres starts a throwaway PostgreSQL cluster (as the
 * storage tests do); --database uses a server you give (a fresh database is made in it).
 */
import './register.mjs';
import { writeFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? fallback : argv[i + 1];
};
const minutes = Number(opt('minutes', '2'));
if (!(minutes > 0)) {
  console.error('usage: npm run soak -- --minutes <n> [--users 8] [--seed 1] [--kill-every <s>] [--postgres | --database postgres://…] [--json file]');
  process.exit(2);
}
// A signal ends the run through process.exit, so the exit hooks stop the server child and PostgreSQL.
let pg = null;
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => {
  pg?.stop();
  process.exit(sig === 'SIGINT' ? 130 : 143);
});
const { runSoak } = await import('./soak.ts');
let databaseUrl = opt('database', undefined);
if (argv.includes('--postgres')) {
  const { startPostgres } = await import('../../server/pg.ts');
  pg = await startPostgres();
  if ('reason' in pg) {
    console.error(`soak: ${pg.reason}`);
    process.exit(2);
  }
  databaseUrl = pg.url;
}
let report;
try {
  report = await runSoak({
    durationMs: minutes * 60_000,
    users: Number(opt('users', '8')),
    seed: Number(opt('seed', '1')),
    killEveryMs: opt('kill-every', undefined) ? Number(opt('kill-every')) * 1000 : undefined,
    databaseUrl,
    log: (l) => console.log(l),
  });
} finally {
  pg?.stop();
}
console.log(report.text);
const json = opt('json', undefined);
if (json) writeFileSync(json, JSON.stringify({ ...report.figures, violations: report.violations, machine: `${process.platform} ${process.arch}, Node ${process.version}` }, null, 2));
process.exit(report.ok ? 0 : 1);
