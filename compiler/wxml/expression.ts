import { parseExpression } from '@babel/parser';
import type * as B from '@babel/types';
import type { ErrorCode } from '../errors.js';
import { syntaxDepth } from './syntaxDepth.js';

/** Names in scope for an expression: loop variables and wxs module names. */
export interface ExprScope {
  locals: ReadonlySet<string>;
  wxs: ReadonlySet<string>;
}

export interface CompiledExpr {
  /** JS source of the expression body, reading `d` (data), `s` (scope), `w` (wxs). */
  code: string;
  /** Static data paths read; the first segment is a root name (data or loop variable). */
  deps: (string | number)[][];
  /** True when the value is a compile-time constant (no deps and no wxs calls). */
  constant: boolean;
}

export type ExprErrorReporter = (code: ErrorCode, args: string[], offset: number, length: number) => void;

const GLOBAL_VALUES: ReadonlyMap<string, string> = new Map([
  ['undefined', 'undefined'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
]);

/**
 * Compiles the text between `{{` and `}}`. `offset` is where that text starts in the file, so
 * diagnostics point into the source. `asObject` parses `a: 1, ...b` as an object literal body
 * (the form `<template data="{{...}}">` uses).
 */
export function compileExpression(
  text: string,
  offset: number,
  scope: ExprScope,
  report: ExprErrorReporter,
  asObject = false,
): CompiledExpr | null {
  // Data keys that are reserved words in JS (`{{class}}`, used by tdesign) are identifiers in WXML:
  // rename them before parsing and map them back below. `this` names a wxs module when one is called so.
  const renamed = renameReserved(text);
  const src = asObject ? `{${renamed}}` : renamed;
  const shift = asObject ? 1 : 0;
  let ast: B.Expression;
  try {
    ast = parseExpression(src, { errorRecovery: false }) as B.Expression;
  } catch (e) {
    const err = e as Error & { pos?: number };
    const at = Math.max(0, Math.min(text.length, (err.pos ?? 0) - shift));
    // Babel recurses per nesting level: a huge expression overflows its stack.
    const reason = err instanceof RangeError ? TOO_DEEP : err.message.replace(/\s*\(\d+:\d+\)$/, '');
    report('WX2004', [reason], offset + at, 1);
    return null;
  }
  // Code generation and every later parser of the output recurse per level too.
  if (syntaxDepth(ast, MAX_EXPRESSION_DEPTH) > MAX_EXPRESSION_DEPTH) {
    report('WX2004', [TOO_DEEP], offset, Math.max(1, text.length));
    return null;
  }
  const deps: (string | number)[][] = [];
  let usesWxs = false;
  let ok = true;

  const fail = (node: B.Node, what: string): string => {
    ok = false;
    const start = (node.start ?? shift) - shift;
    report('WX2005', [what], offset + Math.max(0, start), Math.max(1, (node.end ?? 0) - (node.start ?? 0)));
    return 'undefined';
  };

  /** The static path of a member chain rooted at an identifier, or null. */
  const staticPath = (node: B.Expression): (string | number)[] | null => {
    if (node.type === 'Identifier') return [originalName(node.name)];
    if (node.type === 'ThisExpression' && scope.wxs.has('this')) return ['this'];
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const base = staticPath(node.object as B.Expression);
      if (!base) return null;
      if (!node.computed && node.property.type === 'Identifier') return [...base, node.property.name];
      if (node.computed && node.property.type === 'StringLiteral') return [...base, node.property.value];
      if (node.computed && node.property.type === 'NumericLiteral') return [...base, node.property.value];
      return null;
    }
    return null;
  };

  /** Records the dependency of a member chain: its longest static prefix. */
  const recordDep = (node: B.Expression): void => {
    let cur: B.Expression = node;
    for (;;) {
      const p = staticPath(cur);
      if (p) {
        const root = p[0] as string;
        if (!scope.wxs.has(root) && !(GLOBAL_VALUES.has(root) && !scope.locals.has(root))) deps.push(p);
        return;
      }
      if (cur.type === 'MemberExpression' || cur.type === 'OptionalMemberExpression') cur = cur.object as B.Expression;
      else return;
    }
  };

  const gen = (node: B.Node): string => {
    switch (node.type) {
      case 'StringLiteral':
        return JSON.stringify(node.value);
      case 'NumericLiteral':
        return String(node.value);
      case 'BooleanLiteral':
        return String(node.value);
      case 'NullLiteral':
        return 'null';
      case 'Identifier': {
        const name = originalName(node.name);
        if (scope.wxs.has(name)) {
          usesWxs = true;
          return `w[${JSON.stringify(name)}]`;
        }
        const global = GLOBAL_VALUES.get(name);
        if (global !== undefined && !scope.locals.has(name)) return global;
        recordDep(node);
        return `${scope.locals.has(name) ? 's' : 'd'}${prop(name)}`;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const p = staticPath(node);
        if (p) recordDep(node);
        const obj = p ? genChainBase(node.object as B.Expression) : gen(node.object);
        if (node.computed) return `${obj}?.[${genNoDep(node.property)}]`;
        return `${obj}?.${(node.property as B.Identifier).name}`;
      }
      case 'UnaryExpression':
        if (node.operator === 'delete') return fail(node, 'delete');
        return `(${node.operator}${node.operator === 'typeof' || node.operator === 'void' ? ' ' : ''}${gen(node.argument)})`;
      case 'BinaryExpression':
        if (node.operator === 'in' || node.operator === 'instanceof' || node.operator === '|>') return fail(node, `The "${node.operator}" operator`);
        return `(${gen(node.left)}${node.operator}${gen(node.right)})`;
      case 'LogicalExpression':
        return `(${gen(node.left)}${node.operator}${gen(node.right)})`;
      case 'ConditionalExpression':
        return `(${gen(node.test)}?${gen(node.consequent)}:${gen(node.alternate)})`;
      case 'ArrayExpression':
        return `[${node.elements.map((e) => (e === null ? '' : gen(e))).join(',')}]`;
      case 'SpreadElement':
        return `...${gen(node.argument)}`;
      case 'ObjectExpression':
        // In parentheses: as the body of the binding's arrow function, `{` would open a block.
        return `({${node.properties.map(genProperty).join(',')}})`;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = node.callee;
        const root = rootName(callee as B.Expression);
        if (root === null || !scope.wxs.has(root)) return fail(node, 'Calling a function that is not in a wxs module');
        return `${gen(callee)}(${node.arguments.map(gen).join(',')})`;
      }
      case 'ParenthesizedExpression':
        return gen(node.expression);
      case 'SequenceExpression':
        return fail(node, 'The comma operator');
      case 'TemplateLiteral':
        return fail(node, 'A template literal');
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return fail(node, 'A function');
      case 'AssignmentExpression':
      case 'UpdateExpression':
        return fail(node, 'Assignment');
      case 'ThisExpression':
        if (scope.wxs.has('this')) {
          usesWxs = true;
          return 'w["this"]';
        }
        return fail(node, '"this"');
      case 'NewExpression':
        return fail(node, '"new"');
      default:
        return fail(node, `A ${node.type}`);
    }
  };

  // The base of a static member chain: identifiers resolve as usual, deeper members chain with ?.
  const genChainBase = (node: B.Expression): string => {
    if (node.type === 'ThisExpression' && scope.wxs.has('this')) {
      usesWxs = true;
      return 'w["this"]';
    }
    if (node.type === 'Identifier') {
      const name = originalName(node.name);
      if (scope.wxs.has(name)) {
        usesWxs = true;
        return `w[${JSON.stringify(name)}]`;
      }
      return `${scope.locals.has(name) ? 's' : 'd'}${prop(name)}`;
    }
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const obj = genChainBase(node.object as B.Expression);
      if (node.computed) return `${obj}?.[${gen(node.property)}]`;
      return `${obj}?.${(node.property as B.Identifier).name}`;
    }
    return gen(node);
  };

  // A computed property: its own reads are dependencies too.
  const genNoDep = (node: B.Node): string => gen(node);

  const genProperty = (p: B.ObjectExpression['properties'][number]): string => {
    if (p.type === 'SpreadElement') return `...${gen(p.argument)}`;
    if (p.type === 'ObjectMethod') return fail(p, 'A method');
    const key = p.computed
      ? `[${gen(p.key)}]`
      : p.key.type === 'Identifier'
        ? JSON.stringify(p.key.name)
        : p.key.type === 'StringLiteral'
          ? JSON.stringify(p.key.value)
          : p.key.type === 'NumericLiteral'
            ? String(p.key.value)
            : fail(p.key, 'This key');
    return `${key}:${gen(p.value)}`;
  };

  const code = gen(ast);
  if (!ok) return null;
  return { code, deps: dedupeDeps(deps), constant: deps.length === 0 && !usesWxs };
}

/** How deep an expression's syntax tree may be (`a+b+…` counts one level per operator). */
export const MAX_EXPRESSION_DEPTH = 100;
const TOO_DEEP = `it nests more than ${MAX_EXPRESSION_DEPTH} levels deep`;

function rootName(node: B.Expression): string | null {
  if (node.type === 'Identifier') return originalName(node.name);
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') return rootName(node.object as B.Expression);
  return null;
}

/** Reserved words WXML allows as data keys; renamed to `$$rw_<word>` while Babel parses. */
const RESERVED_AS_KEYS = ['class', 'default', 'function', 'var', 'const', 'let', 'import', 'export', 'enum', 'package', 'interface', 'static', 'public', 'private', 'protected'];
const RESERVED_RE = new RegExp(`(^|[^.\\w$'"])(${RESERVED_AS_KEYS.join('|')})(?![\\w$])(?!\\s*:)`, 'g');

function renameReserved(text: string): string {
  if (!RESERVED_AS_KEYS.some((w) => text.includes(w))) return text;
  // Leave string literals alone: split on quotes and rename outside them only.
  return text
    .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 ? part : part.replace(RESERVED_RE, (_, pre: string, w: string) => `${pre}$$rw_${w}`)))
    .join('');
}

function originalName(name: string): string {
  return name.startsWith('$$rw_') ? name.slice(5) : name;
}

function prop(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Drops deps covered by a shorter dep with the same prefix (`a` covers `a.b`). */
export function dedupeDeps(deps: (string | number)[][]): (string | number)[][] {
  const sorted = [...deps].sort((x, y) => x.length - y.length);
  const out: (string | number)[][] = [];
  for (const d of sorted) {
    if (!out.some((o) => o.length <= d.length && o.every((seg, i) => seg === d[i]))) out.push(d);
  }
  return out;
}
