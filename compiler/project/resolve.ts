/**
 * How WeChat finds a custom component from a path written in a json file (usingComponents,
 * componentGenerics defaults): a resolveAlias prefix first; then `/`-absolute from the program
 * root; `./` and `../` relative to the json file; a bare path relative first, then as a package
 * in the nearest `miniprogram_npm` walking up to the root, then from the root.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { applyAlias, type ResolveAlias } from './alias.js';

export const SCRIPT_EXTS = ['.ts', '.js'];

/** A component is a .wxml beside a .js or .ts of the same name. */
export function isComponentBase(base: string): boolean {
  return existsSync(base + '.wxml') && SCRIPT_EXTS.some((e) => existsSync(base + e));
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
    return null;
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
    if (path.relative(root, dir) === '' || path.dirname(dir) === dir) break;
  }
  return tryBase(path.join(root, spec));
}
