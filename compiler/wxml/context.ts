import type { ErrorCode } from '../errors.js';
import type { WxmlNode } from './ast.js';
import { compileExpression, type CompiledExpr } from './expression.js';
import { decodeEntities } from './parse.js';
import { splitInterpolation } from './interpolation.js';

export type Reporter = (code: ErrorCode, args: string[], start: number, end?: number) => void;

/** State shared by the transforms while one WXML file is generated. */
export interface WxmlContext {
  /** The file's path relative to the program root, for messages and the module's `f`. */
  file: string;
  source: string;
  /** How many <include>s deep this file is (cycles stop at a limit). */
  depth: number;
  /** The files of the <include> chain that led here, this one last (a file met again is a cycle). */
  chain: readonly string[];
  /** Shared by a file and everything it includes: element depth now, and <include>s expanded so far. */
  limits: { depth: number; deepReported: boolean; includes: number };
  report: Reporter;
  /** Loop variables in scope, innermost last. */
  locals: string[];
  /** wxs module names visible in this file. */
  wxs: Set<string>;
  /** `import` statements the module needs (hoisted to its top). */
  imports: string[];
  /** Entries of the module's own template table: `"name": {...}`. */
  templates: string[];
  /** Names of imported template tables (`i0`, `i1`, …). */
  importedTables: string[];
  /** wxs module table entries: `"m": <expr>`. */
  wxsEntries: string[];
  /** See WxmlCompileOptions.knownTag / knownAttribute. */
  knownTag?: (tag: string) => boolean;
  knownAttribute?: (tag: string, attr: string) => boolean;
  /** Resolves a src attribute to a module specifier, reporting when it cannot. */
  resolve(src: string, kind: 'wxml' | 'wxs', offset: number): string | null;
  /** A static file path as written in this file, made absolute from the program root (`/images/a.png`). */
  assetPath(value: string): string;
  /** Loads an included file: a context for it (sharing this one's scope) and its parsed nodes. */
  include(src: string, offset: number): { ctx: WxmlContext; nodes: WxmlNode[] } | null;
}

/** A compiled binding: the JS source of `(d,s,w)=>…` and its deps. */
export interface Binding {
  fn: string;
  deps: (string | number)[][];
  /** Set when the value is known at compile time. */
  constant?: string;
}

export function exprOf(ctx: WxmlContext, code: string, offset: number, asObject = false): CompiledExpr | null {
  return compileExpression(
    code,
    offset,
    { locals: new Set(ctx.locals), wxs: ctx.wxs },
    (c, args, at, len) => ctx.report(c, args, at, at + len),
    asObject,
  );
}

/**
 * Compiles an attribute value or text with interpolations. A value that is exactly one `{{x}}`
 * yields x's own value (an object stays an object); mixed text yields a string, with undefined
 * and null rendered as empty.
 */
export function compileValue(ctx: WxmlContext, value: string, offset: number): Binding | null {
  const parts = splitInterpolation(value, offset);
  if (parts.length === 0) return { fn: '', deps: [], constant: '' };
  if (parts.every((p) => p.kind === 'text')) return { fn: '', deps: [], constant: decodeEntities(value) };
  const deps: (string | number)[][] = [];
  const pieces: string[] = [];
  let failed = false;
  for (const p of parts) {
    if (p.kind === 'text') {
      pieces.push(JSON.stringify(decodeEntities(p.value)));
      continue;
    }
    const e = exprOf(ctx, p.code, p.offset);
    if (!e) {
      failed = true;
      continue;
    }
    deps.push(...e.deps);
    pieces.push(parts.length === 1 ? e.code : `$t(${e.code})`);
  }
  if (failed) return null;
  return { fn: `(d,s,w)=>${pieces.join('+')}`, deps };
}

export function depsCode(deps: (string | number)[][]): string {
  return JSON.stringify(deps);
}

export function rootsOf(deps: (string | number)[][]): string[] {
  return deps.map((d) => String(d[0]));
}
