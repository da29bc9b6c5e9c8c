/**
 * Per-collection permissions in WeChat's documented forms:
 * - the four simple presets: "PRIVATE" (only the creator reads and writes), "READONLY" (everyone
 *   reads, the creator writes), "ADMINWRITE" (everyone reads, only cloud functions write),
 *   "ADMINONLY" (only cloud functions); aliases "creator-only", "all-read-creator-write",
 *   "all-read", "admin-only";
 * - security rules as {read, write, create?, update?, delete?}, each true, false or a simple
 *   expression: `doc._openid == auth.openid`, `auth != null`, `doc.public == true && …`,
 *   `auth.openid in doc.members`, with ==, !=, <, <=, >, >=, in, &&, ||, !, parentheses,
 *   strings, numbers, true/false/null.
 * Expressions are parsed by the small grammar below and evaluated on values; never as code.
 * Cloud functions (the admin side) are not subject to rules.
 */
import { CloudError, ERR } from '../../common/cloudDb.js';

type Expr = { k: 'lit'; v: unknown } | { k: 'ref'; root: 'auth' | 'doc' | 'now'; path: string[] } | { k: 'not'; e: Expr } | { k: 'bin'; op: string; a: Expr; b: Expr };

export interface CollectionRule {
  /** The preset, when the rule is one (PRIVATE reads are filtered to the caller's documents). */
  preset: Preset | null;
  read: Expr;
  create: Expr;
  update: Expr;
  delete: Expr;
  source: unknown;
}

export type Preset = 'PRIVATE' | 'READONLY' | 'ADMINWRITE' | 'ADMINONLY';

const ALIASES: Record<string, Preset> = {
  PRIVATE: 'PRIVATE',
  READONLY: 'READONLY',
  ADMINWRITE: 'ADMINWRITE',
  ADMINONLY: 'ADMINONLY',
  'creator-only': 'PRIVATE',
  'all-read-creator-write': 'READONLY',
  'all-read': 'ADMINWRITE',
  'admin-only': 'ADMINONLY',
};

const CREATOR = 'doc._openid == auth.openid';

export class RuleError extends Error {}

export function parseRule(source: unknown, where: string): CollectionRule {
  if (typeof source === 'string') {
    const preset = ALIASES[source];
    if (!preset) throw new RuleError(`${where}: unknown permission "${source}" (use ${Object.keys(ALIASES).join(', ')}, or {read, write})`);
    const [r, w] = { PRIVATE: [CREATOR, CREATOR], READONLY: ['true', CREATOR], ADMINWRITE: ['true', 'false'], ADMINONLY: ['false', 'false'] }[preset];
    const write = parseExpr(w!, where);
    return { preset, read: parseExpr(r!, where), create: preset === 'PRIVATE' || preset === 'READONLY' ? parseExpr('auth != null', where) : write, update: write, delete: write, source };
  }
  if (!source || typeof source !== 'object' || Array.isArray(source)) throw new RuleError(`${where}: a rule is a preset name or an object {read, write}`);
  const o = source as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['read', 'write', 'create', 'update', 'delete'].includes(k)) throw new RuleError(`${where}: unknown operation "${k}" (read, write, create, update, delete)`);
  const one = (k: string): Expr | null => {
    const v = o[k];
    if (v === undefined) return null;
    if (typeof v === 'boolean') return { k: 'lit', v };
    if (typeof v !== 'string') throw new RuleError(`${where}.${k}: must be true, false or an expression string`);
    return parseExpr(v, `${where}.${k}`);
  };
  const read = one('read') ?? { k: 'lit', v: false };
  const write = one('write') ?? { k: 'lit', v: false };
  return { preset: null, read, create: one('create') ?? write, update: one('update') ?? write, delete: one('delete') ?? write, source };
}

// ---- expressions ----

function tokenize(src: string, where: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:(==|!=|<=|>=|&&|\|\||[<>!()])|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w]*(?:\.[A-Za-z_$][\w$]*)*))\s*/gy;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m || m[0].length === 0) {
      if (/^\s*$/.test(src.slice(i))) break;
      throw new RuleError(`${where}: cannot read the rule at "${src.slice(i, i + 20)}"`);
    }
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
    i = re.lastIndex;
  }
  return out;
}

export function parseExpr(src: string, where: string): Expr {
  if (src.length > 1000) throw new RuleError(`${where}: the rule is too long`);
  const t = tokenize(src, where);
  let i = 0;
  const peek = (): string | undefined => t[i];
  const or = (): Expr => {
    let e = and();
    while (peek() === '||') {
      i++;
      e = { k: 'bin', op: '||', a: e, b: and() };
    }
    return e;
  };
  const and = (): Expr => {
    let e = unary();
    while (peek() === '&&') {
      i++;
      e = { k: 'bin', op: '&&', a: e, b: unary() };
    }
    return e;
  };
  const unary = (): Expr => {
    if (peek() === '!') {
      i++;
      return { k: 'not', e: unary() };
    }
    const a = operand();
    const op = peek();
    if (op && ['==', '!=', '<', '<=', '>', '>=', 'in'].includes(op)) {
      i++;
      return { k: 'bin', op, a, b: operand() };
    }
    return a;
  };
  const operand = (): Expr => {
    const tok = t[i++];
    if (tok === undefined) throw new RuleError(`${where}: the rule ends too early`);
    if (tok === '(') {
      const e = or();
      if (t[i++] !== ')') throw new RuleError(`${where}: missing ")"`);
      return e;
    }
    if (tok === 'true' || tok === 'false') return { k: 'lit', v: tok === 'true' };
    if (tok === 'null') return { k: 'lit', v: null };
    if (/^-?\d/.test(tok)) return { k: 'lit', v: Number(tok) };
    if (tok[0] === "'" || tok[0] === '"') return { k: 'lit', v: tok.slice(1, -1).replace(/\\(.)/g, '$1') };
    const parts = tok.split('.');
    const root = parts[0];
    if (root === 'now' && parts.length === 1) return { k: 'ref', root: 'now', path: [] };
    if (root === 'auth' && (parts.length === 1 || (parts.length === 2 && (parts[1] === 'openid' || parts[1] === 'uid')))) return { k: 'ref', root: 'auth', path: parts.slice(1) };
    if (root === 'doc' && parts.length >= 2) return { k: 'ref', root: 'doc', path: parts.slice(1) };
    throw new RuleError(`${where}: unknown name "${tok}" (use auth, auth.openid, doc.<field>, now)`);
  };
  const e = or();
  if (i !== t.length) throw new RuleError(`${where}: unexpected "${t[i]}"`);
  return e;
}

export interface RuleEnv {
  auth: { openid: string } | null;
  doc: Record<string, unknown> | null;
  now: number;
}

function value(e: Expr, env: RuleEnv): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'ref': {
      if (e.root === 'now') return env.now;
      if (e.root === 'auth') return e.path.length === 0 ? env.auth : env.auth ? env.auth.openid : undefined;
      let cur: unknown = env.doc;
      for (const p of e.path) cur = cur && typeof cur === 'object' && Object.hasOwn(cur, p) ? (cur as Record<string, unknown>)[p] : undefined;
      return cur && typeof cur === 'object' && typeof (cur as { $date?: unknown }).$date === 'number' ? (cur as { $date: number }).$date : cur;
    }
    case 'not':
      return !truthy(value(e.e, env));
    case 'bin': {
      if (e.op === '&&') return truthy(value(e.a, env)) && truthy(value(e.b, env));
      if (e.op === '||') return truthy(value(e.a, env)) || truthy(value(e.b, env));
      const a = value(e.a, env);
      const b = value(e.b, env);
      const na = a === undefined ? null : a;
      const nb = b === undefined ? null : b;
      switch (e.op) {
        case '==':
          return na === nb;
        case '!=':
          return na !== nb;
        case 'in':
          // `auth.openid in doc.members`: a member of an array field
          return Array.isArray(nb) && nb.some((x) => x === na);
        default: {
          if (typeof na !== typeof nb || (typeof na !== 'number' && typeof na !== 'string')) return false;
          const x = na as number | string;
          const y = nb as number | string;
          return e.op === '<' ? x < y : e.op === '<=' ? x <= y : e.op === '>' ? x > y : x >= y;
        }
      }
    }
  }
}

const truthy = (v: unknown): boolean => v === true || (v !== false && v !== null && v !== undefined && v !== 0 && v !== '');

export function allowed(e: Expr, env: RuleEnv): boolean {
  return truthy(value(e, env));
}

export function permissionDenied(what: string): CloudError {
  return new CloudError(ERR.DB_PERMISSION, `database permission denied: ${what}`);
}
