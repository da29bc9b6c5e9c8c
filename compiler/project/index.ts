/**
 * The project graph: where the program's root is, what app.json declares, and the files of every
 * page and of every component they use. Every problem found is collected; loading fails once,
 * with all of them.
 *   alias.ts     app.json resolveAlias
 *   packages.ts  subpackages (independent ones too) and preloadRule
 *   resolve.ts   how a component path in a json file is found
 *   tabBar.ts    the tabBar's pages and icons
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CompileError, makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { parseJson } from '../json.js';
import { STYLE_PLUGIN_EXTS } from '../wxss/preprocess.js';
import { readResolveAlias, type ResolveAlias } from './alias.js';
import { packageOf, readPreloadRule, readSubpackages, type PreloadRule, type Subpackage } from './packages.js';
import { isComponentBase, resolveComponentPath, SCRIPT_EXTS } from './resolve.js';
import { checkTabBar, type ThemeJson } from './tabBar.js';
export { iconFiles } from './tabBar.js';

export { resolveComponentPath } from './resolve.js';
export { applyAlias, type ResolveAlias } from './alias.js';
export { packageOf, MAIN_PACKAGE, type PreloadRule, type Subpackage } from './packages.js';

export interface AppJson {
  pages: string[];
  window?: Record<string, unknown>;
  tabBar?: Record<string, unknown>;
  entryPagePath?: string;
  subpackages?: unknown[];
  subPackages?: unknown[];
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

/** The files of a page or custom component. */
export interface UnitFiles {
  /** Path from the program root without extension, e.g. "pages/index/index". */
  path: string;
  wxml: string;
  wxss: string | null;
  script: string;
  json: string | null;
  config: Record<string, unknown>;
  /** Custom components usable in its template: tag → component path (app.json's global ones included). */
  using: Record<string, string>;
  /**
   * json `componentGenerics`: generic name (a tag its template may use) → the path of its default
   * component, or null when it declares none.
   */
  generics: Record<string, string | null>;
}

export type PageFiles = UnitFiles & {
  /** The subpackage root the page belongs to, or null for the main package. */
  subpackage: string | null;
};

export type ComponentFiles = UnitFiles;

export interface ProjectGraph {
  /** Absolute path of the program root (the folder holding app.json). */
  root: string;
  /** project.config.json setting.useCompilerPlugins (typescript, less, sass). */
  compilerPlugins: string[];
  /** The custom tab bar component (tabBar.custom), when the program has one. */
  customTabBar: string | null;
  /** theme.json (app.json `themeLocation`) when the program declares darkmode. */
  theme: ThemeJson | null;
  appJson: AppJson;
  appScript: string | null;
  appWxss: string | null;
  pages: PageFiles[];
  subpackages: Subpackage[];
  /** app.json resolveAlias, longest prefix first (component paths and script specifiers go through it). */
  aliases: ResolveAlias[];
  /** app.json preloadRule, checked, with packages as subpackage roots or "__APP__". */
  preloadRules: PreloadRule[];
  /** Every custom component reachable from the pages, by path. */
  components: Map<string, ComponentFiles>;
  /** Warnings; errors make loadProject throw. */
  diagnostics: Diagnostic[];
}

/**
 * Finds the program root the way WeChat's tools do: project.config.json's `miniprogramRoot`
 * when present, else the folder itself when it holds app.json.
 */
export function findProgramRoot(dir: string, diagnostics: Diagnostic[], plugins: string[] = []): string | null {
  const abs = path.resolve(dir);
  const configFile = path.join(abs, 'project.config.json');
  if (existsSync(configFile)) {
    const source = readFileSync(configFile, 'utf8');
    const parsed = parseJson<Record<string, unknown>>(source, configFile);
    if (!parsed.ok) {
      diagnostics.push(parsed.diagnostic);
      return null;
    }
    const setting = parsed.value.setting as { useCompilerPlugins?: unknown } | undefined;
    if (Array.isArray(setting?.useCompilerPlugins)) {
      for (const p of setting!.useCompilerPlugins as unknown[]) {
        const name = typeof p === 'string' ? p : Array.isArray(p) ? p[0] : null;
        if (typeof name === 'string') plugins.push(name);
      }
    }
    const mpRoot = parsed.value.miniprogramRoot;
    if (typeof mpRoot === 'string' && mpRoot.trim()) {
      const root = path.resolve(abs, mpRoot);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        const at = source.indexOf(JSON.stringify(mpRoot));
        diagnostics.push(makeDiagnostic('WX1006', [mpRoot], configFile, source, at >= 0 ? at : undefined));
        return null;
      }
      return root;
    }
  }
  if (existsSync(path.join(abs, 'app.json'))) return abs;
  diagnostics.push(makeDiagnostic('WX1001', [abs], path.join(abs, 'app.json')));
  return null;
}

function readJsonFile(file: string, diagnostics: Diagnostic[]): Record<string, unknown> | null {
  const source = readFileSync(file, 'utf8');
  const parsed = parseJson<Record<string, unknown>>(source, file);
  if (!parsed.ok) {
    diagnostics.push(parsed.diagnostic);
    return null;
  }
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    diagnostics.push(makeDiagnostic('WX1005', [path.basename(file), 'a JSON object'], file, source, 0));
    return null;
  }
  return parsed.value;
}

function firstExisting(base: string, exts: string[]): string | null {
  for (const ext of exts) if (existsSync(base + ext)) return base + ext;
  return null;
}

/** What reading units needs to know about the program. */
interface Loader {
  root: string;
  diagnostics: Diagnostic[];
  styleExts: string[];
  globalUsing: Record<string, string>;
  aliases: ResolveAlias[];
  subpackages: Subpackage[];
}

/**
 * Reads the program. Errors throw a CompileError carrying every diagnostic; with `keepGoing`,
 * only a program that cannot be read at all (no root, no app.json, no pages) throws, and the
 * graph of what could be read comes back with the errors in `diagnostics`, so that later phases
 * add theirs to the same report.
 */
export function loadProject(dir: string, options: { keepGoing?: boolean } = {}): ProjectGraph {
  const diagnostics: Diagnostic[] = [];
  const compilerPlugins: string[] = [];
  const root = findProgramRoot(dir, diagnostics, compilerPlugins);
  if (!root) throw new CompileError(diagnostics);
  const styleExts = ['.wxss', ...compilerPlugins.flatMap((p) => STYLE_PLUGIN_EXTS[p] ?? [])];
  const appJsonFile = path.join(root, 'app.json');
  const appJsonSource = readFileSync(appJsonFile, 'utf8');
  const app = readJsonFile(appJsonFile, diagnostics) as AppJson | null;
  if (!app) throw new CompileError(diagnostics);
  if (!Array.isArray(app.pages) || app.pages.length === 0) {
    const at = appJsonSource.indexOf('"pages"');
    diagnostics.push(makeDiagnostic('WX1003', [], appJsonFile, appJsonSource, at >= 0 ? at : 0));
    throw new CompileError(diagnostics);
  }
  const aliases = readResolveAlias(app.resolveAlias, appJsonFile, appJsonSource, diagnostics);
  const subpackages = readSubpackages(app.subpackages ?? app.subPackages, app.pages, appJsonFile, appJsonSource, diagnostics);
  const loader: Loader = { root, diagnostics, styleExts, globalUsing: {}, aliases, subpackages };
  loader.globalUsing = readUsing(loader, app, appJsonFile, appJsonSource, root, null);
  const components = new Map<string, ComponentFiles>();
  const pages: PageFiles[] = [];
  const queue: string[] = [];
  const routes: { route: string; sub: string | null; spelled: string }[] = [
    ...app.pages.map((r) => ({ route: r, sub: null, spelled: r })),
    ...subpackages.flatMap((sp) => sp.pages.map((p) => ({ route: `${sp.root}/${p}`, sub: sp.root, spelled: p }))),
  ];
  for (const { route, sub, spelled } of routes) {
    const at = appJsonSource.indexOf(JSON.stringify(spelled));
    if (typeof route !== 'string') {
      diagnostics.push(makeDiagnostic('WX1005', ['pages[]', 'a string'], appJsonFile, appJsonSource, at >= 0 ? at : 0));
      continue;
    }
    const base = path.join(root, route);
    const wxml = base + '.wxml';
    if (!existsSync(wxml)) {
      diagnostics.push(makeDiagnostic('WX1004', [route, path.relative(root, wxml)], appJsonFile, appJsonSource, at >= 0 ? at : 0, at >= 0 ? at + spelled.length + 2 : undefined));
      continue;
    }
    const script = firstExisting(base, SCRIPT_EXTS);
    if (!script) {
      diagnostics.push(makeDiagnostic('WX1007', [route], appJsonFile, appJsonSource, at >= 0 ? at : 0, at >= 0 ? at + spelled.length + 2 : undefined));
      continue;
    }
    const page: PageFiles = { ...readUnit(loader, route, base, script), subpackage: sub };
    pages.push(page);
    queue.push(...dependencies(page));
  }
  const preloadRules = readPreloadRule(app.preloadRule, new Set(pages.map((p) => p.path)), subpackages, appJsonFile, appJsonSource, diagnostics);
  let theme: ProjectGraph['theme'] = null;
  if (typeof app.themeLocation === 'string' && app.themeLocation) {
    const themeFile = path.join(root, app.themeLocation);
    if (!existsSync(themeFile)) {
      const at = appJsonSource.indexOf(JSON.stringify(app.themeLocation));
      diagnostics.push(makeDiagnostic('WX1013', [app.themeLocation], appJsonFile, appJsonSource, at >= 0 ? at : 0));
    } else theme = readJsonFile(themeFile, diagnostics) as ProjectGraph['theme'];
  }
  checkTabBar(app, theme, appJsonFile, appJsonSource, root, diagnostics);
  // tabBar.custom: the program's own custom-tab-bar/index component draws the tab bar.
  let customTabBar: string | null = null;
  if ((app.tabBar as { custom?: boolean } | undefined)?.custom === true) {
    const base = path.join(root, 'custom-tab-bar', 'index');
    if (!isComponentBase(base)) {
      const at = appJsonSource.indexOf('"custom"');
      diagnostics.push(makeDiagnostic('WX1014', [], appJsonFile, appJsonSource, at >= 0 ? at : 0));
    } else {
      customTabBar = 'custom-tab-bar/index';
      queue.push(customTabBar);
    }
  }
  // Components, breadth first: a component may use itself or others (recursion is allowed, as in WeChat).
  while (queue.length) {
    const compPath = queue.shift()!;
    if (components.has(compPath)) continue;
    const base = path.join(root, compPath);
    const unit = readUnit(loader, compPath, base, firstExisting(base, SCRIPT_EXTS)!);
    components.set(compPath, unit);
    queue.push(...dependencies(unit));
  }
  if (!options.keepGoing && diagnostics.some((d) => d.severity === 'error')) throw new CompileError(diagnostics);
  return {
    root,
    compilerPlugins,
    theme,
    customTabBar,
    appJson: app,
    appScript: firstExisting(path.join(root, 'app'), SCRIPT_EXTS),
    appWxss: firstExisting(path.join(root, 'app'), styleExts),
    pages,
    subpackages,
    aliases,
    preloadRules,
    components,
    diagnostics,
  };
}

/** The components a unit needs loaded: those it uses and its generics' defaults. */
function dependencies(unit: UnitFiles): string[] {
  return [...Object.values(unit.using), ...Object.values(unit.generics).filter((g): g is string => g !== null)];
}

function readUnit(loader: Loader, unitPath: string, base: string, script: string): UnitFiles {
  const json = existsSync(base + '.json') ? base + '.json' : null;
  let config: Record<string, unknown> = {};
  let using: Record<string, string> = {};
  let generics: Record<string, string | null> = {};
  const sp = packageOf(unitPath, loader.subpackages);
  const boundary = sp?.independent ? sp : null;
  if (json) {
    const source = readFileSync(json, 'utf8');
    config = readJsonFile(json, loader.diagnostics) ?? {};
    using = readUsing(loader, config, json, source, path.dirname(base), boundary);
    generics = readGenerics(loader, config, json, source, path.dirname(base), boundary);
  }
  // app.json's global components belong to the main package: an independent subpackage does not get them.
  let global = loader.globalUsing;
  if (boundary) global = Object.fromEntries(Object.entries(global).filter(([, p]) => p.startsWith(boundary.root + '/')));
  return {
    path: unitPath,
    wxml: base + '.wxml',
    wxss: firstExisting(base, loader.styleExts),
    script,
    json,
    config,
    using: { ...global, ...using },
    generics,
  };
}

/**
 * Resolves one component path written in a json file, reporting why it cannot be used: a
 * plugin, WeChat's built-in weui, a path that leads nowhere, or a component outside the
 * independent subpackage the json belongs to.
 */
function resolveReference(loader: Loader, spec: string, as: string, file: string, source: string, fromDir: string, boundary: Subpackage | null): string | null {
  const at = source.indexOf(JSON.stringify(spec));
  const report = (code: 'WX1008' | 'WX1009' | 'WX1010' | 'WX1018', args: string[]): null => {
    loader.diagnostics.push(makeDiagnostic(code, args, file, source, at >= 0 ? at : 0, at >= 0 ? at + JSON.stringify(spec).length : undefined));
    return null;
  };
  if (spec.startsWith('plugin://') || spec.startsWith('plugin-private://')) return report('WX1009', [spec]);
  const resolved = resolveComponentPath(spec, fromDir, loader.root, loader.aliases);
  // app.json "useExtendedLib": {"weui": …} — WeChat ships weui with its client; we cannot.
  if (!resolved && /^weui-miniprogram\//.test(spec)) return report('WX1010', [spec]);
  if (!resolved) return report('WX1008', [spec, as]);
  if (boundary && !resolved.startsWith(boundary.root + '/')) {
    const unit = path.relative(loader.root, file).split(path.sep).join('/');
    return report('WX1018', [unit, boundary.root, `component "${spec}" (${resolved})`]);
  }
  return resolved;
}

/** Reads `usingComponents` of a json file, resolving each path; unresolvable ones are located errors. */
function readUsing(loader: Loader, config: Record<string, unknown>, file: string, source: string, fromDir: string, boundary: Subpackage | null): Record<string, string> {
  const raw = config.usingComponents;
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const at = source.indexOf('"usingComponents"');
    loader.diagnostics.push(makeDiagnostic('WX1005', ['usingComponents', 'an object of tag → component path'], file, source, at >= 0 ? at : 0));
    return {};
  }
  const out: Record<string, string> = {};
  for (const [tag, spec] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof spec !== 'string' || !spec) {
      const at = source.indexOf(JSON.stringify(tag));
      loader.diagnostics.push(makeDiagnostic('WX1005', [`usingComponents["${tag}"]`, 'a component path'], file, source, at >= 0 ? at : 0));
      continue;
    }
    const resolved = resolveReference(loader, spec, tag, file, source, fromDir, boundary);
    if (resolved) out[tag.toLowerCase()] = resolved;
  }
  return out;
}

/**
 * Reads `componentGenerics`: `{"name": true}` (the host must choose, with `generic:name="tag"`)
 * or `{"name": {"default": "component path"}}`, the default resolved as usingComponents are.
 */
function readGenerics(loader: Loader, config: Record<string, unknown>, file: string, source: string, fromDir: string, boundary: Subpackage | null): Record<string, string | null> {
  const raw = config.componentGenerics;
  if (raw === undefined) return {};
  const shape = 'true or an object with a "default" component path';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const at = source.indexOf('"componentGenerics"');
    loader.diagnostics.push(makeDiagnostic('WX1005', ['componentGenerics', 'an object of generic name → ' + shape], file, source, at >= 0 ? at : 0));
    return {};
  }
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const fallback = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { default?: unknown }).default : undefined;
    if (value === true || (fallback === undefined && value !== null && typeof value === 'object' && !Array.isArray(value))) {
      out[name.toLowerCase()] = null;
      continue;
    }
    if (typeof fallback !== 'string' || !fallback) {
      const at = Math.max(0, source.indexOf(JSON.stringify(name), Math.max(0, source.indexOf('"componentGenerics"'))));
      loader.diagnostics.push(makeDiagnostic('WX1005', [`componentGenerics["${name}"]`, shape], file, source, at, at + JSON.stringify(name).length));
      continue;
    }
    const resolved = resolveReference(loader, fallback, name, file, source, fromDir, boundary);
    if (resolved) out[name.toLowerCase()] = resolved;
  }
  return out;
}
