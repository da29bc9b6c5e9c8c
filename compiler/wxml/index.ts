import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { ErrorCode } from '../errors.js';
import type { WxmlElement, WxmlNode } from './ast.js';
import type { WxmlContext } from './context.js';
import { genChildren } from './generate.js';
import { parseWxml } from './parse.js';
import { wxsModule } from './wxs.js';
import { WXS_PRELUDE } from '../wxs/index.js';

export interface WxmlCompileOptions {
  /** The file's path relative to the program root (used in messages and in the module). */
  file: string;
  /** Resolves `src` of import/include/wxs to a module specifier, or null when there is no such file. */
  resolve(src: string, kind: 'wxml' | 'wxs'): string | null;
  /** Reads an included file. */
  readInclude(src: string): { source: string; file: string } | null;
  /** Warning codes to drop. */
  silence?: readonly string[];
  /** Told every element tag the file (and what it includes) uses. */
  onTag?: (tag: string) => void;
  /**
   * Whether a tag means something here (a built-in, or a custom component or generic of the page
   * or component this file belongs to). When given, other tags get warning WX2012.
   */
  knownTag?: (tag: string) => boolean;
  /** Whether a built-in has an attribute. When given, unknown ones get warning WX2015. */
  knownAttribute?: (tag: string, attr: string) => boolean;
}

export interface WxmlCompileResult {
  code: string;
  diagnostics: Diagnostic[];
}

const MAX_INCLUDE_DEPTH = 16;
/** Includes expanded into one file in all: a chain of files each including the next twice grows exponentially. */
const MAX_INCLUDES = 1000;

/**
 * Compiles one WXML file to an ES module exporting a TemplateModule (common/template.ts).
 * Phases: parse (tolerant) → collect wxs modules → generate IR, reporting every problem.
 */
export function compileWxml(source: string, options: WxmlCompileOptions): WxmlCompileResult {
  const diagnostics: Diagnostic[] = [];
  const silenced = new Set(options.silence ?? []);
  const reporterFor = (file: string, src: string) => (code: ErrorCode, args: string[], start: number, end?: number) => {
    if (silenced.has(code)) return;
    diagnostics.push(makeDiagnostic(code, args, file, src, start, end));
  };
  const doc = parseWxml(source, reporterFor(options.file, source));

  const makeContext = (file: string, src: string, shared?: WxmlContext): WxmlContext => {
    const depth = shared ? shared.depth + 1 : 0;
    const report = reporterFor(file, src);
    const ctx: WxmlContext = {
      file,
      source: src,
      depth,
      chain: shared ? [...shared.chain, file] : [file],
      limits: shared ? shared.limits : { depth: 0, deepReported: false, includes: 0 },
      report,
      locals: shared ? shared.locals : [],
      wxs: shared ? shared.wxs : new Set(),
      imports: shared ? shared.imports : [],
      templates: shared ? shared.templates : [],
      importedTables: shared ? shared.importedTables : [],
      wxsEntries: shared ? shared.wxsEntries : [],
      knownTag: options.knownTag,
      knownAttribute: options.knownAttribute,
      assetPath(value) {
        // Web and data URLs stay; a relative path is relative to this file, as WeChat reads it.
        if (!value || value.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
        const parts = file.split('/').slice(0, -1);
        for (const seg of value.split('/')) {
          if (seg === '..') parts.pop();
          else if (seg !== '.' && seg !== '') parts.push(seg);
        }
        return '/' + parts.join('/');
      },
      resolve(spec, kind, offset) {
        const resolved = options.resolve(spec, kind);
        if (resolved === null) report('WX2011', [spec], offset, offset + spec.length);
        return resolved;
      },
      include(spec, offset) {
        if (depth >= MAX_INCLUDE_DEPTH) {
          report('WX2011', [`${spec} (includes nest too deep: a cycle?)`], offset, offset + spec.length);
          return null;
        }
        const loaded = options.readInclude(spec);
        if (!loaded) {
          report('WX2011', [spec], offset, offset + spec.length);
          return null;
        }
        if (ctx.chain.includes(loaded.file)) {
          report('WX2018', [[...ctx.chain, loaded.file].join(' → ')], offset, offset + spec.length);
          return null;
        }
        if (++ctx.limits.includes > MAX_INCLUDES) {
          if (ctx.limits.includes === MAX_INCLUDES + 1) report('WX2019', [String(MAX_INCLUDES)], offset, offset + spec.length);
          return null;
        }
        const child = makeContext(loaded.file, loaded.source, ctx);
        const parsed = parseWxml(loaded.source, reporterFor(loaded.file, loaded.source));
        if (options.onTag) for (const el of allElements(parsed.children)) options.onTag(el.tag);
        return { ctx: child, nodes: parsed.children };
      },
    };
    return ctx;
  };

  if (options.onTag) for (const el of allElements(doc.children)) options.onTag(el.tag);
  const ctx = makeContext(options.file, source);
  for (const el of allElements(doc.children)) if (el.tag === 'wxs') wxsModule(ctx, el);
  const body = genChildren(ctx, doc.children);

  const hasWxsInline = ctx.wxsEntries.some((e) => e.includes('$wxs('));
  const own = `{${ctx.templates.join(',')}}`;
  const tables = [...ctx.importedTables.map((t) => `${t}.own`), '$own'];
  const code = [
    ...ctx.imports,
    `const $t=v=>v==null?"":String(v);`,
    hasWxsInline ? INLINE_WXS_PRELUDE : '',
    `const $w={${ctx.wxsEntries.join(',')}};`,
    `const $own=${own};`,
    `const $T=Object.assign({},${tables.join(',')});`,
    `export default {c:[${body.code.join(',')}],r:${JSON.stringify([...body.roots])},` +
      `t:$T,own:$own,w:$w,f:${JSON.stringify(options.file)}};`,
  ]
    .filter(Boolean)
    .join('\n');
  diagnostics.sort((a, b) => (a.file === b.file ? (a.start?.offset ?? 0) - (b.start?.offset ?? 0) : 0));
  return { code, diagnostics };
}

/** The WXS environment for inline modules: the same helpers as .wxs files, and a require table. */
const INLINE_WXS_PRELUDE = [
  WXS_PRELUDE,
  'const $wxs=(f,t)=>{const m={exports:{}};f(m,m.exports,(p)=>{if(p in t)return t[p];throw new Error("wxs: cannot require "+p)});return m.exports};',
].join('\n');

/** Every element in document order. Iterative: nested generators cost O(depth) per element. */
function allElements(nodes: readonly WxmlNode[]): WxmlElement[] {
  const out: WxmlElement[] = [];
  const stack: WxmlNode[] = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
