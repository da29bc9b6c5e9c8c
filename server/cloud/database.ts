/**
 * The document store behind wx.cloud.database(): collections of JSON documents in the kit's
 * SQLite or PostgreSQL database (one row per document), queried with the engine's semantics and
 * guarded by each collection's rule. A client (the Mini App) is subject to the rules and WeChat's
 * client limits (20 documents per get); a cloud function is the admin side (100 by default, up
 * to 1000). Every write runs in one transaction, rows locked on PostgreSQL, so concurrent
 * `inc`s and `push`es never lose each other.
 */
import { randomBytes } from 'node:crypto';
import { CloudError, ERR, type DbRequest } from '../../common/cloudDb.js';
import type { Db, Row } from '../storage/db.js';
import { applyUpdate, checkSize, isNode, matches, newDocument, project, sortDocs, updatedTopFields, type Doc } from './engine.js';
import { allowed, parseRule, permissionDenied, type CollectionRule } from './rules.js';

export interface CloudCaller {
  openid: string;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS wx2tg_cloud_collections (name TEXT PRIMARY KEY, rule TEXT NOT NULL, created_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS wx2tg_cloud_docs (coll TEXT NOT NULL, id TEXT NOT NULL, openid TEXT, doc TEXT NOT NULL,
     created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (coll, id))`,
  `CREATE INDEX IF NOT EXISTS wx2tg_cloud_docs_owner ON wx2tg_cloud_docs (coll, openid)`,
];

export interface CloudDatabaseOptions {
  /** Collection name → rule (preset or {read, write…}). Declared collections exist at start. */
  collections?: Record<string, unknown>;
  /** Rule of collections a cloud function creates with db.createCollection (default PRIVATE). */
  defaultRule?: unknown;
  /** Largest stored document in bytes of JSON (default 1 MiB). */
  maxDocumentBytes?: number;
}

type Tx = Pick<Db, 'query' | 'dialect'>;

export class CloudDatabase {
  private readonly rules = new Map<string, CollectionRule>();

  constructor(
    private readonly db: Db,
    private readonly options: CloudDatabaseOptions = {},
  ) {
    parseRule(options.defaultRule ?? 'PRIVATE', 'cloud.defaultRule');
  }

  async init(now = Date.now()): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const sql of SCHEMA) await tx.query(sql);
      for (const [name, source] of Object.entries(this.options.collections ?? {})) {
        if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new CloudError(ERR.PARAM, `cloud.collections: "${name}" is not a valid collection name`);
        const rule = parseRule(source, `cloud.collections.${name}`);
        await tx.query(
          `INSERT INTO wx2tg_cloud_collections (name, rule, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET rule = excluded.rule`,
          [name, JSON.stringify(source), now],
        );
        this.rules.set(name, rule);
      }
    });
  }

  /** db.createCollection (cloud functions): false when it already existed. */
  async createCollection(name: string, now = Date.now()): Promise<boolean> {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new CloudError(ERR.PARAM, `createCollection: "${String(name)}" is not a valid collection name`);
    const source = this.options.defaultRule ?? 'PRIVATE';
    const rows = await this.db.query(`INSERT INTO wx2tg_cloud_collections (name, rule, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name`, [name, JSON.stringify(source), now]);
    return rows.length === 1;
  }

  private async rule(name: string): Promise<CollectionRule> {
    const known = this.rules.get(name);
    if (known) return known;
    const rows = await this.db.query(`SELECT rule FROM wx2tg_cloud_collections WHERE name = $1`, [name]);
    if (!rows[0])
      throw new CloudError(
        ERR.DB_NO_COLLECTION,
        `database collection not exists: "${name}" (declare it in the server config's "cloud": {"collections": {"${name}": "PRIVATE"}}, or create it with db.createCollection in a cloud function)`,
      );
    const rule = parseRule(JSON.parse(String(rows[0].rule)), `collection ${name}`);
    this.rules.set(name, rule);
    return rule;
  }

  /** Runs one request; `caller` null is a cloud function (no rules, admin limits). */
  async run(req: DbRequest, caller: CloudCaller | null, now = Date.now()): Promise<Record<string, unknown>> {
    if (!req || typeof req !== 'object') throw new CloudError(ERR.PARAM, 'bad database request');
    const coll = String(req.collection ?? '');
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(coll)) throw new CloudError(ERR.PARAM, `"${coll}" is not a valid collection name`);
    if (req.doc !== undefined && (typeof req.doc !== 'string' || req.doc.length === 0 || req.doc.length > 128)) throw new CloudError(ERR.PARAM, 'doc id must be a string of 1-128 characters');
    checkShape(req);
    const rule = await this.rule(coll);
    const where = caller ? withOpenid(req.where, caller.openid) : req.where;
    switch (req.action) {
      case 'get':
        return this.get(coll, rule, req, where, caller, now);
      case 'count': {
        const docs = await this.readable(this.db, coll, rule, req.doc, where, caller, now, false);
        return { total: docs.length };
      }
      case 'add':
        return this.add(coll, rule, req.data, caller, now);
      case 'set':
        return this.set(coll, rule, req.doc, req.data, caller, now);
      case 'update':
        return this.update(coll, rule, req.doc, where, req.data, caller, now);
      case 'remove':
        return this.remove(coll, rule, req.doc, where, caller, now);
      default:
        throw new CloudError(ERR.PARAM, `unknown database action "${String((req as { action?: unknown }).action)}"`);
    }
  }

  /** Documents matching the query that the caller may read (PRIVATE: the caller's own). */
  private async readable(q: Tx, coll: string, rule: CollectionRule, id: string | undefined, where: unknown, caller: CloudCaller | null, now: number, lock: boolean): Promise<Doc[]> {
    if (caller && rule.preset === 'ADMINONLY') throw permissionDenied(`collection "${coll}" is readable only by cloud functions`);
    const own = caller && rule.preset === 'PRIVATE' ? caller.openid : null;
    const rows = await this.rows(q, coll, id, own, lock);
    const ctx = { now };
    // Documents the rule hides are left out before the query looks at them: whether a query
    // matched a hidden document must not show (in an error or a count).
    const visible = caller && !rule.preset ? rows.filter((d) => allowed(rule.read, { auth: caller, doc: d, now })) : rows;
    return visible.filter((d) => matches(d, where, ctx));
  }

  private async rows(q: Tx, coll: string, id: string | undefined, openid: string | null, lock: boolean): Promise<Doc[]> {
    const params: string[] = [coll];
    let sql = `SELECT doc FROM wx2tg_cloud_docs WHERE coll = $1`;
    if (id !== undefined) {
      params.push(id);
      sql += ` AND id = $${params.length}`;
    }
    if (openid !== null) {
      params.push(openid);
      sql += ` AND openid = $${params.length}`;
    }
    sql += ` ORDER BY created_at, id`;
    if (lock && q.dialect === 'postgres') sql += ' FOR UPDATE';
    return (await q.query(sql, params)).map((r: Row) => JSON.parse(String(r.doc)) as Doc);
  }

  private async get(coll: string, rule: CollectionRule, req: DbRequest, where: unknown, caller: CloudCaller | null, now: number): Promise<Record<string, unknown>> {
    let docs = await this.readable(this.db, coll, rule, req.doc, where, caller, now, false);
    docs = sortDocs(docs, req.orderBy);
    const max = caller && !req.watch ? 20 : 1000;
    const limit = Math.min(req.limit ?? (caller && !req.watch ? 20 : 100), max);
    const skip = req.skip ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(skip) || skip < 0) throw new CloudError(ERR.PARAM, 'skip and limit must be non-negative integers');
    return { data: docs.slice(skip, skip + limit).map((d) => project(d, req.field)) };
  }

  private async add(coll: string, rule: CollectionRule, data: unknown, caller: CloudCaller | null, now: number): Promise<Record<string, unknown>> {
    const many = Array.isArray(data);
    if (many && caller) throw new CloudError(ERR.PARAM, 'collection.add: adding several documents at once is for cloud functions');
    const items = many ? (data as unknown[]) : [data];
    if (items.length === 0 || items.length > 1000) throw new CloudError(ERR.PARAM, 'collection.add: data must hold 1-1000 documents');
    const ids = await this.db.transaction(async (tx) => {
      const out: string[] = [];
      for (const item of items) {
        const doc = newDocument(item, now);
        if (caller) doc._openid = caller.openid;
        const id = doc._id === undefined ? randomBytes(16).toString('hex') : String(doc._id);
        if (doc._id !== undefined && ((typeof doc._id !== 'string' && !Number.isFinite(doc._id)) || !id || id.length > 128)) throw new CloudError(ERR.PARAM, '_id must be a string or a number (1-128 characters)');
        if (doc._id === undefined) doc._id = id;
        if (caller && !allowed(rule.create, { auth: caller, doc, now })) throw permissionDenied(`this user may not add documents to "${coll}"`);
        const text = checkSize(doc, this.options.maxDocumentBytes);
        const inserted = await tx.query(
          `INSERT INTO wx2tg_cloud_docs (coll, id, openid, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (coll, id) DO NOTHING RETURNING id`,
          [coll, id, typeof doc._openid === 'string' ? doc._openid : null, text, now],
        );
        if (inserted.length === 0) throw new CloudError(ERR.DB_REQUEST, `duplicate _id "${id}" in collection "${coll}"`);
        out.push(id);
      }
      return out;
    });
    return many ? { _ids: ids } : { _id: ids[0] };
  }

  private async set(coll: string, rule: CollectionRule, id: string | undefined, data: unknown, caller: CloudCaller | null, now: number): Promise<Record<string, unknown>> {
    if (id === undefined) throw new CloudError(ERR.PARAM, 'set needs doc(id)');
    return this.db.transaction(async (tx) => {
      const [existing] = await this.rows(tx, coll, id, null, true);
      const doc = newDocument(data, now);
      if ('_id' in doc && doc._id !== id) throw new CloudError(ERR.PARAM, 'document.set: data cannot change _id');
      doc._id = id;
      if (caller) {
        if (existing) {
          if (rule.preset === 'ADMINONLY' || rule.preset === 'ADMINWRITE' || !allowed(rule.update, { auth: caller, doc: existing, now })) throw permissionDenied(`this user may not replace document ${id} of "${coll}"`);
          doc._openid = existing._openid;
        } else {
          doc._openid = caller.openid;
          if (!allowed(rule.create, { auth: caller, doc, now })) throw permissionDenied(`this user may not add documents to "${coll}"`);
        }
      } else if (existing && !('_openid' in doc) && existing._openid !== undefined) doc._openid = existing._openid;
      const text = checkSize(doc, this.options.maxDocumentBytes);
      const owner = typeof doc._openid === 'string' ? doc._openid : null;
      if (existing) await tx.query(`UPDATE wx2tg_cloud_docs SET doc = $3, openid = $4, updated_at = $5 WHERE coll = $1 AND id = $2`, [coll, id, text, owner, now]);
      else await tx.query(`INSERT INTO wx2tg_cloud_docs (coll, id, openid, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`, [coll, id, owner, text, now]);
      return { stats: { updated: existing ? 1 : 0, created: existing ? 0 : 1 } };
    });
  }

  /** The documents a write may touch, after the rule: PRIVATE/READONLY clients reach only their own. */
  private async writable(tx: Tx, coll: string, rule: CollectionRule, id: string | undefined, where: unknown, caller: CloudCaller | null, now: number, op: 'update' | 'delete'): Promise<Doc[]> {
    if (caller && (rule.preset === 'ADMINONLY' || rule.preset === 'ADMINWRITE')) throw permissionDenied(`collection "${coll}" is written only by cloud functions`);
    const own = caller && rule.preset ? caller.openid : null;
    const rows = await this.rows(tx, coll, id, own, true);
    const ctx = { now };
    const reachable = caller && !rule.preset ? rows.filter((d) => allowed(rule[op], { auth: caller, doc: d, now })) : rows;
    return reachable.filter((d) => matches(d, where, ctx));
  }

  private async update(coll: string, rule: CollectionRule, id: string | undefined, where: unknown, data: unknown, caller: CloudCaller | null, now: number): Promise<Record<string, unknown>> {
    if (!data || typeof data !== 'object' || Array.isArray(data) || isNode(data)) throw new CloudError(ERR.PARAM, 'update: data must be an object');
    const touched = updatedTopFields(data as Doc);
    if (touched.includes('_id')) throw new CloudError(ERR.PARAM, 'update: _id cannot be changed');
    if (caller && touched.includes('_openid')) throw new CloudError(ERR.PARAM, 'update: _openid cannot be changed');
    if (id === undefined && (where === undefined || (typeof where === 'object' && where !== null && !isNode(where) && Object.keys(where).length === 0)) && caller)
      throw new CloudError(ERR.PARAM, 'collection.update: a where condition is required');
    return this.db.transaction(async (tx) => {
      const docs = await this.writable(tx, coll, rule, id, where, caller, now, 'update');
      let updated = 0;
      for (const d of docs) {
        const next = applyUpdate(d, data, now);
        next._id = d._id;
        if (caller) next._openid = d._openid;
        if (JSON.stringify(next) === JSON.stringify(d)) continue;
        const text = checkSize(next, this.options.maxDocumentBytes);
        await tx.query(`UPDATE wx2tg_cloud_docs SET doc = $3, openid = $4, updated_at = $5 WHERE coll = $1 AND id = $2`, [coll, String(d._id), text, typeof next._openid === 'string' ? next._openid : null, now]);
        updated++;
      }
      return { stats: { updated } };
    });
  }

  private async remove(coll: string, rule: CollectionRule, id: string | undefined, where: unknown, caller: CloudCaller | null, now: number): Promise<Record<string, unknown>> {
    if (id === undefined && caller && (where === undefined || (typeof where === 'object' && where !== null && !isNode(where) && Object.keys(where).length === 0)))
      throw new CloudError(ERR.PARAM, 'collection.remove: a where condition is required');
    return this.db.transaction(async (tx) => {
      const docs = await this.writable(tx, coll, rule, id, where, caller, now, 'delete');
      for (const d of docs) await tx.query(`DELETE FROM wx2tg_cloud_docs WHERE coll = $1 AND id = $2`, [coll, String(d._id)]);
      return { stats: { removed: docs.length } };
    });
  }
}

/** Client queries may say '{openid}' for "the caller's openid" (WeChat's security-rule form). */
function withOpenid(v: unknown, openid: string, depth = 0): unknown {
  if (depth > 64) throw new CloudError(ERR.DB_BAD_COMMAND, 'the query is nested too deeply');
  if (v === '{openid}') return openid;
  if (Array.isArray(v)) return v.map((x) => withOpenid(x, openid, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = withOpenid(x, openid, depth + 1);
    return out;
  }
  return v;
}

/** The request's optional parts have the shapes the builder sends, or it is a parameter error. */
function checkShape(req: DbRequest): void {
  const badParam = (what: string) => new CloudError(ERR.PARAM, what);
  if (req.orderBy !== undefined && (!Array.isArray(req.orderBy) || req.orderBy.length > 16 || !req.orderBy.every((o) => Array.isArray(o) && typeof o[0] === 'string' && (o[1] === 'asc' || o[1] === 'desc'))))
    throw badParam('orderBy must list [field, "asc"|"desc"] pairs');
  if (req.field !== undefined && (!req.field || typeof req.field !== 'object' || Array.isArray(req.field) || Object.values(req.field).some((v) => typeof v !== 'boolean'))) throw badParam('field must map field names to true/false');
  if (req.skip !== undefined && (!Number.isInteger(req.skip) || req.skip < 0)) throw badParam('skip must be a non-negative integer');
  if (req.limit !== undefined && (!Number.isInteger(req.limit) || req.limit < 1)) throw badParam('limit must be a positive integer');
}
