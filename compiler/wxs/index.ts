/**
 * WXS → ES module. WXS is an ES5-like language with its own fine print that real libraries rely
 * on: `x.constructor` is a type-name string ("Array", "Number", …; vant's array.wxs tests it),
 * dates and regular expressions come from getDate()/getRegExp(), modules are CommonJS
 * (`module.exports`, `require('./other.wxs')`). The body is parsed with @babel/parser (a syntax
 * error is a located diagnostic), `.constructor` reads are rewritten, and requires become imports.
 */
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { walkAst } from '../babelWalk.js';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { syntaxDepth } from '../wxml/syntaxDepth.js';

export interface WxsBody {
  /** The transformed body: CommonJS-style code run inside a function (module, exports, require). */
  body: string;
  /** Specifiers passed to require(), in order of appearance. */
  requires: string[];
}

/** Runtime helpers every WXS module gets, kept tiny and free of eval. */
export const WXS_PRELUDE = [
  'const getRegExp=(p,f)=>new RegExp(p,f);',
  'const getDate=(...a)=>new Date(...a);',
  'const $ctor=v=>Array.isArray(v)?"Array":v instanceof Date?"Date":v instanceof RegExp?"RegExp":v===null?"Object":typeof v==="number"?"Number":typeof v==="string"?"String":typeof v==="boolean"?"Boolean":typeof v==="function"?"Function":"Object";',
].join('\n');


/** How deep a WXS syntax tree may be (real modules stay in the tens). */
const MAX_WXS_DEPTH = 1000;

/**
 * Transforms a WXS body. `offset` is where the body starts in `fileSource` (inline <wxs> in a
 * WXML file), so diagnostics point into the right file.
 */
export function transformWxs(body: string, file: string, diagnostics: Diagnostic[], fileSource = body, offset = 0): WxsBody | null {
  let ast: B.File;
  try {
    // The body ends up inside an ES module, which is strict-mode code with `await` reserved and
    // no HTML-like comments: it must parse as a strict script body (no import/export) and as a
    // module, or the bundle would not.
    ast = parse(body, { sourceType: 'script', strictMode: true, allowReturnOutsideFunction: true, errorRecovery: false }) as unknown as B.File;
    parse(body, { sourceType: 'module', allowReturnOutsideFunction: true, errorRecovery: false });
  } catch (e) {
    const err = e as Error & { pos?: number };
    const reason = err instanceof RangeError ? 'it nests too deeply' : err.message.replace(/\s*\(\d+:\d+\)$/, '');
    diagnostics.push(makeDiagnostic('WX5001', [reason], file, fileSource, offset + (err.pos ?? 0)));
    return null;
  }
  // Babel builds member and operator chains in loops; the walks below (and tools after us) recurse.
  if (syntaxDepth(ast.program, MAX_WXS_DEPTH) > MAX_WXS_DEPTH) {
    diagnostics.push(makeDiagnostic('WX5001', [`it nests more than ${MAX_WXS_DEPTH} levels deep`], file, fileSource, offset));
    return null;
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const requires: string[] = [];
  // `x.constructor = …` writes the property: only reads become $ctor(x) (a call is no assignment target).
  const targets = new Set<B.Node>();
  walkAst(ast.program, (n) => {
    if (n.type === 'AssignmentExpression') markTargets(n.left, targets);
    else if (n.type === 'UpdateExpression') markTargets(n.argument, targets);
    else if (n.type === 'ForInStatement' || n.type === 'ForOfStatement') markTargets(n.left, targets);
  });
  walkAst(ast.program, (n) => {
    if (targets.has(n)) return;
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property.type === 'Identifier' && n.property.name === 'constructor') {
      edits.push({ start: n.start!, end: n.end!, text: `$ctor(${body.slice(n.object.start!, n.object.end!)})` });
    }
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'StringLiteral') {
      requires.push(n.arguments[0].value);
    }
  });
  // WXS runs sloppy: `var a = b = 50` makes `b` a global. Here the body is strict module code,
  // so a name assigned but declared nowhere is declared at the top of the module instead.
  const declared = new Set<string>();
  const assigned = new Map<string, number>();
  const declare = (pat: B.Node | null | undefined): void => {
    if (!pat) return;
    if (pat.type === 'Identifier') declared.add(pat.name);
    else if (pat.type === 'ObjectPattern') for (const q of pat.properties) declare(q.type === 'RestElement' ? q.argument : (q.value as B.Node));
    else if (pat.type === 'ArrayPattern') for (const q of pat.elements) declare(q);
    else if (pat.type === 'AssignmentPattern') declare(pat.left);
    else if (pat.type === 'RestElement') declare(pat.argument);
  };
  walkAst(ast.program, (n) => {
    if (n.type === 'VariableDeclarator') declare(n.id);
    else if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      if ('id' in n && n.id) declared.add(n.id.name);
      for (const param of n.params) declare(param);
    } else if (n.type === 'CatchClause') declare(n.param);
    else if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && !assigned.has(n.left.name)) assigned.set(n.left.name, n.left.start!);
    else if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && !assigned.has(n.argument.name)) assigned.set(n.argument.name, n.argument.start!);
    else if ((n.type === 'ForInStatement' || n.type === 'ForOfStatement') && n.left.type === 'Identifier' && !assigned.has(n.left.name)) assigned.set(n.left.name, n.left.start!);
  });
  const implicit = [...assigned.keys()].filter((name) => !declared.has(name) && name !== 'module' && name !== 'exports');
  if (implicit.length) edits.push({ start: 0, end: 0, text: `var ${implicit.join(', ')};` });
  // Apply outermost edits only (an inner .constructor inside an outer one is part of its text).
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) continue;
    out += body.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  out += body.slice(pos);
  return { body: out, requires };
}

/** Collects the member expressions an assignment target writes to (through destructuring patterns too). */
function markTargets(node: B.Node | null | undefined, out: Set<B.Node>): void {
  if (!node) return;
  switch (node.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      out.add(node);
      return;
    case 'ObjectPattern':
      for (const p of node.properties) markTargets(p.type === 'RestElement' ? p.argument : (p.value as B.Node), out);
      return;
    case 'ArrayPattern':
      for (const e of node.elements) markTargets(e, out);
      return;
    case 'AssignmentPattern':
      markTargets(node.left, out);
      return;
    case 'RestElement':
      markTargets(node.argument, out);
      return;
    case 'ParenthesizedExpression':
      markTargets(node.expression, out);
      return;
  }
}

/** A whole .wxs file as an ES module. `resolve` maps a require specifier to an import specifier. */
export function compileWxsFile(source: string, file: string, resolve: (spec: string) => string | null): { code: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const t = transformWxs(source, file, diagnostics);
  if (!t) return { code: '', diagnostics };
  const imports: string[] = [];
  const table: string[] = [];
  t.requires.forEach((spec, i) => {
    const resolved = resolve(spec);
    if (!resolved) {
      const at = source.indexOf(spec);
      diagnostics.push(makeDiagnostic('WX5002', [spec], file, source, at >= 0 ? at : 0));
      return;
    }
    imports.push(`import $r${i} from ${JSON.stringify(resolved)};`);
    table.push(`${JSON.stringify(spec)}:$r${i}`);
  });
  const code = [
    ...imports,
    WXS_PRELUDE,
    `const $req={${table.join(',')}};`,
    `const module={exports:{}};`,
    `(function(module,exports,require){${t.body}\n})(module,module.exports,(p)=>{if(p in $req)return $req[p];throw new Error("wxs: cannot require "+p)});`,
    `export default module.exports;`,
  ].join('\n');
  return { code, diagnostics };
}
