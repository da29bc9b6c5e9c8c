import type { Dep } from '../../common/template.js';
import type { DataPath } from '../core/path.js';

/**
 * What a batch of setData calls changed: root name → the changed sub-paths below it, or `null`
 * when the root itself was replaced (everything under it may differ).
 */
export type ChangeSet = Map<string, DataPath[] | null>;

export function addChange(cs: ChangeSet, path: DataPath): void {
  const root = String(path[0]);
  if (path.length === 1) {
    cs.set(root, null);
    return;
  }
  const list = cs.get(root);
  if (list === null) return;
  const rest = path.slice(1);
  if (list === undefined) cs.set(root, [rest]);
  else list.push(rest);
}

/** True when a binding reading `dep` may see a different value after `cs`. */
export function depHit(dep: Dep, cs: ChangeSet): boolean {
  const paths = cs.get(dep[0] as string);
  if (paths === undefined) return false;
  if (paths === null) return true;
  outer: for (const p of paths) {
    const n = Math.min(p.length, dep.length - 1);
    for (let i = 0; i < n; i++) {
      // A compiled dep may say 0 where setData says "0"; compare loosely.
      if (p[i] != dep[i + 1]) continue outer;
    }
    return true;
  }
  return false;
}

export function depsHit(deps: readonly Dep[], cs: ChangeSet): boolean {
  for (let i = 0; i < deps.length; i++) if (depHit(deps[i]!, cs)) return true;
  return false;
}

const rootSets = new WeakMap<readonly string[], Set<string>>();

export function rootsHit(roots: readonly string[] | undefined, cs: ChangeSet): boolean {
  if (!roots) return false;
  if (roots.length <= 8 || roots.length <= cs.size) {
    for (let i = 0; i < roots.length; i++) if (cs.has(roots[i]!)) return true;
    return false;
  }
  // A subtree reading many roots (a page of 1,000 fields) against a change of a few: look the
  // changed roots up instead of scanning all of them.
  let set = rootSets.get(roots);
  if (!set) rootSets.set(roots, (set = new Set(roots)));
  for (const k of cs.keys()) if (set.has(k)) return true;
  return false;
}

/** A change set saying that each of `roots` was replaced. */
export function allChanged(roots: Iterable<string>): ChangeSet {
  const cs: ChangeSet = new Map();
  for (const r of roots) cs.set(r, null);
  return cs;
}
