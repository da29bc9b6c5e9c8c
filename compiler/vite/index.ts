/**
 * The Vite integration: small named plugins in one ordered list.
 *   wx2tg:ton    — TON Connect only in programs that declare TON payments
 *   wx2tg:entry  — the virtual modules that glue a program together (entry, page wrappers,
 *                  the markers that tell Page()/Component() which file is running)
 *   wx2tg:wxml   — .wxml → template module
 *   wx2tg:wxss   — .wxss → CSS (handed to Vite's CSS pipeline)
 */
import { cloudPlugin } from './cloud.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';
import { compileWxmlFile, resolveTemplateSrc, type CompiledProgram } from '../compile.js';
import { compileWxsFile } from '../wxs/index.js';
import { isInside, resolveScript, transpileTs } from '../script/index.js';
import { cjsToEsm } from '../script/cjs.js';
import { mixedToCommonJs } from '../script/mixed.js';
import { compileWxss, componentPrefix } from '../wxss/index.js';
import { iconFiles, MAIN_PACKAGE, type ProjectGraph, type UnitFiles } from '../project/index.js';
import { BUILTIN_MODULES } from '../../common/builtins.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { readStyleSource } from '../wxss/preprocess.js';

/** The wx2tg package root: the nearest folder above this file whose package.json is ours. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'wx2tg') return dir;
    if (path.dirname(dir) === dir) throw new Error(`wx2tg: cannot find the package root above ${from}`);
  }
}
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const RUNTIME_ENTRY = path.join(PACKAGE_ROOT, 'dist/runtime/index.js');
export const BASE_CSS = path.join(PACKAGE_ROOT, 'runtime/styles/base.css');
/** The router's module: the entry gives it the program's packages (configurePackages). */
export const ROUTER_MODULE = path.join(PACKAGE_ROOT, 'dist/runtime/shell/router.js');

const VIRTUAL = 'virtual:wx2tg/';
const RESOLVED = '\0wx2tg:';
const CSS_SUFFIX = '.wx2tg.css';
/** The URL index.html loads the app from. */
export const ENTRY_URL = '/@wx2tg-entry.js';

/** The page Telegram opens. */
export function indexHtml(title: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no,viewport-fit=cover">',
    '<meta name="format-detection" content="telephone=no">',
    '<link rel="icon" href="data:,">',
    `<title>${title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</title>`,
    `<script type="module" src="${ENTRY_URL}"></script>`,
    '</head>',
    '<body></body>',
    '</html>',
  ].join('\n');
}

export interface Wx2tgPluginOptions {
  program: CompiledProgram;
  /**
   * `wx2tg build`: the runtime was bundled apart (compiler/build.ts); its chunk (file name under
   * the output folder) and the runtime chunks the first screen needs, for index.html to fetch.
   */
  runtime?: { file: string; firstScreen: string[] };
}

const js = JSON.stringify;
type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

export function wx2tgPlugins(options: Wx2tgPluginOptions): Plugin[] {
  return [tonPlugin(options), cloudPlugin(options.program.graph.root), entryPlugin(options), scriptPlugin(options), devCommonJsPlugin(options), wxmlPlugin(options), wxsPlugin(options), wxssPlugin(options)];
}

const TON_OFF = '\0wx2tg-ton-off';

/**
 * TON payments (server/ton) only for programs that declare them (app.json "telegram": {"ton":
 * …}): in the others, runtime/api/payment.js's `import('./tonPay.js')` becomes a module that
 * fails the call, so TON Connect (~120 KB gzip) is not even part of their build.
 */
export function tonPlugin({ program }: Pick<Wx2tgPluginOptions, 'program'>): Plugin {
  const uses = (program.graph.appJson.telegram as { ton?: unknown } | undefined)?.ton !== undefined;
  const payment = path.join(PACKAGE_ROOT, 'dist/runtime/api/payment.js');
  return {
    name: 'wx2tg:ton',
    enforce: 'pre',
    resolveId(id, importer) {
      if (uses || id !== './tonPay.js' || !importer || path.normalize(importer) !== payment) return null;
      return TON_OFF;
    },
    load(id) {
      if (id !== TON_OFF) return null;
      const callback = path.join(PACKAGE_ROOT, 'dist/runtime/api/callback.js').split(path.sep).join('/');
      return `import { ApiFail } from ${js(callback)};\nexport function payWithTon() { throw new ApiFail('this program has no TON payments: add "telegram": {"ton": {…}} to app.json'); }\n`;
    },
  };
}

function scriptPlugin({ program }: Wx2tgPluginOptions): Plugin {
  const root = program.graph.root;
  return {
    name: 'wx2tg:script',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      return resolveScript(source, importer.split('?')[0]!, root, program.graph.aliases);
    },
    transform(code, id) {
      if (!isInside(root, id) || id.endsWith('.d.ts') || !/\.(js|ts)$/.test(id)) return null;
      const plain = requireAsync(mixedToCommonJs(code, id.endsWith('.ts')) ?? code);
      if (id.endsWith('.ts')) return transpileTs(plain, id, root);
      return plain === code ? null : { code: plain, map: null };
    },
  };
}

/**
 * `require.async('x')` (WeChat's way to load a module from another subpackage) becomes a dynamic
 * import resolving to what require('x') would give: module.exports for CommonJS, else the namespace.
 */
function requireAsync(code: string): string {
  if (code.indexOf('require.async') < 0) return code;
  return code.replace(/\brequire\.async\(\s*(['"][^'"]+['"])\s*\)/g, (_, spec: string) => `import(${spec}).then((m) => (m.__cjs || (m.default !== undefined && Object.keys(m).every((k) => k === 'default' || k === '__cjs')) ? m.default : m))`);
}

/** Dev server only: CommonJS files become ES modules (the build leaves that to the bundler). */
function devCommonJsPlugin({ program }: Wx2tgPluginOptions): Plugin {
  const root = program.graph.root;
  return {
    name: 'wx2tg:dev-commonjs',
    apply: 'serve',
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!isInside(root, file) || !/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) return null;
      const out = cjsToEsm(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}

function wxsPlugin({ program }: Wx2tgPluginOptions): Plugin {
  return {
    name: 'wx2tg:wxs',
    load(id) {
      if (!id.endsWith('.wxs')) return null;
      const source = readFileSync(id, 'utf8');
      const result = compileWxsFile(source, path.relative(program.graph.root, id), (spec) => resolveTemplateSrc(spec, id, program.graph.root, '.wxs'));
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) this.error(errors.map(formatDiagnostic).join('\n\n'));
      return result.code;
    },
  };
}

function entryPlugin({ program, runtime }: Wx2tgPluginOptions): Plugin {
  const { graph } = program;
  let dev = false;
  let base = './';
  const file = (p: string): string => p.split(path.sep).join('/');
  return {
    name: 'wx2tg:entry',
    enforce: 'pre',
    configResolved(config) {
      dev = config.command === 'serve';
      base = config.base;
    },
    // preloadRule needs each package's files: the build lists them in index.html for the router.
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return undefined;
        // The first screen's files are fetched at once, not in the rounds their imports imply.
        const files = [...(runtime ? [runtime.file, ...runtime.firstScreen] : []), ...firstScreenFiles(ctx.bundle, graph)];
        const tags: HtmlTagDescriptor[] = files.map((f) =>
          f.endsWith('.css') ? { tag: 'link', attrs: { rel: 'stylesheet', crossorigin: '', href: base + f }, injectTo: 'head' } : { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: base + f }, injectTo: 'head' },
        );
        if (graph.preloadRules.length) {
          const files = packageFiles(ctx.bundle, graph, base);
          tags.push({ tag: 'script', attrs: { type: 'application/json', id: 'wx2tg-packages' }, children: JSON.stringify(files), injectTo: 'head' });
        }
        return tags;
      },
    },
    resolveId(id) {
      if (id === 'wx2tg/runtime') return RUNTIME_ENTRY;
      if (id === ENTRY_URL || id.endsWith(ENTRY_URL)) return RESOLVED + 'entry';
      if (id.startsWith(VIRTUAL)) return RESOLVED + id.slice(VIRTUAL.length);
      return null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const name = id.slice(RESOLVED.length);
      if (name === 'entry') {
        // tabBar icons are assets: imported so they are copied with hashed names.
        const icons: string[] = [];
        const tabBar = graph.appJson.tabBar as { list?: { iconPath?: string; selectedIconPath?: string }[] } | undefined;
        // A `@name` icon is theme.json's, per scheme: each of those files is imported instead.
        (tabBar?.list ?? []).forEach((item, i) => {
          for (const key of ['iconPath', 'selectedIconPath'] as const) {
            const icon = item[key];
            if (!icon) continue;
            if (!icon.startsWith('@')) {
              icons.push(`import $icon_${i}_${key} from ${js(file(path.join(graph.root, icon)))};`, `config.tabBar.list[${i}].${key} = $icon_${i}_${key};`);
              continue;
            }
            for (const { file: value, scheme } of iconFiles(icon, graph.theme)) {
              const id = `$icon_${i}_${key}_${scheme}`;
              icons.push(`import ${id} from ${js(file(path.join(graph.root, value)))};`, `config.__theme.${scheme}[${js(icon.slice(1))}] = ${id};`);
            }
          }
        });
        // Only the built-ins the program's templates use (the dev server may meet new tags later: all of them there).
        const modules = new Set<string>();
        for (const [tag, mod] of Object.entries(BUILTIN_MODULES)) if (dev || program.tags.has(tag)) modules.add(mod);
        // The router learns the packages: independent ones launch without app.js; preloadRule.
        const plan = {
          subpackages: graph.subpackages.map((sp) => ({ root: sp.root, independent: sp.independent })),
          preloadRule: Object.fromEntries(graph.preloadRules.map((r) => [r.page, { network: r.network, packages: r.packages }])),
        };
        const lines = [
          `import { startApp, wx } from 'wx2tg/runtime';`,
          `import { configurePackages, loadAppAtLaunch } from ${js(file(ROUTER_MODULE))};`,
          ...[...modules].sort().map((m) => `import ${js(file(path.join(PACKAGE_ROOT, 'dist/runtime/components', m + '.js')))};`),
          `import ${js(file(BASE_CSS))};`,
          graph.appWxss ? `import ${js(file(graph.appWxss) + CSS_SUFFIX)};` : '',
          `const config = ${js(graph.theme ? { ...graph.appJson, __theme: graph.theme } : graph.appJson)};`,
          ...icons.filter((l) => l.startsWith('import ')),
          ...icons.filter((l) => !l.startsWith('import ')),
          `const pages = {`,
          ...graph.pages.map((p) => `  ${js(p.path)}: () => import(${js(VIRTUAL + 'page/' + p.path)}),`),
          `};`,
          // app.js loads through a dynamic import so that a throw at its top level is reported, not fatal.
          `configurePackages({ ...${js(plan)}, launchOptions: () => wx.getLaunchOptionsSync()${graph.appScript ? `, app: () => import(${js(VIRTUAL + 'app')})` : ''} });`,
          `startApp({ config, pages${graph.appScript ? ', app: loadAppAtLaunch' : ''}${graph.customTabBar ? `, customTabBar: () => import(${js(VIRTUAL + 'component/' + graph.customTabBar)})` : ''} });`,
        ];
        return lines.filter(Boolean).join('\n');
      }
      if (name === 'app') {
        return `import ${js(VIRTUAL + 'enter/app/app')};\nimport ${js(file(graph.appScript!))};`;
      }
      if (name.startsWith('enter/')) {
        const [, kind, ...rest] = name.split('/');
        return `import { enterModule } from 'wx2tg/runtime';\nenterModule(${js(rest.join('/'))}, ${js(kind)});`;
      }
      if (name.startsWith('page/') || name.startsWith('component/')) {
        const isPage = name.startsWith('page/');
        const unitPath = name.slice(name.indexOf('/') + 1);
        const unit = isPage ? graph.pages.find((p) => p.path === unitPath) : graph.components.get(unitPath);
        if (!unit) return `throw new Error(${js(`wx2tg: no ${isPage ? 'page' : 'component'} ${unitPath}`)});`;
        return unitModule(unit, isPage);
      }
      return null;
    },
  };
}

/** The chunks index.html loads itself, and everything they import statically. */
function chunksAtStart(chunks: OutputChunk[]): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const atStart = new Set<string>();
  const add = (c: OutputChunk): void => {
    if (atStart.has(c.fileName)) return;
    atStart.add(c.fileName);
    for (const i of c.imports) if (byName.has(i)) add(byName.get(i)!);
  };
  for (const c of chunks) if (c.isEntry) add(c);
  return atStart;
}

/**
 * What the first screen needs beyond index.html's own script (file names, CSS included): app.js
 * and the entry page with its components (unless the program has an independent subpackage), and
 * a custom tab bar (the runtime's own files: compiler/build.ts). Without these in index.html they
 * are fetched in later rounds, each found only once the previous round has run.
 */
function firstScreenFiles(bundle: OutputBundle, graph: ProjectGraph): string[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const atStart = chunksAtStart(chunks);
  const entry = ((graph.appJson.entryPagePath as string | undefined) ?? graph.pages[0]?.path ?? '').replace(/^\/+/, '').split('?')[0]!;
  const wanted = new Set<string>();
  // A program with an independent subpackage may launch there without the main package (WeChat
  // does not download it then): its app.js and entry page are not fetched ahead.
  if (!graph.subpackages.some((sp) => sp.independent)) wanted.add(`${RESOLVED}app`).add(`${RESOLVED}page/${entry}`);
  if (graph.customTabBar) wanted.add(`${RESOLVED}component/${graph.customTabBar}`);
  const out = new Set<string>();
  const visit = (c: OutputChunk): void => {
    if (out.has(c.fileName) || atStart.has(c.fileName)) return;
    out.add(c.fileName);
    for (const css of (c as OutputChunk & { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss ?? []) out.add(css);
    for (const i of c.imports) if (byName.has(i)) visit(byName.get(i)!);
  };
  for (const c of chunks) if (c.moduleIds.some((id) => wanted.has(id))) visit(c);
  return [...out];
}

/**
 * The files to fetch to have a package ready (its chunks, what they import, their CSS), for
 * each package preloadRule names: subpackages by root, the main package as "__APP__" (app.js and
 * its pages). What index.html loads at start is left out.
 */
function packageFiles(bundle: OutputBundle, graph: ProjectGraph, base: string): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const atStart = chunksAtStart(chunks);
  const closure = (starts: OutputChunk[]): string[] => {
    const out = new Set<string>();
    const visit = (c: OutputChunk): void => {
      if (out.has(c.fileName) || atStart.has(c.fileName)) return;
      out.add(c.fileName);
      for (const css of (c as OutputChunk & { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss ?? []) out.add(css);
      for (const i of c.imports) if (byName.has(i)) visit(byName.get(i)!);
    };
    starts.forEach(visit);
    return [...out].map((f) => base + f);
  };
  const holding = (test: (id: string) => boolean): OutputChunk[] => chunks.filter((c) => c.moduleIds.some(test));
  const mainIds = new Set([`${RESOLVED}app`, ...graph.pages.filter((p) => p.subpackage === null).map((p) => `${RESOLVED}page/${p.path}`)]);
  const out: Record<string, string[]> = {};
  for (const pkg of new Set(graph.preloadRules.flatMap((r) => r.packages))) {
    out[pkg] = closure(pkg === MAIN_PACKAGE ? holding((id) => mainIds.has(id)) : holding((id) => id.startsWith(`${RESOLVED}page/${pkg}/`)));
  }
  return out;
}

/**
 * The module of one page or component. Import order matters and is relied on: the components it
 * uses and its generics' defaults first (a cycle — a recursive component — is fine, their
 * exports are read lazily), then the marker naming this file, then its script, whose
 * Page()/Component() call the marker names.
 */
function unitModule(unit: UnitFiles, isPage: boolean): string {
  const file = (p: string): string => p.split(path.sep).join('/');
  const tags = Object.entries(unit.using);
  const generics = Object.entries(unit.generics);
  const lines = tags.map(([, dep], i) => `import $c${i} from ${js(VIRTUAL + 'component/' + dep)};`);
  generics.forEach(([, dep], i) => {
    if (dep !== null) lines.push(`import $g${i} from ${js(VIRTUAL + 'component/' + dep)};`);
  });
  lines.push(
    `import ${js(VIRTUAL + 'enter/' + (isPage ? 'page' : 'component') + '/' + unit.path)};`,
    `import template from ${js(file(unit.wxml))};`,
  );
  if (unit.wxss) lines.push(`import ${js(file(unit.wxss) + CSS_SUFFIX)};`);
  lines.push(`import ${js(file(unit.script))};`, `import { defineUnitModule } from 'wx2tg/runtime';`);
  const using = tags.map(([tag], i) => `get ${js(tag)}() { return $c${i}; }`).join(', ');
  // componentGenerics: name → default component (read lazily, like using), or null without a default.
  const defaults = generics.map(([name, dep], i) => (dep === null ? `${js(name)}: null` : `get ${js(name)}() { return $g${i}; }`)).join(', ');
  const prefix = isPage ? '' : componentPrefix(unit.path);
  lines.push(`export default defineUnitModule(${js(unit.path)}, ${js(isPage ? 'page' : 'component')}, template, ${js(unit.config)}, { ${using} }, ${js(prefix)}, { ${defaults} });`);
  return lines.join('\n');
}

function wxmlPlugin({ program }: Wx2tgPluginOptions): Plugin {
  return {
    name: 'wx2tg:wxml',
    load(id) {
      if (!id.endsWith('.wxml')) return null;
      // The program lives outside Vite's root: watch the file so that dev edits are seen.
      this.addWatchFile(id);
      const cached = program.wxml.get(id);
      if (cached !== undefined) return cached;
      // Not seen before the build (dev edits): compile now, failing with every diagnostic.
      const result = compileWxmlFile(id, program.graph.root);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) this.error(errors.map(formatDiagnostic).join('\n\n'));
      return result.code;
    },
    handleHotUpdate(ctx) {
      if (ctx.file.endsWith('.wxml')) program.wxml.delete(ctx.file);
      if (ctx.file.endsWith('.wxss')) program.wxss.delete(ctx.file);
    },
  };
}

function wxssPlugin({ program }: Wx2tgPluginOptions): Plugin {
  return {
    name: 'wx2tg:wxss',
    enforce: 'pre',
    resolveId(id) {
      if (id.endsWith(CSS_SUFFIX)) return id;
      return null;
    },
    load(id) {
      if (!id.endsWith(CSS_SUFFIX)) return null;
      const file = id.slice(0, -CSS_SUFFIX.length);
      this.addWatchFile(file);
      const cached = program.wxss.get(file);
      if (cached !== undefined) return cached;
      const pre: Diagnostic[] = [];
      const result = compileWxss(readStyleSource(file, pre), file, program.graph.root, program.styleScopes.get(file));
      const errors = [...pre, ...result.diagnostics].filter((d) => d.severity === 'error');
      if (errors.length) this.error(errors.map(formatDiagnostic).join('\n\n'));
      this.addWatchFile(file);
      return result.css;
    },
  };
}
