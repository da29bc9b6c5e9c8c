/**
 * How WeChat finds a custom component from a path written in a json file (usingComponents,
 * componentGenerics defaults): a resolveAlias prefix first; then `/`-absolute from the program
 * root; `./` and `../` relative to the json file; a bare path relative first, then as a package
 * in the nearest `miniprogram_npm` walking up to the root, then from the root.
 *
 * WeChat's "build npm" makes miniprogram_npm from node_modules; a program that has run
 * `npm install` but not that step is read from node_modules directly, the way the step would
 * copy it: a package's `miniprogram` folder (package.json), else its `miniprogram_dist`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyAlias, type ResolveAlias } from './alias.js';

export const SCRIPT_EXTS = ['.ts', '.js'];

/** A component is a .wxml beside a .js or .ts of the same name. */
export function isComponentBase(base: string): boolean {
  return existsSync(base + '.wxml') && SCRIPT_EXTS.some((e) => existsSync(base + e));
}

/**
 * Where `spec` ("pkg/sub/path" or "@scope/pkg/sub") lies inside a mini-program npm package of
 * `nodeModules`, or null when there is no such package or it has no mini-program folder.
 */
export function npmMiniprogramPath(nodeModules: string, spec: string): string | null {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => !p || p === '.' || p === '..')) return null;
  const pkgDir = path.join(nodeModules, ...parts.slice(0, nameLength));
  const manifest = path.join(pkgDir, 'package.json');
  if (!existsSync(manifest)) return null;
  let folder = 'miniprogram_dist';
  try {
    const field = (JSON.parse(readFileSync(manifest, 'utf8')) as { miniprogram?: unknown }).miniprogram;
    if (typeof field === 'string' && field) folder = field;
  } catch {
    return null;
  }
  const dist = path.join(pkgDir, folder);
  if (!existsSync(dist) || !statSync(dist).isDirectory()) return null;
  return path.join(dist, ...parts.slice(nameLength));
}

/**
 * A path into a `miniprogram_npm` folder that "build npm" has not made yet: the same place in the
 * mini-program folder of the package in the `node_modules` beside it, or null.
 */
export function unbuiltNpmPath(target: string): string | null {
  const marker = `${path.sep}miniprogram_npm${path.sep}`;
  const i = target.lastIndexOf(marker);
  if (i < 0) return null;
  const rest = target.slice(i + marker.length).split(path.sep).join('/');
  return npmMiniprogramPath(path.join(target.slice(0, i), 'node_modules'), rest);
}

/**
 * Resolves a component path. A package folder means its `index`. Returns the component's path
 * from the root, without extension, or null.
 */
export function resolveComponentPath(spec: string, fromDir: string, root: string, aliases?: readonly ResolveAlias[]): string | null {
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const tryBase = (base: string): string | null => {
    const stem = base.replace(/\.(js|ts|wxml|json)$/, '');
    for (const c of [stem, path.join(stem, 'index')]) {
      if (isComponentBase(c) && !path.relative(root, c).startsWith('..')) return rel(c);
    }
    const unbuilt = unbuiltNpmPath(stem);
    return unbuilt ? tryBase(unbuilt) : null;
  };
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    const aliased = applyAlias(spec, aliases);
    if (aliased !== null) return tryBase(path.join(root, aliased));
  }
  if (spec.startsWith('/')) return tryBase(path.join(root, spec));
  if (spec.startsWith('.')) return tryBase(path.resolve(fromDir, spec));
  const local = tryBase(path.resolve(fromDir, spec));
  if (local) return local;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = tryBase(path.join(dir, 'miniprogram_npm', spec));
    if (found) return found;
    const fromNodeModules = npmMiniprogramPath(path.join(dir, 'node_modules'), spec);
    const built = fromNodeModules && tryBase(fromNodeModules);
    if (built) return built;
    if (path.relative(root, dir) === '' || path.dirname(dir) === dir) break;
  }
  return tryBase(path.join(root, spec));
}
