/** Data paths as setData and observers write them: `a.b[2].c`, `list[0][1]`. */
export type PathSegment = string | number;
export type DataPath = PathSegment[];

const cache = new Map<string, DataPath>();

/**
 * Parses a setData key. Dots separate fields, `[n]` indexes arrays; a backslash escapes a dot
 * or bracket inside a field name. Returns null for malformed keys such as `a[x]`.
 */
export function parsePath(key: string): DataPath | null {
  const hit = cache.get(key);
  if (hit) return hit;
  const out: DataPath = [];
  let field = '';
  let i = 0;
  let afterIndex = false;
  while (i < key.length) {
    const c = key[i]!;
    if (c === '\\' && i + 1 < key.length) {
      field += key[i + 1];
      i += 2;
      continue;
    }
    if (c === '.') {
      if (!afterIndex) out.push(field);
      field = '';
      afterIndex = false;
      i++;
      continue;
    }
    if (c === '[') {
      if (!afterIndex) out.push(field);
      field = '';
      const close = key.indexOf(']', i);
      if (close < 0) return null;
      const inner = key.slice(i + 1, close).trim();
      if (!/^\d+$/.test(inner)) return null;
      out.push(Number(inner));
      i = close + 1;
      afterIndex = true;
      continue;
    }
    if (afterIndex) return null;
    field += c;
    i++;
  }
  if (!afterIndex) out.push(field);
  if (out.length === 0 || out[0] === '') return null;
  // A path through an object's prototype would change every object of the page: refused.
  if (out.some((seg) => seg === '__proto__' || seg === 'constructor' || seg === 'prototype')) return null;
  if (cache.size > 5000) cache.clear();
  cache.set(key, out);
  return out;
}

/** Reads a path; undefined when any step is missing. */
export function getPath(root: unknown, path: readonly PathSegment[], from = 0): unknown {
  let cur: any = root;
  for (let i = from; i < path.length; i++) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[path[i]!];
  }
  return cur;
}

/**
 * Writes a path, creating missing containers (an array when the next step is an index), as
 * setData does. `undefined` deletes an object field.
 */
export function setPath(root: Record<string, any>, path: readonly PathSegment[], value: unknown): void {
  let cur: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    let next = cur[seg];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[seg] = next;
    }
    cur = next;
  }
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(cur)) delete cur[last];
  else cur[last] = value;
}

/**
 * Copies a value the way WeChat's setData serialisation does (JSON semantics): functions and
 * undefined fields are dropped, undefined array items become null, Dates and other objects with
 * toJSON become what toJSON returns. Cycles are cut (the repeated reference becomes null) rather
 * than throwing.
 */
export function cloneData(value: unknown, seen?: Set<object>): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return cloneData((value as { toJSON(): unknown }).toJSON(), seen);
  }
  const s = seen ?? new Set<object>();
  if (s.has(value)) return null;
  s.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    const arr = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = cloneData(value[i], s);
      arr[i] = v === undefined ? null : v;
    }
    out = arr;
  } else {
    const obj: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = cloneData((value as Record<string, unknown>)[k], s);
      if (v === undefined) continue;
      // An own "__proto__" key (JSON.parse makes those) stays a plain field of the copy.
      if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[k] = v;
    }
    out = obj;
  }
  s.delete(value);
  return out;
}
