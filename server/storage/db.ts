/**
 * The smallest SQL surface the store needs, so one set of statements runs on SQLite (embedded,
 * the default) and PostgreSQL (when a connection string is given). Statements are written with
 * PostgreSQL's `$1` placeholders; the SQLite driver maps them to `?1`.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Db {
  /** 'sqlite' | 'postgres': the few statements that differ ask. */
  readonly dialect: 'sqlite' | 'postgres';
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /**
   * Runs `fn` in one transaction: every statement it issues through `tx` commits together or
   * not at all. A throw rolls back and is rethrown.
   */
  transaction<T>(fn: (tx: Pick<Db, 'query' | 'dialect'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
