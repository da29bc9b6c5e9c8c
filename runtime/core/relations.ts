/**
 * Component relations (parent/child/ancestor/descendant). Both sides declare the relation; it
 * links when the inner component attaches below a matching outer one in the composed tree
 * (slotted content counts as inside the component it is slotted into), and unlinks on detach.
 */
import { COMPONENT } from '../render/attrs.js';
import type { ComponentInstance } from './component.js';
import { isBehavior, type RelationSpec } from './definition.js';

/** relation key → linked instances, in link order. */
export type RelationLinks = Map<string, ComponentInstance[]>;

const REVERSE: Record<RelationSpec['type'], RelationSpec['type']> = {
  parent: 'child',
  child: 'parent',
  ancestor: 'descendant',
  descendant: 'ancestor',
};

function resolvePath(from: string, rel: string): string {
  if (rel.startsWith('/')) return rel.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg) parts.push(seg);
  }
  return parts.join('/');
}

/** Does `other` satisfy the relation `key`/`spec` declared by `owner`? */
function targets(owner: ComponentInstance, key: string, spec: RelationSpec, other: ComponentInstance): boolean {
  if (isBehavior(spec.target)) return other.hasBehavior(spec.target);
  const path = resolvePath(owner.is, typeof spec.target === 'string' ? spec.target : key);
  return other.is === path || other.is === path + '/index';
}

/** The relation `other` declares back towards `self` with the reverse type, if any. */
function reciprocal(other: ComponentInstance, self: ComponentInstance, type: RelationSpec['type']): [string, RelationSpec] | null {
  for (const [key, spec] of Object.entries(other.__def.relations)) {
    if (spec.type === REVERSE[type] && targets(other, key, spec, self)) return [key, spec];
  }
  return null;
}

function ancestorsOf(c: ComponentInstance): ComponentInstance[] {
  const out: ComponentInstance[] = [];
  for (let n = c.__host.parentElement; n; n = n.parentElement) {
    const comp = (n as any)[COMPONENT] as ComponentInstance | undefined;
    if (comp) out.push(comp);
    if (n.tagName === 'WX-PAGE') break;
  }
  return out;
}

function call(c: ComponentInstance, spec: RelationSpec, hook: 'linked' | 'unlinked' | 'linkChanged', other: ComponentInstance): void {
  const fn = spec[hook];
  if (typeof fn === 'function') c.__try(() => fn.call(c, other), `relations.${hook}`);
}

interface Link {
  outer: ComponentInstance;
  outerKey: string;
  outerSpec: RelationSpec;
  innerKey: string;
  innerSpec: RelationSpec;
}

const links = new WeakMap<ComponentInstance, Link[]>();

export function linkRelations(inner: ComponentInstance): void {
  const rels = Object.entries(inner.__def.relations);
  if (!rels.length) return;
  const ancestors = ancestorsOf(inner);
  const made: Link[] = [];
  for (const [key, spec] of rels) {
    if (spec.type !== 'parent' && spec.type !== 'ancestor') continue;
    const candidates = spec.type === 'parent' ? ancestors.slice(0, 1) : ancestors;
    for (const outer of candidates) {
      if (!targets(inner, key, spec, outer)) continue;
      const back = reciprocal(outer, inner, spec.type);
      if (!back) continue;
      const link: Link = { outer, outerKey: back[0], outerSpec: back[1], innerKey: key, innerSpec: spec };
      made.push(link);
      push(outer.__relations, back[0], inner);
      push(inner.__relations, key, outer);
      // The outer side learns of its new child first, then the child of its parent.
      call(outer, back[1], 'linked', inner);
      call(inner, spec, 'linked', outer);
      break;
    }
  }
  if (made.length) links.set(inner, made);
}

export function unlinkRelations(inner: ComponentInstance): void {
  const made = links.get(inner);
  if (!made) return;
  links.delete(inner);
  for (const link of made) {
    remove(link.outer.__relations, link.outerKey, inner);
    remove(inner.__relations, link.innerKey, link.outer);
    call(link.outer, link.outerSpec, 'unlinked', inner);
    call(inner, link.innerSpec, 'unlinked', link.outer);
  }
}

/**
 * After `inner` moved among its siblings (a keyed wx:for reorder): the outer side's list follows
 * the new tree order, and both sides hear linkChanged (after inner's `moved`, as WeChat orders it).
 */
export function relationsMoved(inner: ComponentInstance): void {
  const made = links.get(inner);
  if (!made) return;
  for (const link of made) {
    const list = link.outer.__relations.get(link.outerKey);
    if (list) list.sort((a, b) => (a.__host.compareDocumentPosition(b.__host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    call(link.outer, link.outerSpec, 'linkChanged', inner);
    call(inner, link.innerSpec, 'linkChanged', link.outer);
  }
}

function push(map: RelationLinks, key: string, c: ComponentInstance): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
}

function remove(map: RelationLinks, key: string, c: ComponentInstance): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(c);
  if (i >= 0) list.splice(i, 1);
}
