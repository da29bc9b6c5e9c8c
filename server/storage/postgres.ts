/**
 * PostgreSQL through `pg` (pure JavaScript): a pool, so several stateless server instances can
 * share one database behind a load balancer. Loaded only when a postgres:// URL is given.
 */
import type { Db, Row, SqlValue } from './db.js';

type Pool = import('pg').Pool;

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private constructor(private readonly pool: Pool) {}

  static async connect(connectionString: string, options: { max?: number } = {}): Promise<PostgresDb> {
    const pg = (await import('pg')).default;
    // BIGINT (int8) columns hold Telegram ids and millisecond times: all below 2^53, so numbers.
    // Set on this pool only, not pg's global parsers, which the rest of the program may rely on.
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
    pool.on('error', (err) => console.error('[wx2tg] idle PostgreSQL client error', err));
    const client = await pool.connect(); // fail at start, not at the first request
    client.release();
    return new PostgresDb(pool);
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const res = await this.pool.query(sql, params as SqlValue[]);
    return res.rows as Row[];
  }

  async transaction<T>(fn: (tx: Pick<Db, 'query' | 'dialect'>) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx = {
        dialect: this.dialect,
        query: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(sql, params as SqlValue[])).rows as Row[],
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
