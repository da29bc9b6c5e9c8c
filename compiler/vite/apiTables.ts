/**
 * The tables wx answers from synchronously (runtime/api/apiTables.ts): the documented methods
 * it lacks, each a stub failing the WeChat way (7 KB), and the built-in components' working
 * attributes for wx.canIUse (4 KB). A build ships at start only the part its program's code
 * names, which is all that code can reach by name:
 *  - the program's bundle collects every word of every script it bundles (node_modules
 *    included): a method name that occurs nowhere, as an identifier or in a string, cannot be
 *    looked up except by a name computed at run time;
 *  - index.html carries that part (a JSON script element, as the package list for preloadRule),
 *    which startApp gives wx before app.js runs;
 *  - the runtime's bundle replaces apiTables.js with a loader of the complete tables
 *    (apiTablesAll.js), which startApp calls once the first page is up, so that a computed
 *    name, or `Object.keys(wx)`, finds everything from then on.
 * Dev servers and hand-written pages use the runtime as published: both tables at start.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { WORKS } from '../../common/builtinAttributes.js';
import { UNSUPPORTED_METHODS } from '../../common/unsupportedNames.js';
import { PACKAGE_ROOT } from './index.js';

/** The id of index.html's JSON script element startApp reads (runtime/shell/start.ts). */
export const API_TABLES_ELEMENT = 'wx2tg-api-tables';
const TABLES_MODULE = path.join(PACKAGE_ROOT, 'dist', 'runtime', 'api', 'apiTables.js');
const ALL_TABLES_MODULE = path.join(PACKAGE_ROOT, 'dist', 'runtime', 'api', 'apiTablesAll.js');

/** The modules of the runtime whose bundled code is not the published file's (compiler/build.ts). */
export const REPLACED_RUNTIME_MODULES: readonly string[] = [TABLES_MODULE];

/** The runtime's bundle: apiTables.js has nothing at start and loads the complete tables on demand. */
export function apiTablesRuntimePlugin(): Plugin {
  const file = ALL_TABLES_MODULE.split(path.sep).join('/');
  return {
    name: 'wx2tg:api-tables-runtime',
    load(id) {
      if (path.normalize(id) !== TABLES_MODULE) return null;
      return `export const TABLES_AT_START = null;\nexport const loadAllTables = () => import(${JSON.stringify(file)}).then((m) => m.ALL_TABLES);\n`;
    },
  };
}

/** Words of a script: identifiers and string contents, hyphenated ones (`scroll-view`) whole and in parts. */
export function collectWords(code: string, into: Set<string>): void {
  for (const [w] of code.matchAll(/[\w$]+(?:-[\w$]+)*/g)) {
    into.add(w);
    if (w.includes('-')) for (const part of w.split('-')) into.add(part);
  }
}

/** The part of the tables that `words` name; attribute types dropped (wx.canIUse needs names and values). */
export function tablesFor(words: ReadonlySet<string>): { names: string; works: Record<string, string> } {
  const names = UNSUPPORTED_METHODS.trim().split(/\s+/).filter((n) => words.has(n));
  const works: Record<string, string> = {};
  for (const tag in WORKS) if (words.has(tag)) works[tag] = WORKS[tag]!.replace(/:\w\b/g, '');
  return { names: names.join(' '), works };
}

/** The program's bundle: collects the words of its scripts, writes their part of the tables into index.html. */
export function apiTablesProgramPlugin(): Plugin {
  const words = new Set<string>();
  return {
    name: 'wx2tg:api-tables',
    apply: 'build',
    transform(code, id) {
      // Scripts only: templates, styles and WXS cannot reach wx (the wrappers, \0-ids, are ours).
      if (!id.startsWith('\0') && /\.(m?[jt]s|cjs)$/.test(id.split('?')[0]!)) collectWords(code, words);
      return null;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return undefined;
        const json = JSON.stringify(tablesFor(words)).replace(/</g, '\\u003c');
        return [{ tag: 'script', attrs: { type: 'application/json', id: API_TABLES_ELEMENT }, children: json, injectTo: 'head' }];
      },
    },
  };
}
