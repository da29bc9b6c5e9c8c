/**
 * Every element and attribute of the program's WXML: built-in tags with their attributes (and
 * the value, when an enumerated attribute is written literally), and tags that are neither a
 * built-in nor a custom component the program declares.
 */
import type { WxmlElement, WxmlNode } from '../wxml/ast.js';
import { parseWxml } from '../wxml/parse.js';
import { TEMPLATE_ONLY_TAGS, isBuiltinTag } from '../../common/builtins.js';
import type { Position } from './scripts.js';

export interface TagUse extends Position {
  tag: string;
}

export interface AttributeUse extends Position {
  tag: string;
  /** As written, without a `model:` prefix. */
  name: string;
  /** Written with `model:` (two-way binding). */
  model: boolean;
  /** The literal value, or null when it is bound (`{{ }}`) or absent. */
  value: string | null;
}

export interface TemplateScan {
  builtins: TagUse[];
  /** Tags that are not built-ins, not template tags and not declared custom components. */
  unknown: TagUse[];
  attributes: AttributeUse[];
}

const templateOnly = new Set(TEMPLATE_ONLY_TAGS);

/** 1-based line and column of each offset, by binary search over line starts. */
export function lineIndex(source: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** Scans one WXML file; `custom` holds the custom component tags usable in it (lower case). */
export function scanTemplate(source: string, custom: ReadonlySet<string>): TemplateScan {
  const at = lineIndex(source);
  const doc = parseWxml(source, () => {});
  const out: TemplateScan = { builtins: [], unknown: [], attributes: [] };
  const visit = (nodes: WxmlNode[]): void => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      element(n);
      visit(n.children);
    }
  };
  const element = (el: WxmlElement): void => {
    const tag = el.tag;
    if (templateOnly.has(tag) || custom.has(tag.toLowerCase())) return;
    const where = at(el.start + 1); // the tag name, after "<"
    if (!isBuiltinTag(tag)) {
      out.unknown.push({ tag, ...where });
      return;
    }
    out.builtins.push({ tag, ...where });
    for (const a of el.attrs) {
      const name = a.name.startsWith('model:') ? a.name.slice(6) : a.name;
      const value = a.value === null || a.value.includes('{{') ? null : a.value.trim();
      out.attributes.push({ tag, name, value, model: name !== a.name, ...at(a.start) });
    }
  };
  visit(doc.children);
  return out;
}
