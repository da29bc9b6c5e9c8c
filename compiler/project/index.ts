/**
 * The project graph: where the program's root is, what app.json declares, and the files of every
 * page. Every problem found is collected; loading fails once, with all of them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CompileError, makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { parseJson } from '../json.js';
import { STYLE_PLUGIN_EXTS } from '../wxss/preprocess.js';

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
}

export type PageFiles = UnitFiles & {
  /** The subpackage root the page belongs to, or null for the main package. */
  subpackage: string | null;
};

export interface Subpackage {
  root: string;
  name: string;
  independent: boolean;
  pages: string[];
}
export type ComponentFiles = UnitFiles;

export interface ProjectGraph {
  /** Absolute path of the program root (the folder holding app.json). */
  root: string;
  /** project.config.json setting.useCompilerPlugins (typescript, less, sass). */
  compilerPlugins: string[];
  /** The custom tab bar component (tabBar.custom), when the program has one. */
  customTabBar: string | null;
  /** theme.json (app.json `themeLocation`) when the program declares darkmode. */
  theme: { light?: Record<string, string>; dark?: Record<string, string> } | null;
  appJson: AppJson;
  appScript: string | null;
  appWxss: string | null;
  pages: PageFiles[];
  subpackages: Subpackage[];
  /** Every custom component reachable from the pages, by path. */
  components: Map<string, ComponentFiles>;
  /** Warnings; errors make loadProject throw. */
  diagnostics: Diagnostic[];
}

const SCRIPT_EXTS = ['.ts', '.js'];

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

export function loadProject(dir: string): ProjectGraph {
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
  const globalUsing = readUsing(app, appJsonFile, appJsonSource, root, root, diagnostics);
  const components = new Map<string, ComponentFiles>();
  const pages: PageFiles[] = [];
  const queue: string[] = [];
  const subpackages = readSubpackages(app, appJsonFile, appJsonSource, diagnostics);
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
    const page: PageFiles = { ...readUnit(route, base, script, root, globalUsing, diagnostics, styleExts), subpackage: sub };
    pages.push(page);
    queue.push(...Object.values(page.using));
  }
  checkTabBar(app, appJsonFile, appJsonSource, root, diagnostics);
  let theme: ProjectGraph['theme'] = null;
  if (typeof app.themeLocation === 'string' && app.themeLocation) {
    const themeFile = path.join(root, app.themeLocation);
    if (!existsSync(themeFile)) {
      const at = appJsonSource.indexOf(JSON.stringify(app.themeLocation));
      diagnostics.push(makeDiagnostic('WX1013', [app.themeLocation], appJsonFile, appJsonSource, at >= 0 ? at : 0));
    } else theme = readJsonFile(themeFile, diagnostics) as ProjectGraph['theme'];
  }
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
    const unit = readUnit(compPath, base, firstExisting(base, SCRIPT_EXTS)!, root, globalUsing, diagnostics, styleExts);
    components.set(compPath, unit);
    queue.push(...Object.values(unit.using));
  }
  if (diagnostics.some((d) => d.severity === 'error')) throw new CompileError(diagnostics);
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
    components,
    diagnostics,
  };
}

function readUnit(unitPath: string, base: string, script: string, root: string, globalUsing: Record<string, string>, diagnostics: Diagnostic[], styleExts: string[] = ['.wxss']): UnitFiles {
  const json = existsSync(base + '.json') ? base + '.json' : null;
  let config: Record<string, unknown> = {};
  let using: Record<string, string> = {};
  if (json) {
    const source = readFileSync(json, 'utf8');
    config = readJsonFile(json, diagnostics) ?? {};
    using = readUsing(config, json, source, path.dirname(base), root, diagnostics);
  }
  return {
    path: unitPath,
    wxml: base + '.wxml',
    wxss: firstExisting(base, styleExts),
    script,
    json,
    config,
    using: { ...globalUsing, ...using },
  };
}

/** Reads `usingComponents` of a json file, resolving each path; unresolvable ones are located errors. */
function readUsing(config: Record<string, unknown>, file: string, source: string, fromDir: string, root: string, diagnostics: Diagnostic[]): Record<string, string> {
  const raw = config.usingComponents;
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const at = source.indexOf('"usingComponents"');
    diagnostics.push(makeDiagnostic('WX1005', ['usingComponents', 'an object of tag → component path'], file, source, at >= 0 ? at : 0));
    return {};
  }
  const out: Record<string, string> = {};
  for (const [tag, spec] of Object.entries(raw as Record<string, unknown>)) {
    const at = typeof spec === 'string' ? source.indexOf(JSON.stringify(spec)) : source.indexOf(JSON.stringify(tag));
    const loc = (code: 'WX1008' | 'WX1009' | 'WX1010' | 'WX1005', args: string[]): void => {
      diagnostics.push(makeDiagnostic(code, args, file, source, at >= 0 ? at : 0, at >= 0 && typeof spec === 'string' ? at + JSON.stringify(spec).length : undefined));
    };
    if (typeof spec !== 'string' || !spec) {
      loc('WX1005', [`usingComponents["${tag}"]`, 'a component path']);
      continue;
    }
    if (spec.startsWith('plugin://')) {
      loc('WX1009', [spec]);
      continue;
    }
    const resolved = resolveComponentPath(spec, fromDir, root);
    if (!resolved && /^weui-miniprogram\//.test(spec)) {
      // app.json "useExtendedLib": {"weui": …} — WeChat ships weui with its client; we cannot.
      loc('WX1010', [spec]);
      continue;
    }
    if (!resolved) {
      loc('WX1008', [spec, tag]);
      continue;
    }
    out[tag.toLowerCase()] = resolved;
  }
  return out;
}

function isComponentBase(base: string): boolean {
  return existsSync(base + '.wxml') && SCRIPT_EXTS.some((e) => existsSync(base + e));
}

/**
 * Resolves a usingComponents path as WeChat does: `/`-absolute from the root, `./` and `../`
 * relative to the json file, and a bare path relative first, then as an npm package in the
 * nearest `miniprogram_npm` walking up to the root (a package folder means its `index`).
 * Returns the component's path from the root, without extension, or null.
 */
export function resolveComponentPath(spec: string, fromDir: string, root: string): string | null {
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const candidates = (base: string): string[] => [base, path.join(base, 'index')];
  const tryBase = (base: string): string | null => {
    for (const c of candidates(base.replace(/\.(js|ts|wxml|json)$/, ''))) {
      if (isComponentBase(c) && !path.relative(root, c).startsWith('..')) return rel(c);
    }
    return null;
  };
  if (spec.startsWith('/')) return tryBase(path.join(root, spec));
  if (spec.startsWith('.')) return tryBase(path.resolve(fromDir, spec));
  const local = tryBase(path.resolve(fromDir, spec));
  if (local) return local;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = tryBase(path.join(dir, 'miniprogram_npm', spec));
    if (found) return found;
    if (path.relative(root, dir) === '' || path.dirname(dir) === dir) break;
  }
  return tryBase(path.join(root, spec));
}

/** `subpackages` (or the older `subPackages`): each with a root folder and pages relative to it. */
function readSubpackages(app: AppJson, file: string, source: string, diagnostics: Diagnostic[]): Subpackage[] {
  const raw = (app.subpackages ?? app.subPackages) as unknown;
  if (raw === undefined) return [];
  const at = Math.max(0, source.search(/"sub[pP]ackages"/));
  if (!Array.isArray(raw)) {
    diagnostics.push(makeDiagnostic('WX1005', ['subpackages', 'an array'], file, source, at));
    return [];
  }
  const out: Subpackage[] = [];
  for (const sp of raw as Record<string, unknown>[]) {
    const root = typeof sp?.root === 'string' ? sp.root.replace(/^\/+|\/+$/g, '') : '';
    if (!root || !Array.isArray(sp.pages)) {
      diagnostics.push(makeDiagnostic('WX1005', ['each subpackage', 'an object with "root" and "pages"'], file, source, at));
      continue;
    }
    out.push({
      root,
      name: typeof sp.name === 'string' && sp.name ? sp.name : root,
      independent: sp.independent === true,
      pages: (sp.pages as unknown[]).filter((p): p is string => typeof p === 'string').map((p) => p.replace(/^\/+/, '')),
    });
  }
  return out;
}

/** tabBar: 2 to 5 items, each a page of the main package, with icons that exist. */
function checkTabBar(app: AppJson, file: string, source: string, root: string, diagnostics: Diagnostic[]): void {
  const tabBar = app.tabBar as { list?: unknown; custom?: boolean } | undefined;
  if (!tabBar) return;
  const at = (needle: string): number => Math.max(0, source.indexOf(needle));
  if (!Array.isArray(tabBar.list) || tabBar.list.length < 2 || tabBar.list.length > 5) {
    diagnostics.push(makeDiagnostic('WX1005', ['tabBar.list', 'a list of 2 to 5 items'], file, source, at('"tabBar"')));
    return;
  }
  for (const item of tabBar.list as Record<string, unknown>[]) {
    const page = typeof item?.pagePath === 'string' ? item.pagePath.replace(/^\/+/, '') : '';
    if (!page || !app.pages.includes(page)) {
      diagnostics.push(makeDiagnostic('WX1011', [String(item?.pagePath ?? '')], file, source, at(JSON.stringify(item?.pagePath ?? '"pagePath"'))));
    }
    for (const key of ['iconPath', 'selectedIconPath']) {
      const icon = item?.[key];
      if (typeof icon === 'string' && icon && !existsSync(path.join(root, icon))) {
        diagnostics.push(makeDiagnostic('WX1012', [key, icon], file, source, at(JSON.stringify(icon))));
      }
    }
  }
}
