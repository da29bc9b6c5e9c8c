/**
 * wx.canIUse for components — `component[.attribute[.value]]` — against tables written in the
 * grammar of common/builtinAttributes.ts's WORKS (`name[:t][(v1|v2)]`, entries separated by
 * spaces; the type is not needed here). A table may be learnt in parts: a build ships at start
 * the components its program's code names, and the rest after the first page
 * (compiler/vite/apiTables.ts); addComponents merges.
 */
export const ATTRIBUTE_ENTRY = /(\^?)([^\s:(]+)(?::(\w))?(?:\(([^)]*)\))?/g;

/** `activeColor` and `active-color` name the same attribute. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** Tag → attribute (kebab-case) → its working values (null: not enumerated). */
export type ComponentTable = Map<string, Map<string, Set<string> | null>>;

export function addComponents(table: ComponentTable, works: Readonly<Record<string, string>>): ComponentTable {
  for (const tag in works) table.set(tag, new Map([...works[tag]!.matchAll(ATTRIBUTE_ENTRY)].map((m) => [kebab(m[2]!), m[4] ? new Set(m[4].split('|')) : null])));
  return table;
}

/** True when it works here, in full or in part; false when it does not or is unknown. */
export function canUseIn(table: ComponentTable, tag: string, attr?: string, value?: string): boolean {
  const attrs = table.get(tag);
  if (!attrs || attr === undefined) return !!attrs;
  const values = attrs.get(kebab(attr));
  if (values === undefined) return false;
  return value === undefined || !!values?.has(value);
}
