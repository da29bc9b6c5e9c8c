/**
 * The document database's semantics, on JSON documents: matching a `where` (WeChat's rules:
 * nested objects mean sub-field conditions, a value matches an array that holds it, commands
 * compare only values of the same type), applying updates (sub-field merges and the update
 * commands), ordering and projection. Queries arrive as data ({"$op": …} nodes) and are
 * interpreted here; nothing in them is ever run as code.
 */
import v8 from 'node:v8';
import { CloudError, ERR, type Wire } from '../../common/cloudDb.js';

export type Doc = Record<string, unknown>;
type Node = { $op: string; args: unknown[] };

const MAX_DEPTH = 32;
const MAX_REGEX = 512;

export const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Node).$op === 'string' && Array.isArray((v as Node).args);
const isDate = (v: unknown): v is { $date: number } => !!v && typeof v === 'object' && typeof (v as { $date?: unknown }).$date === 'number';
const isObj = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v) && !isDate(v) && !isNode(v);

function bad(message: string): CloudError {
  return new CloudError(ERR.DB_BAD_COMMAND, message);
}

// ---- values ----

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (isDate(v)) return 6;
  if (typeof v === 'boolean') return 5;
  if (Array.isArray(v)) return 4;
  return 3;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isDate(a) && isDate(b)) return a.$date === b.$date;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Order of two values: by type first (null < numbers < strings < objects < arrays < booleans < dates), then value. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isDate(a) && isDate(b)) return a.$date - b.$date;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c) return c;
    }
    return a.length - (b as unknown[]).length;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Comparable for gt/gte/lt/lte: same kind of value (numbers, strings or dates). */
function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string') || (isDate(a) && isDate(b));
}

/** Every value a dotted path reaches, going through arrays as WeChat (and MongoDB) do. */
function valuesAt(doc: unknown, parts: readonly string[], i = 0): { found: boolean; values: unknown[] } {
  if (i === parts.length) return { found: true, values: [doc] };
  if (Array.isArray(doc)) {
    const key = parts[i]!;
    if (/^\d+$/.test(key)) return Number(key) < doc.length ? valuesAt(doc[Number(key)], parts, i + 1) : { found: false, values: [] };
    const out: unknown[] = [];
    let found = false;
    for (const el of doc) {
      if (!isObj(el)) continue;
      const r = valuesAt(el, parts, i);
      found ||= r.found;
      out.push(...r.values);
    }
    return { found, values: out };
  }
  if (isObj(doc) && Object.hasOwn(doc, parts[i]!)) return valuesAt(doc[parts[i]!], parts, i + 1);
  return { found: false, values: [] };
}

function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$')) || parts.length > MAX_DEPTH) throw bad(`invalid field path "${path}"`);
  for (const p of parts) if (p === '__proto__' || p === 'constructor' || p === 'prototype') throw bad(`invalid field path "${path}"`);
  return parts;
}

// ---- matching ----

export interface MatchContext {
  now: number;
}

/** Does `doc` satisfy the where (a query object or a top-level and/or/nor command)? */
export function matches(doc: Doc, where: unknown, ctx: MatchContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw bad('the query is nested too deeply');
  if (where === undefined || where === null) return true;
  if (isNode(where)) {
    const subs = where.args.length === 1 && Array.isArray(where.args[0]) ? (where.args[0] as unknown[]) : where.args;
    switch (where.$op) {
      case 'and':
        return subs.every((q) => matches(doc, q, ctx, depth + 1));
      case 'or':
        return subs.some((q) => matches(doc, q, ctx, depth + 1));
      case 'nor':
        return !subs.some((q) => matches(doc, q, ctx, depth + 1));
      default:
        throw bad(`db.command.${where.$op} must be applied to a field (where({field: _.${where.$op}(…)}))`);
    }
  }
  if (!isObj(where)) throw bad('where(condition): condition must be an object');
  for (const [path, cond] of flattenQuery(where)) {
    if (!fieldMatches(doc, splitPath(path), cond, ctx, depth + 1)) return false;
  }
  return true;
}

/** {a: {b: 1, c: _.gt(2)}} → [["a.b", 1], ["a.c", gt 2]]: plain sub-objects are sub-field conditions. */
function flattenQuery(q: Doc, prefix = '', out: [string, unknown][] = [], depth = 0): [string, unknown][] {
  if (depth > MAX_DEPTH) throw bad('the query is nested too deeply');
  for (const [k, v] of Object.entries(q)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isObj(v) && Object.keys(v).length > 0) flattenQuery(v, path, out, depth + 1);
    else out.push([path, v]);
  }
  return out;
}

function fieldMatches(doc: Doc, parts: string[], cond: unknown, ctx: MatchContext, depth: number): boolean {
  const { found, values } = valuesAt(doc, parts);
  return condHolds(found, values, cond, ctx, depth);
}

/** Candidates for element-wise comparison: each value, and the elements of array values. */
function expand(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    out.push(v);
    if (Array.isArray(v)) out.push(...v);
  }
  return out;
}

function resolveValue(v: unknown, ctx: MatchContext): unknown {
  if (isNode(v) && v.$op === 'serverDate') return { $date: ctx.now + Number(v.args[0] ?? 0) };
  return v;
}

// Query regular expressions run on V8's linear-time engine (the `l` flag): no pattern can
// backtrack for minutes on the server's one thread. Patterns it cannot run in linear time
// (back-references, lookarounds, large counted repeats) are refused. It has no `i` flag, so
// case-insensitivity is written into the pattern (a → [aA]).
v8.setFlagsFromString('--enable-experimental-regexp-engine');

const otherCase = (c: string): string => {
  const u = c.toUpperCase();
  const l = c.toLowerCase();
  return u !== c && u.length === 1 ? u : l !== c && l.length === 1 ? l : '';
};

/** `source` matching either case of each letter, without the `i` flag. */
export function foldCase(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (!inClass && c === '(' && source[i + 1] === '?') {
      // (?:  (?=  (?!  (?<=  (?<!  (?<name>: copied as they are
      const m = /^\(\?(?:<[A-Za-z_$][\w$]*>|<[=!]|[:=!])/.exec(source.slice(i));
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '[' && !inClass) {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === ']' && inClass) {
      inClass = false;
      out += c;
      continue;
    }
    if (inClass) {
      const to = source[i + 2];
      if (source[i + 1] === '-' && to !== undefined && to !== ']' && to !== '\\') {
        out += `${c}-${to}`;
        if (/[a-z]/.test(c) && /[a-z]/.test(to)) out += `${c.toUpperCase()}-${to.toUpperCase()}`;
        else if (/[A-Z]/.test(c) && /[A-Z]/.test(to)) out += `${c.toLowerCase()}-${to.toLowerCase()}`;
        i += 2;
        continue;
      }
      out += c + otherCase(c);
      continue;
    }
    const o = otherCase(c);
    out += o ? `[${c}${o}]` : c;
  }
  return out;
}

const compiled = new WeakMap<Node, RegExp>();

function regexOf(node: Node): RegExp {
  const hit = compiled.get(node);
  if (hit) return hit;
  const re = compileRegex(node);
  compiled.set(node, re);
  return re;
}

function compileRegex(node: Node): RegExp {
  const [source, flags] = node.args as [unknown, unknown];
  if (typeof source !== 'string' || source.length > MAX_REGEX) throw bad(`db.RegExp: regexp must be a string of at most ${MAX_REGEX} characters`);
  const f = typeof flags === 'string' ? flags : '';
  if (!/^[ims]*$/.test(f)) throw bad(`db.RegExp: options may hold i, m and s (got ${JSON.stringify(flags)}; u and x are not supported)`);
  try {
    new RegExp(source); // a syntax error is reported against the pattern as written
  } catch (e) {
    throw bad(`db.RegExp: ${(e as Error).message}`);
  }
  try {
    return new RegExp(f.includes('i') ? foldCase(source) : source, f.replace('i', '') + 'l');
  } catch {
    throw bad(`db.RegExp: "${source}" cannot run in linear time (back-references, lookarounds or large counted repeats); the server does not run such patterns`);
  }
}

function condHolds(found: boolean, values: unknown[], cond: unknown, ctx: MatchContext, depth: number): boolean {
  if (depth > MAX_DEPTH) throw bad('the query is nested too deeply');
  cond = resolveValue(cond, ctx);
  if (!isNode(cond)) return expand(values).some((v) => deepEqual(v, cond));
  const a = cond.args;
  const arg = resolveValue(a[0], ctx);
  const all = expand(values);
  switch (cond.$op) {
    case 'eq':
      return all.some((v) => deepEqual(v, arg));
    case 'neq':
      return !all.some((v) => deepEqual(v, arg));
    case 'gt':
      return all.some((v) => comparable(v, arg) && compareValues(v, arg) > 0);
    case 'gte':
      return all.some((v) => comparable(v, arg) && compareValues(v, arg) >= 0);
    case 'lt':
      return all.some((v) => comparable(v, arg) && compareValues(v, arg) < 0);
    case 'lte':
      return all.some((v) => comparable(v, arg) && compareValues(v, arg) <= 0);
    case 'in':
    case 'nin': {
      if (!Array.isArray(arg)) throw bad(`db.command.${cond.$op} needs an array`);
      const hit = arg.some((x) => (isNode(x) && x.$op === 'regex' ? all.some((v) => typeof v === 'string' && regexOf(x).test(v)) : all.some((v) => deepEqual(v, x))));
      return cond.$op === 'in' ? hit : !hit;
    }
    case 'exists':
      return found === !!arg;
    case 'mod': {
      const [d, r] = isObj(arg) ? [arg.divisor, arg.remainder] : [arg, a[1]];
      if (typeof d !== 'number' || typeof r !== 'number' || d === 0) throw bad('db.command.mod(divisor, remainder) needs two numbers, divisor not 0');
      return all.some((v) => typeof v === 'number' && Math.trunc(v) % d === r);
    }
    case 'all': {
      if (!Array.isArray(arg)) throw bad('db.command.all needs an array');
      return values.some((v) => Array.isArray(v) && arg.every((x) => (isNode(x) && x.$op === 'elemMatch' ? condHolds(true, [v], x, ctx, depth + 1) : v.some((e) => deepEqual(e, x)))));
    }
    case 'elemMatch':
      return values.some(
        (v) =>
          Array.isArray(v) &&
          v.some((el) => {
            if (isObj(arg) && isObj(el)) return matches(el, arg, ctx, depth + 1);
            return condHolds(true, [el], arg, ctx, depth + 1);
          }),
      );
    case 'size':
      if (!Number.isInteger(arg)) throw bad('db.command.size needs an integer');
      return values.some((v) => Array.isArray(v) && v.length === arg);
    case 'not':
      return !condHolds(found, values, arg, ctx, depth + 1);
    case 'and':
      return a.every((c) => condHolds(found, values, c, ctx, depth + 1));
    case 'or':
      return a.some((c) => condHolds(found, values, c, ctx, depth + 1));
    case 'nor':
      return !a.some((c) => condHolds(found, values, c, ctx, depth + 1));
    case 'regex': {
      const re = regexOf(cond);
      return all.some((v) => typeof v === 'string' && v.length <= 100_000 && re.test(v));
    }
    default:
      throw bad(`db.command.${cond.$op} cannot be used in a query`);
  }
}

// ---- ordering and projection ----

export function sortDocs(docs: Doc[], orderBy: readonly (readonly [string, string])[] | undefined): Doc[] {
  if (!orderBy?.length) return docs;
  const keys = orderBy.map(([f, o]) => ({ parts: splitPath(f), dir: o === 'desc' ? -1 : 1 }));
  return docs.sort((x, y) => {
    for (const k of keys) {
      const vx = valuesAt(x, k.parts).values[0];
      const vy = valuesAt(y, k.parts).values[0];
      const c = compareValues(vx, vy);
      if (c) return c * k.dir;
    }
    return 0;
  });
}

export function project(doc: Doc, field: Record<string, boolean> | undefined): Doc {
  if (!field || Object.keys(field).length === 0) return doc;
  const entries = Object.entries(field);
  const include = entries.some(([k, v]) => v && k !== '_id') || (entries.length === 1 && entries[0]![0] === '_id' && entries[0]![1]);
  if (include) {
    const out: Doc = {};
    if (field._id !== false && '_id' in doc) out._id = doc._id;
    for (const [k, v] of entries) {
      if (!v || k === '_id') continue;
      const parts = splitPath(k);
      const r = valuesAt(doc, parts);
      if (r.found && r.values.length) setPath(out, parts, r.values[0]);
    }
    return out;
  }
  const out = structuredClone(doc);
  for (const [k, v] of entries) if (!v) unsetPath(out, splitPath(k));
  return out;
}

// ---- updates ----

function setPath(doc: Doc, parts: string[], value: unknown): void {
  let cur: Record<string, unknown> | unknown[] = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    let next = (cur as Record<string, unknown>)[k];
    if (next === undefined || next === null || typeof next !== 'object' || isDate(next)) {
      if (next !== undefined && next !== null) throw bad(`cannot create field "${parts[i + 1]}" inside the ${typeof next} at "${parts.slice(0, i + 1).join('.')}"`);
      next = {};
      (cur as Record<string, unknown>)[k] = next;
    }
    cur = next as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (Array.isArray(cur)) {
    if (!/^\d+$/.test(last)) throw bad(`"${last}" is not an index of the array at "${parts.slice(0, -1).join('.')}"`);
    const idx = Number(last);
    if (idx > cur.length + 10_000) throw bad(`array index ${idx} is too far past the end`);
    while (cur.length < idx) cur.push(null);
    cur[idx] = value;
  } else (cur as Record<string, unknown>)[last] = value;
}

function getPath(doc: Doc, parts: string[]): unknown {
  let cur: unknown = doc;
  for (const k of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? (/^\d+$/.test(k) ? cur[Number(k)] : undefined) : Object.hasOwn(cur as object, k) ? (cur as Doc)[k] : undefined;
  }
  return cur;
}

function unsetPath(doc: Doc, parts: string[]): void {
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    if (/^\d+$/.test(last) && Number(last) < parent.length) parent[Number(last)] = null;
  } else if (parent && typeof parent === 'object') delete (parent as Doc)[last];
}

/** Values as stored: serverDate resolved, commands refused (they belong in update data only). */
export function materialize(v: unknown, now: number, path: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw bad(`${path}: the value is nested too deeply`);
  if (isNode(v)) {
    if (v.$op === 'serverDate') return { $date: now + Number(v.args[0] ?? 0) };
    throw bad(`${path}: db.command.${v.$op} cannot be stored as a value`);
  }
  if (Array.isArray(v)) return v.map((x, i) => materialize(x, now, `${path}[${i}]`, depth + 1));
  if (isDate(v)) return { $date: v.$date };
  if (v && typeof v === 'object') {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$') || k === '__proto__') throw bad(`${path}: field names cannot start with "$" ("${k}")`);
      out[k] = materialize(x, now, `${path}.${k}`, depth + 1);
    }
    return out;
  }
  return v;
}

/** [path, operation] pairs of an update's data: plain sub-objects merge field by field. */
function flattenUpdate(data: Doc, prefix = '', out: [string, unknown][] = [], depth = 0): [string, unknown][] {
  if (depth > MAX_DEPTH) throw bad('the update is nested too deeply');
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) throw bad(`field names cannot start with "$" ("${k}")`);
    const path = prefix ? `${prefix}.${k}` : k;
    if (isObj(v) && Object.keys(v).length > 0) flattenUpdate(v, path, out, depth + 1);
    else out.push([path, v]);
  }
  return out;
}

const num = (v: unknown, op: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`db.command.${op} needs a number`);
  return v;
};

/** The fields an update touches (top-level names), for the rules and the _id/_openid guard. */
export function updatedTopFields(data: Doc): string[] {
  return [...new Set(flattenUpdate(data).flatMap(([p, v]) => (isNode(v) && v.$op === 'rename' ? [p.split('.')[0]!, String(v.args[0]).split('.')[0]!] : [p.split('.')[0]!])))];
}

/** Applies update `data` to a copy of `doc`. */
export function applyUpdate(doc: Doc, data: unknown, now: number): Doc {
  if (!isObj(data)) throw bad('update data must be an object');
  const out = structuredClone(doc);
  for (const [path, v] of flattenUpdate(data)) {
    const parts = splitPath(path);
    if (!isNode(v)) {
      setPath(out, parts, materialize(v, now, path));
      continue;
    }
    const arg = v.args[0];
    const cur = getPath(out, parts);
    const arrayAt = (): unknown[] => {
      if (cur === undefined || cur === null) {
        const fresh: unknown[] = [];
        setPath(out, parts, fresh);
        return fresh;
      }
      if (!Array.isArray(cur)) throw bad(`db.command.${v.$op}: "${path}" is not an array`);
      return cur;
    };
    switch (v.$op) {
      case 'serverDate':
        setPath(out, parts, materialize(v, now, path));
        break;
      case 'set':
        setPath(out, parts, materialize(arg, now, path));
        break;
      case 'remove':
        unsetPath(out, parts);
        break;
      case 'inc':
      case 'mul': {
        const n = num(arg, v.$op);
        if (cur !== undefined && typeof cur !== 'number') throw bad(`db.command.${v.$op}: "${path}" is not a number`);
        const base = (cur as number | undefined) ?? 0;
        setPath(out, parts, v.$op === 'inc' ? base + n : base * n);
        break;
      }
      case 'min':
      case 'max': {
        const val = materialize(arg, now, path);
        if (cur === undefined || (v.$op === 'min' ? compareValues(val, cur) < 0 : compareValues(val, cur) > 0)) setPath(out, parts, val);
        break;
      }
      case 'rename': {
        if (typeof arg !== 'string' || !arg) throw bad('db.command.rename needs the new field name');
        if (cur !== undefined) {
          unsetPath(out, parts);
          setPath(out, splitPath(arg), cur);
        }
        break;
      }
      case 'push':
      case 'unshift': {
        const arr = arrayAt();
        const opts = isObj(arg) && Array.isArray(arg.each) ? arg : { each: Array.isArray(arg) ? arg : [arg] };
        const items = (opts.each as unknown[]).map((x, i) => materialize(x, now, `${path}[${i}]`));
        if (v.$op === 'unshift') arr.unshift(...items);
        else if (typeof opts.position === 'number') arr.splice(opts.position < 0 ? Math.max(0, arr.length + opts.position) : opts.position, 0, ...items);
        else arr.push(...items);
        if (opts.sort !== undefined) {
          if (isObj(opts.sort)) sortDocs(arr as Doc[], Object.entries(opts.sort).map(([f, d]) => [f, d === -1 ? 'desc' : 'asc'] as const));
          else arr.sort((x, y) => compareValues(x, y) * (opts.sort === -1 ? -1 : 1));
        }
        if (typeof opts.slice === 'number') {
          const kept = opts.slice >= 0 ? arr.slice(0, opts.slice) : arr.slice(opts.slice);
          arr.splice(0, arr.length, ...kept);
        }
        break;
      }
      case 'pop':
        if (Array.isArray(cur)) cur.pop();
        break;
      case 'shift':
        if (Array.isArray(cur)) cur.shift();
        break;
      case 'addToSet': {
        const arr = arrayAt();
        const items = isObj(arg) && Array.isArray(arg.each) ? (arg.each as unknown[]) : [arg];
        for (const x of items) {
          const m = materialize(x, now, path);
          if (!arr.some((e) => deepEqual(e, m))) arr.push(m);
        }
        break;
      }
      case 'pull': {
        if (!Array.isArray(cur)) break;
        const ctx = { now };
        const keep = cur.filter((e) => {
          if (isNode(arg)) return !condHolds(true, [e], arg, ctx, 0);
          if (isObj(arg) && isObj(e)) return !matches(e, arg, ctx);
          return !deepEqual(e, arg);
        });
        cur.splice(0, cur.length, ...keep);
        break;
      }
      case 'pullAll': {
        if (!Array.isArray(arg)) throw bad('db.command.pullAll needs an array');
        if (!Array.isArray(cur)) break;
        const keep = cur.filter((e) => !arg.some((x) => deepEqual(e, x)));
        cur.splice(0, cur.length, ...keep);
        break;
      }
      default:
        throw bad(`db.command.${v.$op} cannot be used in an update`);
    }
  }
  return out;
}

/** A whole new document (add, set): values only. */
export function newDocument(data: unknown, now: number): Doc {
  if (!isObj(data)) throw new CloudError(ERR.PARAM, 'data must be an object');
  return materialize(data, now, 'data') as Doc;
}

/** Size guard for a stored document (WeChat: 16 MB per record; we keep it at 1 MB). */
export function checkSize(doc: Doc, max = 1 << 20): string {
  const text = JSON.stringify(doc);
  if (text.length > max) throw new CloudError(ERR.PARAM, `the document is ${text.length} bytes; at most ${max} are allowed`);
  return text;
}

export type { Wire };
