/**
 * `wx2tg build`: compile the whole program (failing with every diagnostic before anything is
 * written), bundle it with Vite into a staging folder beside --out, then swap it into place, so
 * that --out holds either the previous build or the new one, never half of one.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync, renameSync, mkdirSync, cpSync, readdirSync, copyFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_MODULES } from '../common/builtins.js';
import { LAZY_RUNTIME_MODULES } from '../common/lazyModules.js';
import { build as viteBuild, type Plugin } from 'vite';
import { compileProgram, type CompiledProgram } from './compile.js';
import { CompileError, type Diagnostic } from './diagnostics.js';
import { apiTablesProgramPlugin, apiTablesRuntimePlugin, REPLACED_RUNTIME_MODULES } from './vite/apiTables.js';
import { cloudPlugin } from './vite/cloud.js';
import { indexHtml, PACKAGE_ROOT, ROUTER_MODULE, RUNTIME_ENTRY, tonPlugin, wx2tgPlugins } from './vite/index.js';

export interface BuildOptions {
  out: string;
  /** Base path the bundle is served under; default './' (works under any path). */
  base?: string;
  sourcemap?: boolean;
  minify?: boolean;
  onPhase?: (phase: string, ms: number) => void;
}

export interface BuildResult {
  program: CompiledProgram;
  out: string;
  files: string[];
}

function titleOf(program: CompiledProgram): string {
  const w = program.graph.appJson.window as { navigationBarTitleText?: string } | undefined;
  return w?.navigationBarTitleText ?? 'Mini App';
}

/** A temporary Vite root holding index.html; the program's own files are read where they are. */
export function makeViteRoot(program: CompiledProgram): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wx2tg-root-'));
  writeFileSync(path.join(dir, 'index.html'), indexHtml(titleOf(program)));
  return dir;
}

export async function buildProgram(dir: string, options: BuildOptions): Promise<BuildResult> {
  let t = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    options.onPhase?.(name, now - t);
    t = now;
  };
  const program = compileProgram(dir);
  phase('compile');
  const out = path.resolve(options.out);
  const staging = `${out}.staging-${process.pid}`;
  const root = makeViteRoot(program);
  const base = options.base ?? './';
  const common = { configFile: false as const, root, base, logLevel: 'silent' as const };
  const output = { outDir: staging, assetsDir: 'assets', sourcemap: options.sourcemap ?? true, minify: options.minify ?? true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 };
  try {
    // 1. The runtime, bundled on its own (see runtimeBuild).
    const runtime = await viteBuild({ ...common, plugins: [runtimeEntryPlugin(program), preloadHelperPlugin(), apiTablesRuntimePlugin(), tonPlugin({ program }), cloudPlugin(program.graph.root)], build: { ...output, emptyOutDir: true, rolldownOptions: runtimeRolldownOptions(program) } }).catch((err: unknown) => {
      throw bundlerError(err, program.graph.root);
    });
    const runtimeOutputs = outputsOf(runtime);
    const runtimeFile = runtimeOutputs.find((o) => o.type === 'chunk' && o.isEntry)!.fileName;
    const startFiles = runtimeFirstScreen(runtimeOutputs, program);
    // 2. The program, importing the runtime's chunk.
    const result = await viteBuild({
      ...common,
      plugins: [runtimeExternalPlugin(runtimeFile), ...wx2tgPlugins({ program, runtime: { file: runtimeFile, firstScreen: startFiles } }), apiTablesProgramPlugin()],
      css: { postcss: { plugins: [] } },
      build: {
        ...output,
        emptyOutDir: false,
        // Subpackage chunks hold only the subpackage's own modules (not the runtime they import);
        // strict execution order keeps page-definition markers running just before their scripts.
        rolldownOptions: { output: { entryFileNames: 'assets/app-[hash].js', strictExecutionOrder: true, codeSplitting: { groups: subpackageChunks(program) } } },
      },
    }).catch((err: unknown) => {
      throw bundlerError(err, program.graph.root);
    });
    phase('bundle');
    copyStaticAssets(program.graph.root, staging, program.graph.components.keys());
    const outputs = [...runtimeOutputs, ...outputsOf(result)];
    swapInto(staging, out);
    return { program, out, files: outputs.map((o) => o.fileName) };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

type BuildOutput = Awaited<ReturnType<typeof viteBuild>>;
type OutputItem = { type: 'chunk' | 'asset'; fileName: string; isEntry?: boolean; moduleIds?: string[]; imports?: string[] };
function outputsOf(result: BuildOutput): OutputItem[] {
  return (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? (r.output as unknown as OutputItem[]) : []));
}

/** Files of the program that pages load by path at run time (images, media, fonts). */
export const STATIC_ASSET = /\.(png|jpe?g|gif|webp|svg|bmp|ico|avif|mp3|m4a|aac|wav|ogg|mp4|webm|mov|ttf|otf|woff2?|eot|pdf|txt)$/i;

/**
 * Copies the program's static files to the output under their own paths, so that `/images/a.png`
 * in WXML or in data (often built at run time) finds them, as it does in WeChat. node_modules is
 * skipped, except the mini-program folders of the npm packages whose components the program uses.
 */
export function copyStaticAssets(root: string, out: string, componentPaths: Iterable<string> = []): void {
  const copy = (abs: string, target: string): void => {
    if (existsSync(target)) return;
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(abs, target);
  };
  const walk = (dir: string, skipNodeModules = true): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || (skipNodeModules && entry.name === 'node_modules')) continue;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs, skipNodeModules);
      else if (STATIC_ASSET.test(entry.name)) copy(abs, path.join(out, path.relative(root, abs)));
    }
  };
  walk(root);
  for (const dist of npmFolders(componentPaths)) {
    walk(path.join(root, dist), false);
    // weui-miniprogram's templates name their icons `/_assets/…`: WeChat mounts the library
    // (useExtendedLib) so that its own root answers those paths; the output root does here.
    const assets = path.join(root, dist, '_assets');
    if (/(^|\/)weui-miniprogram\//.test(dist + '/') && existsSync(assets)) {
      for (const f of readdirSync(assets)) if (STATIC_ASSET.test(f)) copy(path.join(assets, f), path.join(out, '_assets', f));
    }
  }
}

/** The mini-program folders (`node_modules/<pkg>/<folder>`, `miniprogram_npm/<pkg>`) the components lie in. */
function npmFolders(componentPaths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of componentPaths) {
    const m = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+\/[^/]+)\//.exec(p) ?? /^(.*?miniprogram_npm\/(?:@[^/]+\/)?[^/]+)\//.exec(p);
    if (m) out.add(m[1]!);
  }
  return out;
}

/**
 * The wx2tg runtime is bundled on its own, before the program: one entry chunk
 * (`assets/wx2tg-runtime-*.js`: the runtime's entry, its router and the built-ins the program
 * uses), plus the chunks of what the runtime loads on first use (runtime/api/lazy.ts, the
 * simulator, …). The program's bundle imports that chunk and leaves its modules out. Cached
 * across app updates, and measurable. Bundled apart, the runtime needs no strict execution
 * order (the program's bundle does, see buildProgram): it is one module graph with one entry,
 * so the bundler's own ordering is the modules' order, without an init wrapper per module.
 */
const RUNTIME_BUNDLE = '\0wx2tg:runtime-bundle';
const DIST_RUNTIME = path.join(PACKAGE_ROOT, 'dist', 'runtime') + path.sep;
const DIST_COMMON = path.join(PACKAGE_ROOT, 'dist', 'common') + path.sep;

function usedBuiltinModules(program: CompiledProgram): string[] {
  const used = new Set<string>();
  for (const [tag, mod] of Object.entries(BUILTIN_MODULES)) if (program.tags.has(tag)) used.add(mod);
  return [...used].sort();
}

/**
 * The runtime's own dynamic imports (runtime/api/lazy.ts and the like) go through Vite's preload
 * helper, which adds <link>s for the imported chunk's static imports so that they load in
 * parallel. Vite's helper (2 KB, 0.8 KB gzip in the runtime chunk) also handles CSP nonces, links
 * already in the document and a `vite:preloadError` event; none of these concern the runtime's
 * chunks, so its bundle gets this one instead: the same links (modulepreload for scripts,
 * stylesheets awaited), once per URL. Vite names the helper module; should the name change, Vite's
 * own helper is used again.
 */
const VITE_PRELOAD_HELPER = '\0vite/preload-helper.js';
function preloadHelperPlugin(): Plugin {
  let base = './';
  return {
    name: 'wx2tg:preload-helper',
    enforce: 'pre',
    configResolved(config) {
      base = config.base;
    },
    resolveId: (id) => (id === VITE_PRELOAD_HELPER ? id : null),
    load(id) {
      if (id !== VITE_PRELOAD_HELPER) return null;
      // Vite renders the dependencies relative to the importer for a relative base, else from the base.
      const url = base === '' || base.startsWith('.') ? 'new URL(d, importer).href' : `new URL(${JSON.stringify(base)} + d, location.href).href`;
      return `const seen = new Set();
export const __vitePreload = (load, deps, importer) => {
  const styles = [];
  for (const d of deps || []) {
    const href = ${url};
    if (seen.has(href)) continue;
    seen.add(href);
    const link = document.createElement('link');
    link.crossOrigin = '';
    link.href = href;
    if (href.endsWith('.css')) {
      link.rel = 'stylesheet';
      styles.push(new Promise((resolve, reject) => {
        link.onload = resolve;
        link.onerror = () => { seen.delete(href); link.remove(); reject(new Error('Unable to preload CSS for ' + href)); };
      }));
    } else link.rel = 'modulepreload';
    document.head.appendChild(link);
  }
  return Promise.all(styles).then(() => load());
};
`;
    },
  };
}

function runtimeEntryPlugin(program: CompiledProgram): Plugin {
  const file = (p: string): string => JSON.stringify(p.split(path.sep).join('/'));
  return {
    name: 'wx2tg:runtime-bundle',
    resolveId: (id) => (id === RUNTIME_BUNDLE ? id : null),
    load(id) {
      if (id !== RUNTIME_BUNDLE) return null;
      // What the program's modules import from the runtime (compiler/vite: the entry, the unit
      // modules), in the order the entry imported them.
      return [
        // The names the compiled modules import; all of them when a script of the program imports wx2tg/runtime itself.
        importsRuntime(program.graph.root) ? `export * from ${file(RUNTIME_ENTRY)};` : `export { startApp, wx, enterModule, defineUnitModule } from ${file(RUNTIME_ENTRY)};`,
        `export { configurePackages, loadAppAtLaunch } from ${file(ROUTER_MODULE)};`,
        ...usedBuiltinModules(program).map((m) => `import ${file(path.join(DIST_RUNTIME, 'components', `${m}.js`))};`),
      ].join('\n');
    },
  };
}

/** Whether a script of the program (outside node_modules) names wx2tg/runtime. */
function importsRuntime(root: string): boolean {
  const walk = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      if (e.name.startsWith('.') || e.name === 'node_modules') return false;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) return walk(abs);
      return /\.[cm]?[jt]s$/.test(e.name) && readFileSync(abs, 'utf8').includes('wx2tg/runtime');
    });
  return walk(root);
}

function runtimeRolldownOptions(program: CompiledProgram): Record<string, unknown> {
  // Everything the entry imports statically stays in the entry chunk (the lazy chunks import it
  // from there) rather than in chunks of the modules they share.
  const eager = eagerRuntimeModules(path.join(PACKAGE_ROOT, 'dist'), usedBuiltinModules(program), REPLACED_RUNTIME_MODULES);
  eager.add(RUNTIME_BUNDLE);
  return {
    input: { 'wx2tg-runtime': RUNTIME_BUNDLE },
    preserveEntrySignatures: 'allow-extension',
    output: {
      entryFileNames: 'assets/wx2tg-runtime-[hash].js',
      chunkFileNames: 'assets/[name]-[hash].js',
      codeSplitting: { groups: [{ name: 'wx2tg-runtime', priority: 20, test: (id: string) => eager.has(id) }] },
    },
  };
}

/**
 * The static import closure of the runtime's entry, its router and the given built-in modules
 * (runtime/components/<name>.js), stopping at the modules loaded on demand (common/lazyModules.ts:
 * nothing imports those statically, or they would load at start). The imports of `replaced`
 * modules (absolute paths; the bundle has other code for them) are not followed.
 */
export function eagerRuntimeModules(dist: string, components: readonly string[], replaced: readonly string[] = []): Set<string> {
  const stop = new Set([...LAZY_RUNTIME_MODULES, 'runtime/telegram/simulator.js'].map((m) => path.join(dist, ...m.split('/'))));
  const queue = [path.join(dist, 'runtime', 'index.js'), path.join(dist, 'runtime', 'shell', 'router.js'), ...components.map((c) => path.join(dist, 'runtime', 'components', `${c}.js`))];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || stop.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (replaced.includes(file)) continue;
    // tsc's output: `import … from './x.js'`, `import './x.js'`, `export … from './x.js'` (not import()).
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s*(?:[\w$*\s,]*(?:\{[^}]*\})?\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return seen;
}


/** In the program's bundle: the runtime (wx2tg/runtime and every module of it) is the runtime's chunk. */
function runtimeExternalPlugin(runtimeFile: string): Plugin {
  const target = './' + path.posix.basename(runtimeFile);
  return {
    name: 'wx2tg:runtime-external',
    enforce: 'pre',
    resolveId(id) {
      if (id === 'wx2tg/runtime' || id === RUNTIME_ENTRY || id.startsWith(DIST_RUNTIME) || id.startsWith(DIST_COMMON)) return { id: target, external: 'relative' };
      return null;
    },
  };
}

/** The runtime's lazy chunks the first screen needs: the tab bar's code, the DeviceStorage reader a first launch restores from. */
function runtimeFirstScreen(outputs: OutputItem[], program: CompiledProgram): string[] {
  const tabBar = program.graph.appJson.tabBar as { custom?: boolean; list?: unknown[] } | undefined;
  const wanted = [path.join(DIST_RUNTIME, 'api', 'storageDevice.js')];
  if (!tabBar?.custom && tabBar?.list?.length) wanted.push(path.join(DIST_RUNTIME, 'shell', 'tabbar.js'));
  const chunks = outputs.filter((o) => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry)!;
  const atStart = new Set([entry.fileName, ...(entry.imports ?? [])]);
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const out = new Set<string>();
  const visit = (c: OutputItem): void => {
    if (out.has(c.fileName) || atStart.has(c.fileName)) return;
    out.add(c.fileName);
    for (const i of c.imports ?? []) if (byName.has(i)) visit(byName.get(i)!);
  };
  for (const c of chunks) if (c.moduleIds?.some((id) => wanted.includes(id))) visit(c);
  return [...out];
}

/**
 * One lazy chunk per subpackage: its pages, their wrapper modules and every file under its root.
 * Nothing in the main package imports a subpackage's files, so the chunk loads only when a page
 * inside it is first opened.
 */
export function subpackageChunks(program: CompiledProgram): { name: string; test: (id: string) => boolean; priority: number; includeDependenciesRecursively: boolean }[] {
  const root = program.graph.root;
  return program.graph.subpackages.map((sp) => {
    const dir = path.join(root, sp.root) + path.sep;
    const virtualPrefixes = ['page/', 'enter/page/', 'component/', 'enter/component/'].map((k) => `\0wx2tg:${k}${sp.root}/`);
    return {
      name: `sub-${sp.name.replace(/[^\w-]+/g, '-')}`,
      priority: 10,
      includeDependenciesRecursively: false,
      test: (id: string) => id.startsWith(dir) || virtualPrefixes.some((p) => id.startsWith(p)),
    };
  });
}

/**
 * What the bundler found that the compile phase did not: turned into located diagnostics (one
 * per error it lists), so the CLI reports them like the rest.
 */
function bundlerError(err: unknown, root: string): CompileError {
  const e = err as { errors?: unknown[]; message?: string };
  const list = Array.isArray(e.errors) && e.errors.length ? e.errors : [err];
  const diagnostics: Diagnostic[] = list.map((item) => {
    const x = item as { message?: string; id?: string; loc?: { file?: string; line?: number; column?: number }; frame?: string };
    const file = x.loc?.file ?? x.id ?? root;
    const message = (x.message ?? String(item)).split('\n')[0]!.replace(/^\[\w+\]\s*/, '').replace(/^Error:\s*/, '');
    const d: Diagnostic = { code: 'WX9001', severity: 'error', message: `Build failed: ${message}`, file };
    if (x.loc?.line) d.start = { line: x.loc.line, column: (x.loc.column ?? 0) + 1, offset: 0 };
    if (x.frame) d.frame = x.frame;
    return d;
  });
  return new CompileError(diagnostics);
}

function swapInto(staging: string, out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  try {
    renameSync(staging, out);
  } catch {
    cpSync(staging, out, { recursive: true });
  }
  rmSync(old, { recursive: true, force: true });
}
