/**
 * wx.cloud's database API (collection / doc / where / field / orderBy / skip / limit, the
 * db.command operators, serverDate, RegExp), shared by the runtime, which sends each operation
 * to the wx2tg server, and the server's wx-server-sdk, which runs it in-process. The builder
 * only describes operations; the server's engine (server/cloud/engine.ts) interprets them.
 *
 * On the wire a command is {"$op": name, "args": [...]}, a date {"$date": ms}; field names may
 * not start with "$", so neither can be confused with data.
 */

/** An error in WeChat's form: `errCode` from its cloud error table and "api:fail …" errMsg. */
export class CloudError extends Error {
  errMsg: string;
  constructor(
    readonly errCode: number,
    message: string,
    errMsg?: string,
  ) {
    super(errMsg ?? message);
    this.name = 'CloudError';
    this.errMsg = errMsg ?? message;
  }
}

/** WeChat's cloud error codes we produce (wxcloud/reference/errcode). */
export const ERR = {
  PARAM: -501007,
  NOT_EXIST: -501009,
  UNSUPPORTED: -501021,
  DB_REQUEST: -502001,
  DB_BAD_COMMAND: -502002,
  DB_PERMISSION: -502003,
  DB_NO_COLLECTION: -502005,
  FILE_REQUEST: -503001,
  FILE_PERMISSION: -503002,
  FILE_NOT_EXIST: -503003,
  FN_CALL: -504001,
  FN_EXEC: -504002,
  FN_NOT_FOUND: -501000,
  UPLOAD_TOO_BIG: -403001,
} as const;

export type Wire = null | boolean | number | string | Wire[] | { [k: string]: Wire };

export interface DbRequest {
  action: 'get' | 'count' | 'add' | 'set' | 'update' | 'remove';
  collection: string;
  doc?: string;
  where?: Wire;
  orderBy?: [string, 'asc' | 'desc'][];
  skip?: number;
  limit?: number;
  field?: Record<string, boolean>;
  data?: Wire;
  /** A watch() poll: WeChat's watchers are not held to the 20-document client limit. */
  watch?: boolean;
}

/** Sends one operation; resolves the answer without errMsg, rejects with a CloudError (or any Error). */
export type DbTransport = (req: DbRequest) => Promise<Record<string, unknown>>;

const QUERY_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'mod', 'all', 'elemMatch', 'size', 'not'] as const;
const LOGIC_OPS = ['and', 'or', 'nor'] as const;
const UPDATE_OPS = ['set', 'remove', 'inc', 'mul', 'min', 'max', 'rename', 'push', 'pop', 'shift', 'unshift', 'addToSet', 'pull', 'pullAll'] as const;
const GEO_OPS = ['geoNear', 'geoWithin', 'geoIntersects'] as const;

/** One db.command node: an operator and its arguments (commands, values, or query objects). */
export class DbCommand {
  constructor(
    readonly op: string,
    readonly args: readonly unknown[],
  ) {}
  /** `_.gt(1).and(_.lt(5))`: both must hold for the field. */
  and(...c: unknown[]): DbCommand {
    return new DbCommand('and', [this, ...flat(c)]);
  }
  or(...c: unknown[]): DbCommand {
    return new DbCommand('or', [this, ...flat(c)]);
  }
}

function flat(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
}

/** db.serverDate({offset}): the server's clock at write time. */
export class ServerDate {
  constructor(readonly offset = 0) {}
}

/** db.RegExp({regexp, options}). */
export class DbRegExp {
  constructor(
    readonly regexp: string,
    readonly options = '',
  ) {}
}

function commandFactory(): Record<string, unknown> {
  const cmd: Record<string, unknown> = {};
  for (const op of QUERY_OPS) cmd[op] = (...a: unknown[]) => new DbCommand(op, op === 'in' || op === 'nin' || op === 'all' ? [a[0]] : a.slice(0, op === 'mod' ? 2 : 1));
  for (const op of LOGIC_OPS) cmd[op] = (...a: unknown[]) => new DbCommand(op, flat(a));
  for (const op of UPDATE_OPS) cmd[op] = (...a: unknown[]) => new DbCommand(op, a.slice(0, 1));
  for (const op of GEO_OPS) cmd[op] = (...a: unknown[]) => new DbCommand(op, a.slice(0, 1));
  cmd.expr = (...a: unknown[]) => new DbCommand('expr', a.slice(0, 1));
  // db.command.aggregate: the aggregation operators. Aggregation is not supported; building one says so at once.
  cmd.aggregate = new Proxy(
    {},
    {
      get(_t, name) {
        return () => {
          throw new CloudError(ERR.UNSUPPORTED, `db.command.aggregate.${String(name)}: aggregation is not supported by the wx2tg server`);
        };
      },
    },
  );
  return cmd;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Turns builder values into wire form. */
export function encode(v: unknown, path = 'data'): Wire {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CloudError(ERR.PARAM, `${path}: ${v} cannot be stored`);
    return v;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) throw new CloudError(ERR.PARAM, `${path}: invalid Date`);
    return { $date: t };
  }
  if (v instanceof DbCommand) {
    if ((GEO_OPS as readonly string[]).includes(v.op) || v.op === 'expr') throw new CloudError(ERR.UNSUPPORTED, `db.command.${v.op} is not supported by the wx2tg server`);
    return { $op: v.op, args: v.args.map((a, i) => (a === undefined ? null : encode(a, `${path}.${v.op}[${i}]`))) };
  }
  if (v instanceof ServerDate) return { $op: 'serverDate', args: [v.offset] };
  if (v instanceof DbRegExp) return { $op: 'regex', args: [v.regexp, v.options] };
  if (v instanceof RegExp) return { $op: 'regex', args: [v.source, v.flags] };
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : encode(x, `${path}[${i}]`)));
  if (typeof v === 'object' && (isPlain(v) || !(Symbol.iterator in v))) {
    const out: Record<string, Wire> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function') continue;
      if (k.startsWith('$')) throw new CloudError(ERR.PARAM, `${path}: field names cannot start with "$" ("${k}")`);
      out[k] = encode(x, `${path}.${k}`);
    }
    return out;
  }
  throw new CloudError(ERR.PARAM, `${path}: a ${typeof v} cannot be stored`);
}

/** Wire values back to JavaScript: {"$date": ms} becomes a Date. */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}

interface Callbacks {
  success?: (r: unknown) => void;
  fail?: (e: unknown) => void;
  complete?: (r: unknown) => void;
}

function hasCallbacks(o: unknown): o is Callbacks {
  const p = o as Callbacks | undefined;
  return !!p && (typeof p.success === 'function' || typeof p.fail === 'function' || typeof p.complete === 'function');
}

/** An error as WeChat reports it: errCode plus "api:fail …". */
export function failure(api: string, e: unknown): CloudError {
  const code = e instanceof CloudError ? e.errCode : typeof (e as { errCode?: unknown })?.errCode === 'number' ? (e as { errCode: number }).errCode : -1;
  const msg = e instanceof CloudError ? e.message : e instanceof Error ? e.message : String(e);
  const text = msg.startsWith(`${api}:fail`) ? msg : `${api}:fail ${code === -1 ? '' : `${code} `}${msg}`;
  return new CloudError(code, msg, text);
}

/** WeChat's calling convention: callbacks, or a Promise when none is given. */
export function call<R extends object>(api: string, opts: unknown, run: () => Promise<R>): Promise<R & { errMsg: string }> | undefined {
  const p = (async () => {
    try {
      return { ...(await run()), errMsg: `${api}:ok` };
    } catch (e) {
      throw failure(api, e);
    }
  })();
  if (!hasCallbacks(opts)) return p;
  p.then(
    (r) => {
      opts.success?.(r);
      opts.complete?.(r);
    },
    (e) => {
      opts.fail?.(e);
      opts.complete?.(e);
    },
  );
  return undefined;
}

interface QueryState {
  where?: Wire;
  orderBy?: [string, 'asc' | 'desc'][];
  skip?: number;
  limit?: number;
  field?: Record<string, boolean>;
}

export interface DatabaseOptions {
  /** Server side (wx-server-sdk): doc().get() of a missing document answers {data: null} when false. */
  throwOnNotFound?: boolean;
  /** Client only: how often watch() asks the server (default 1500 ms). */
  watchIntervalMs?: number;
  env?: string;
}

function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new CloudError(ERR.PARAM, `${what} must be 1-128 of A-Z a-z 0-9 _ - (got ${JSON.stringify(name)})`);
  return name;
}

function checkId(id: unknown): string {
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).length === 0 || String(id).length > 128) throw new CloudError(ERR.PARAM, `doc(id): id must be a non-empty string (got ${JSON.stringify(id)})`);
  return String(id);
}

function dataOf(opts: unknown, api: string): Wire {
  const data = (opts as { data?: unknown } | undefined)?.data;
  if (!isPlain(data) && !(data && typeof data === 'object' && !Array.isArray(data))) throw new CloudError(ERR.PARAM, `${api}: data must be an object`);
  return encode(data);
}

export class Query {
  constructor(
    protected readonly db: Database,
    readonly collectionName: string,
    protected readonly state: QueryState = {},
  ) {}

  protected with(s: QueryState): Query {
    return new Query(this.db, this.collectionName, { ...this.state, ...s });
  }

  where(condition: unknown): Query {
    if (!condition || typeof condition !== 'object' || Array.isArray(condition)) throw new CloudError(ERR.PARAM, 'where(condition): condition must be an object or a db.command');
    // As WeChat's SDK: a later where() replaces the earlier condition.
    return this.with({ where: encode(condition, 'where') });
  }

  orderBy(field: string, order: string = 'asc'): Query {
    if (typeof field !== 'string' || !field) throw new CloudError(ERR.PARAM, 'orderBy(field, order): field must be a string');
    if (order !== 'asc' && order !== 'desc') throw new CloudError(ERR.PARAM, `orderBy: order must be "asc" or "desc" (got ${JSON.stringify(order)})`);
    return this.with({ orderBy: [...(this.state.orderBy ?? []), [field, order]] });
  }

  skip(n: number): Query {
    if (!Number.isInteger(n) || n < 0) throw new CloudError(ERR.PARAM, `skip(n): n must be a non-negative integer (got ${JSON.stringify(n)})`);
    return this.with({ skip: n });
  }

  limit(n: number): Query {
    if (!Number.isInteger(n) || n < 1) throw new CloudError(ERR.PARAM, `limit(n): n must be a positive integer (got ${JSON.stringify(n)})`);
    return this.with({ limit: n });
  }

  field(projection: Record<string, unknown>): Query {
    return this.with({ field: projectionOf(projection) });
  }

  get(opts?: unknown) {
    return call('collection.get', opts, async () => {
      const r = await this.db.transport({ action: 'get', collection: this.collectionName, ...this.state });
      return { data: decode(r.data) as Record<string, unknown>[] };
    });
  }

  count(opts?: unknown) {
    return call('collection.count', opts, async () => {
      const r = await this.db.transport({ action: 'count', collection: this.collectionName, where: this.state.where });
      return { total: Number(r.total) };
    });
  }

  update(opts?: unknown) {
    return call('collection.update', opts, async () => {
      const r = await this.db.transport({ action: 'update', collection: this.collectionName, where: this.state.where ?? {}, data: dataOf(opts, 'collection.update') });
      return { stats: r.stats as { updated: number } };
    });
  }

  remove(opts?: unknown) {
    return call('collection.remove', opts, async () => {
      const r = await this.db.transport({ action: 'remove', collection: this.collectionName, where: this.state.where ?? {} });
      return { stats: r.stats as { removed: number } };
    });
  }

  /** Realtime listener: the client asks the server again every few seconds and reports what changed. */
  watch(opts: { onChange?: (s: unknown) => void; onError?: (e: unknown) => void } = {}): { close(): Promise<void> } {
    return this.db.watch(
      () => this.db.transport({ action: 'get', collection: this.collectionName, ...this.state, limit: this.state.limit ?? 1000, watch: true }).then((r) => decode(r.data) as Record<string, unknown>[]),
      opts,
    );
  }
}

function projectionOf(p: unknown): Record<string, boolean> {
  if (!isPlain(p)) throw new CloudError(ERR.PARAM, 'field(projection): projection must be an object of field: true|false');
  const out: Record<string, boolean> = {};
  // WeChat: true|false, or 1|-1 (any number above 0 includes)
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'number' ? v > 0 : !!v;
  return out;
}

export class CollectionReference extends Query {
  constructor(db: Database, name: string) {
    super(db, checkName(name, 'collection name'));
  }

  get name(): string {
    return this.collectionName;
  }

  doc(id: string | number): DocumentReference {
    return new DocumentReference(this.db, this.collectionName, checkId(id));
  }

  add(opts?: unknown) {
    return call('collection.add', opts, async () => {
      const data = (opts as { data?: unknown } | undefined)?.data;
      if (Array.isArray(data)) {
        const r = await this.db.transport({ action: 'add', collection: this.collectionName, data: encode(data) });
        return { _ids: r._ids as string[] };
      }
      const r = await this.db.transport({ action: 'add', collection: this.collectionName, data: dataOf(opts, 'collection.add') });
      return { _id: r._id as string };
    });
  }

  aggregate(): never {
    throw new CloudError(ERR.UNSUPPORTED, `collection.aggregate: aggregation is not supported by the wx2tg server; query with where/orderBy and compute in a cloud function`);
  }
}

export class DocumentReference {
  constructor(
    private readonly db: Database,
    readonly collectionName: string,
    readonly id: string,
    private readonly projection?: Record<string, boolean>,
  ) {}

  get _id(): string {
    return this.id;
  }

  field(projection: Record<string, unknown>): DocumentReference {
    return new DocumentReference(this.db, this.collectionName, this.id, projectionOf(projection));
  }

  get(opts?: unknown) {
    return call('document.get', opts, async () => {
      const r = await this.db.transport({ action: 'get', collection: this.collectionName, doc: this.id, ...(this.projection ? { field: this.projection } : {}) });
      const found = (r.data as unknown[])[0];
      if (found === undefined) {
        if (this.db.options.throwOnNotFound === false) return { data: null };
        throw new CloudError(-1, `document.get:fail cannot find document with _id ${this.id}, please make sure that the document exists and you have the corresponding Read permission`);
      }
      return { data: decode(found) as Record<string, unknown> };
    });
  }

  set(opts?: unknown) {
    return call('document.set', opts, async () => {
      const r = await this.db.transport({ action: 'set', collection: this.collectionName, doc: this.id, data: dataOf(opts, 'document.set') });
      return { _id: this.id, stats: r.stats as { updated: number; created: number } };
    });
  }

  update(opts?: unknown) {
    return call('document.update', opts, async () => {
      const r = await this.db.transport({ action: 'update', collection: this.collectionName, doc: this.id, data: dataOf(opts, 'document.update') });
      return { stats: r.stats as { updated: number } };
    });
  }

  remove(opts?: unknown) {
    return call('document.remove', opts, async () => {
      const r = await this.db.transport({ action: 'remove', collection: this.collectionName, doc: this.id });
      return { stats: r.stats as { removed: number } };
    });
  }

  watch(opts: { onChange?: (s: unknown) => void; onError?: (e: unknown) => void } = {}): { close(): Promise<void> } {
    return this.db.watch(() => this.db.transport({ action: 'get', collection: this.collectionName, doc: this.id }).then((r) => decode(r.data) as Record<string, unknown>[]), opts);
  }
}

let watchIds = 0;

// common/ has no DOM or Node typings: the timers both have.
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function clearTimeout(t: unknown): void;

export class Database {
  readonly command = commandFactory();
  readonly Geo = new Proxy(
    {},
    {
      get(_t, name) {
        if (typeof name !== 'string') return undefined;
        return () => {
          throw new CloudError(ERR.UNSUPPORTED, `db.Geo.${name}: geographic fields are not supported by the wx2tg server`);
        };
      },
    },
  );

  constructor(
    readonly transport: DbTransport,
    readonly options: DatabaseOptions = {},
  ) {}

  get config(): { env?: string } {
    return { env: this.options.env };
  }

  collection(name: string): CollectionReference {
    return new CollectionReference(this, name);
  }

  serverDate(opts?: { offset?: number }): ServerDate {
    const offset = opts?.offset ?? 0;
    if (!Number.isFinite(offset)) throw new CloudError(ERR.PARAM, 'serverDate({offset}): offset must be a number of milliseconds');
    return new ServerDate(offset);
  }

  RegExp(opts: { regexp: string; options?: string } | string): DbRegExp {
    const o = typeof opts === 'string' ? { regexp: opts } : opts;
    if (!o || typeof o.regexp !== 'string') throw new CloudError(ERR.PARAM, 'db.RegExp({regexp, options}): regexp must be a string');
    if (o.options !== undefined && !/^[ims]*$/.test(o.options)) throw new CloudError(ERR.PARAM, `db.RegExp: options may hold i, m and s (got ${JSON.stringify(o.options)}; u and x are not supported on the wx2tg server)`);
    return new DbRegExp(o.regexp, o.options ?? '');
  }

  /**
   * Polls `fetch` and calls onChange with WeChat's snapshot shape: the first time type "init"
   * with every document, then docChanges (add / update / remove) whenever the result differs.
   */
  watch(fetch: () => Promise<Record<string, unknown>[]>, opts: { onChange?: (s: unknown) => void; onError?: (e: unknown) => void }): { close(): Promise<void> } {
    if (typeof opts.onChange !== 'function' || typeof opts.onError !== 'function') throw new CloudError(ERR.PARAM, 'watch({onChange, onError}): both callbacks are required');
    const every = this.options.watchIntervalMs ?? 1500;
    let closed = false;
    let timer: unknown = null;
    let last: Map<string, string> | null = null;
    let snapshotId = 0;
    const watchId = ++watchIds;
    const tick = async (): Promise<void> => {
      if (closed) return;
      let docs: Record<string, unknown>[];
      try {
        docs = await fetch();
      } catch (e) {
        if (!closed) {
          closed = true;
          opts.onError!(failure('watch', e));
        }
        return;
      }
      if (closed) return;
      const now = new Map(docs.map((d) => [String(d._id), JSON.stringify(d)]));
      const changes: Record<string, unknown>[] = [];
      if (!last) {
        docs.forEach((d) => changes.push({ id: ++snapshotId, dataType: 'init', queueType: 'init', docId: d._id, doc: d }));
      } else {
        for (const d of docs) {
          const was = last.get(String(d._id));
          if (was === undefined) changes.push({ id: ++snapshotId, dataType: 'add', queueType: 'enqueue', docId: d._id, doc: d });
          else if (was !== now.get(String(d._id))) {
            const diff = changedFields(JSON.parse(was) as Record<string, unknown>, JSON.parse(now.get(String(d._id))!) as Record<string, unknown>, d);
            changes.push({ id: ++snapshotId, dataType: 'update', queueType: 'update', docId: d._id, doc: d, updatedFields: diff.updated, removedFields: diff.removed });
          }
        }
        for (const [id, was] of last) if (!now.has(id)) changes.push({ id: ++snapshotId, dataType: 'remove', queueType: 'dequeue', docId: id, doc: reviveDates(JSON.parse(was)) });
      }
      const first = !last;
      last = now;
      if (first || changes.length) opts.onChange!({ id: watchId, docChanges: changes, docs, ...(first ? { type: 'init' } : {}) });
      timer = setTimeout(() => void tick(), every);
    };
    void tick();
    return {
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
      },
    };
  }
}

/** A document that went through JSON.stringify: its Dates are ISO strings again. */
function reviveDates(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) return new Date(v);
  if (Array.isArray(v)) return v.map(reviveDates);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveDates(x)]));
  return v;
}

const plainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * What an update changed, as WeChat's watch reports it: updatedFields by dotted path (with the
 * new values, taken from `live`, whose Dates are Dates) and removedFields as paths.
 */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, live: Record<string, unknown>): { updated: Record<string, unknown>; removed: string[] } {
  const updated: Record<string, unknown> = {};
  const removed: string[] = [];
  const walk = (b: Record<string, unknown>, a: Record<string, unknown>, l: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(a)) {
      const path = prefix + k;
      if (plainObject(v) && plainObject(b[k]) && plainObject(l[k])) walk(b[k] as Record<string, unknown>, v, l[k] as Record<string, unknown>, `${path}.`);
      else if (!(k in b) || JSON.stringify(b[k]) !== JSON.stringify(v)) updated[path] = l[k];
    }
    for (const k of Object.keys(b)) if (!(k in a)) removed.push(prefix + k);
  };
  walk(before, after, live, '');
  return { updated, removed };
}

/** `cloud://<env>.<bucket>/<path>` → its parts; null when it is not a cloud file ID. */
export function parseFileId(fileID: unknown): { env: string; path: string } | null {
  if (typeof fileID !== 'string') return null;
  const m = /^cloud:\/\/([^./]+)(?:\.[^/]*)?\/(.+)$/.exec(fileID);
  return m ? { env: m[1]!, path: m[2]! } : null;
}

/** A cloudPath as stored: relative, no "..", no empty segments, at most 512 characters. */
export function checkCloudPath(p: unknown): string {
  if (typeof p !== 'string' || !p || p.length > 512) throw new CloudError(ERR.PARAM, 'cloudPath must be a non-empty string of at most 512 characters');
  const segs = p.split('/');
  if (p.startsWith('/') || segs.some((s) => s === '' || s === '.' || s === '..') || /[\\\u0000-\u001f]/.test(p)) throw new CloudError(ERR.PARAM, `cloudPath "${p}" is not a valid path (relative, "/"-separated, no "." or ".." segments)`);
  return p;
}
