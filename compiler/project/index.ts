/**
 * The project graph: where the program's root is, what app.json declares, and the files of every
 * page. Every problem found is collected; loading fails once, with all of them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CompileError, makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { parseJson } from '../json.js';

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

export interface PageFiles {
  /** Route path, e.g. "pages/index/index". */
  path: string;
  wxml: string;
  wxss: string | null;
  script: string;
  json: string | null;
  config: Record<string, unknown>;
}

export interface ProjectGraph {
  /** Absolute path of the program root (the folder holding app.json). */
  root: string;
  appJson: AppJson;
  appScript: string | null;
  appWxss: string | null;
  pages: PageFiles[];
  /** Warnings; errors make loadProject throw. */
  diagnostics: Diagnostic[];
}

const SCRIPT_EXTS = ['.ts', '.js'];

/**
 * Finds the program root the way WeChat's tools do: project.config.json's `miniprogramRoot`
 * when present, else the folder itself when it holds app.json.
 */
export function findProgramRoot(dir: string, diagnostics: Diagnostic[]): string | null {
  const abs = path.resolve(dir);
  const configFile = path.join(abs, 'project.config.json');
  if (existsSync(configFile)) {
    const source = readFileSync(configFile, 'utf8');
    const parsed = parseJson<Record<string, unknown>>(source, configFile);
    if (!parsed.ok) {
      diagnostics.push(parsed.diagnostic);
      return null;
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
  const root = findProgramRoot(dir, diagnostics);
  if (!root) throw new CompileError(diagnostics);
  const appJsonFile = path.join(root, 'app.json');
  const appJsonSource = readFileSync(appJsonFile, 'utf8');
  const app = readJsonFile(appJsonFile, diagnostics) as AppJson | null;
  if (!app) throw new CompileError(diagnostics);
  if (!Array.isArray(app.pages) || app.pages.length === 0) {
    const at = appJsonSource.indexOf('"pages"');
    diagnostics.push(makeDiagnostic('WX1003', [], appJsonFile, appJsonSource, at >= 0 ? at : 0));
    throw new CompileError(diagnostics);
  }
  const pages: PageFiles[] = [];
  for (const route of app.pages) {
    const at = appJsonSource.indexOf(JSON.stringify(route));
    if (typeof route !== 'string') {
      diagnostics.push(makeDiagnostic('WX1005', ['pages[]', 'a string'], appJsonFile, appJsonSource, at >= 0 ? at : 0));
      continue;
    }
    const base = path.join(root, route);
    const wxml = base + '.wxml';
    if (!existsSync(wxml)) {
      diagnostics.push(makeDiagnostic('WX1004', [route, path.relative(root, wxml)], appJsonFile, appJsonSource, at >= 0 ? at : 0, at >= 0 ? at + route.length + 2 : undefined));
      continue;
    }
    const script = firstExisting(base, SCRIPT_EXTS);
    if (!script) {
      diagnostics.push(makeDiagnostic('WX1007', [route], appJsonFile, appJsonSource, at >= 0 ? at : 0, at >= 0 ? at + route.length + 2 : undefined));
      continue;
    }
    const json = existsSync(base + '.json') ? base + '.json' : null;
    const config = json ? readJsonFile(json, diagnostics) ?? {} : {};
    pages.push({ path: route, wxml, wxss: existsSync(base + '.wxss') ? base + '.wxss' : null, script, json, config });
  }
  if (diagnostics.some((d) => d.severity === 'error')) throw new CompileError(diagnostics);
  return {
    root,
    appJson: app,
    appScript: firstExisting(path.join(root, 'app'), SCRIPT_EXTS),
    appWxss: existsSync(path.join(root, 'app.wxss')) ? path.join(root, 'app.wxss') : null,
    pages,
    diagnostics,
  };
}
