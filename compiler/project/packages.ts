/**
 * Packages: app.json `subpackages` (or the older `subPackages`), independent ones included, and
 * `preloadRule`, which names the packages to fetch once a page is shown.
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';

export interface Subpackage {
  /** Folder from the program root, without slashes at either end. */
  root: string;
  /** `name`, else the root: how preloadRule may name it. */
  name: string;
  /** Runs without the main package (it may be the launch page; app.js waits until a main page opens). */
  independent: boolean;
  /** Pages relative to the root. */
  pages: string[];
}

/** preloadRule's name for the main package. */
export const MAIN_PACKAGE = '__APP__';

export interface PreloadRule {
  /** The page whose showing starts the preload. */
  page: string;
  /** 'wifi' (WeChat's default) skips the preload on a connection known to be cellular. */
  network: 'all' | 'wifi';
  /** Subpackage roots, or "__APP__" for the main package. */
  packages: string[];
}

/** The subpackage a path from the program root lies in, or null for the main package. */
export function packageOf(unitPath: string, subpackages: readonly Subpackage[]): Subpackage | null {
  for (const sp of subpackages) if (unitPath.startsWith(sp.root + '/')) return sp;
  return null;
}

export function readSubpackages(raw: unknown, mainPages: readonly string[], file: string, source: string, diagnostics: Diagnostic[]): Subpackage[] {
  if (raw === undefined) return [];
  const at = Math.max(0, source.search(/"sub[pP]ackages"/));
  if (!Array.isArray(raw)) {
    diagnostics.push(makeDiagnostic('WX1005', ['subpackages', 'an array'], file, source, at));
    return [];
  }
  const out: Subpackage[] = [];
  const seen: string[] = [];
  let searchFrom = at;
  for (const sp of raw as Record<string, unknown>[]) {
    const root = typeof sp?.root === 'string' ? sp.root.replace(/^\/+|\/+$/g, '') : '';
    if (!root || !Array.isArray(sp.pages)) {
      diagnostics.push(makeDiagnostic('WX1005', ['each subpackage', 'an object with "root" and "pages"'], file, source, at));
      continue;
    }
    const found = source.indexOf(`"root"`, searchFrom);
    const rootAt = Math.max(at, source.indexOf(JSON.stringify(sp.root), found >= 0 ? found : searchFrom));
    searchFrom = rootAt + 1;
    const problem = (why: string): void => {
      diagnostics.push(makeDiagnostic('WX1019', [root, why], file, source, rootAt, rootAt + JSON.stringify(sp.root).length));
    };
    const clash = seen.find((o) => o === root || root.startsWith(o + '/') || o.startsWith(root + '/'));
    seen.push(root);
    if (clash) {
      problem(clash === root ? 'is listed twice' : `overlaps subpackage root "${clash}": one may not lie inside another`);
      continue;
    }
    const mainInside = mainPages.find((p) => typeof p === 'string' && p.replace(/^\/+/, '').startsWith(root + '/'));
    if (mainInside) {
      problem(`holds "${mainInside}", a page of the main package (listed in "pages")`);
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

/**
 * Reads `preloadRule`: { "<page>": { "network": "all" | "wifi", "packages": [name | root | "__APP__"] } }.
 * Unknown pages and packages are located errors; packages come back as roots.
 */
export function readPreloadRule(raw: unknown, routes: ReadonlySet<string>, subpackages: readonly Subpackage[], file: string, source: string, diagnostics: Diagnostic[]): PreloadRule[] {
  if (raw === undefined) return [];
  const ruleAt = Math.max(0, source.indexOf('"preloadRule"'));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(makeDiagnostic('WX1005', ['preloadRule', 'an object of page → { "network", "packages" }'], file, source, ruleAt));
    return [];
  }
  const out: PreloadRule[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const keyAt = Math.max(ruleAt, source.indexOf(JSON.stringify(key), ruleAt));
    const page = key.replace(/^\/+/, '').replace(/\.(js|ts|wxml)$/, '');
    if (!routes.has(page)) {
      diagnostics.push(makeDiagnostic('WX1016', [key], file, source, keyAt, keyAt + JSON.stringify(key).length));
      continue;
    }
    const rule = value as { network?: unknown; packages?: unknown } | null;
    if (!rule || typeof rule !== 'object' || !Array.isArray(rule.packages)) {
      diagnostics.push(makeDiagnostic('WX1005', [`preloadRule["${key}"]`, 'an object with a "packages" array'], file, source, keyAt));
      continue;
    }
    if (rule.network !== undefined && rule.network !== 'all' && rule.network !== 'wifi') {
      diagnostics.push(makeDiagnostic('WX1005', [`preloadRule["${key}"].network`, '"all" or "wifi"'], file, source, Math.max(keyAt, source.indexOf('"network"', keyAt))));
      continue;
    }
    const packages: string[] = [];
    let searchFrom = keyAt;
    for (const name of rule.packages as unknown[]) {
      const spelled = JSON.stringify(name);
      const nameAt = source.indexOf(spelled, searchFrom);
      if (nameAt >= 0) searchFrom = nameAt + spelled.length;
      const trimmed = typeof name === 'string' ? name.replace(/^\/+|\/+$/g, '') : '';
      const sp = subpackages.find((s) => s.name === name || s.root === trimmed);
      const resolved = name === MAIN_PACKAGE ? MAIN_PACKAGE : sp?.root;
      if (!resolved) {
        const from = nameAt >= 0 ? nameAt : keyAt;
        diagnostics.push(makeDiagnostic('WX1017', [key, typeof name === 'string' ? name : spelled], file, source, from, nameAt >= 0 ? from + spelled.length : undefined));
        continue;
      }
      if (!packages.includes(resolved)) packages.push(resolved);
    }
    out.push({ page, network: rule.network === 'all' ? 'all' : 'wifi', packages });
  }
  return out;
}
