/**
 * openStore(url): `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite:<path>`, a plain file
 * path or nothing (→ ./wx2tg.sqlite) → the embedded SQLite file; `sqlite::memory:` → in memory.
 */
import { SqliteDb } from './sqlite.js';
import { PostgresDb } from './postgres.js';
import { Store } from './store.js';

export const DEFAULT_SQLITE_FILE = 'wx2tg.sqlite';

export async function openStore(url: string | undefined = undefined): Promise<Store> {
  const u = (url ?? '').trim();
  if (/^postgres(ql)?:\/\//i.test(u)) return Store.open(await PostgresDb.connect(u));
  const file = u.replace(/^sqlite:(\/\/)?/i, '') || DEFAULT_SQLITE_FILE;
  return Store.open(new SqliteDb(file));
}

export { Store, SqliteDb, PostgresDb };
export type { Order, OrderStatus, PaymentRecord, UserRecord, NewOrder, PaymentFacts, PaymentOutcome } from './store.js';
export type { Db } from './db.js';
