/**
 * CommonJS for the dev server. The production build lets the bundler link require() and
 * module.exports; the dev server serves files one by one as ES modules, so a file that uses
 * CommonJS is wrapped: each literal require('x') becomes a hoisted import, the body runs with
 * `module`/`exports`/`require` in scope, and module.exports becomes the default export (plus
 * named exports for the names it statically assigns, so `import { a } from './cjs'` works).
 */
import { parse } from '@babel/parser';
import type * as B from '@babel/types';
import { walkAst } from '../babelWalk.js';


const isExports = (n: B.Node): boolean =>
  (n.type === 'Identifier' && n.name === 'exports') ||
  (n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports');

/** Returns the ES-module version of a CommonJS (or mixed) file, or null when it has no CommonJS. */
export function cjsToEsm(code: string): string | null {
  let ast: B.File;
  try {
    ast = parse(code, { sourceType: 'module', allowReturnOutsideFunction: true, errorRecovery: true, plugins: [] }) as unknown as B.File;
  } catch {
    return null; // leave syntax errors to the bundler, which reports them with a location
  }
  const requires: string[] = [];
  const names = new Set<string>();
  let usesModule = false;
  let hasEsm = false;
  for (const stmt of ast.program.body) {
    if (stmt.type.startsWith('Export') || stmt.type === 'ImportDeclaration') hasEsm = true;
  }
  walkAst(ast.program, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'StringLiteral') {
      if (!requires.includes(n.arguments[0].value)) requires.push(n.arguments[0].value);
    }
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') {
      const target = n.left;
      if (isExports(target)) {
        usesModule = true;
        if (n.right.type === 'ObjectExpression') {
          for (const p of n.right.properties) {
            if ((p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && !p.computed && p.key.type === 'Identifier') names.add(p.key.name);
          }
        }
      } else if (isExports(target.object) && !target.computed && target.property.type === 'Identifier') {
        usesModule = true;
        names.add(target.property.name);
      }
    }
    if (n.type === 'Identifier' && (n.name === 'exports' || n.name === 'module')) usesModule = usesModule || n.name === 'exports';
  });
  if (!requires.length && !usesModule) return null;
  const imports = requires.map((spec, i) => `import * as $cjs${i} from ${JSON.stringify(spec)};`);
  const table = requires.map((spec, i) => `${JSON.stringify(spec)}:$cjs${i}`).join(',');
  const prelude = [
    ...imports,
    `const $cjsTable={${table}};`,
    // A CommonJS module's value is its module.exports (our default); an ES module's is its namespace.
    `const require=(p)=>{const m=$cjsTable[p];if(!m)throw new Error("require(\\"" + p + "\\"): only literal paths can be required");return m.__cjs?m.default:m;};`,
  ];
  if (hasEsm || !usesModule) return `${prelude.join('\n')}\n${code}`;
  const valid = [...names].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default' && n !== '__cjs');
  return [
    ...prelude,
    `const module={exports:{}};`,
    `(function(module,exports,require){${code}\n})(module,module.exports,require);`,
    `export default module.exports;`,
    `export const __cjs=true;`,
    ...valid.map((n) => `export const ${n}=module.exports.${n};`),
  ].join('\n');
}
