import type { Plugin, Rule } from 'postcss';
import { domTagName, isBuiltinTag } from '../../common/builtins.js';

// A bare tag name at the start of a compound selector: after start, whitespace, a combinator,
// a comma or an opening parenthesis (`:not(view)`), and followed by the end of the compound.
const TAG = /(^|[\s>+~,(])([a-zA-Z][a-zA-Z0-9-]*)(?=$|[\s.#:[>+~,)])/g;

/** Rewrites built-in tag selectors to the elements they render as: `view .a` → `wx-view .a`. */
export function rewriteTagSelectors(selector: string): string {
  return selector.replace(TAG, (m, before: string, tag: string) => {
    const lower = tag.toLowerCase();
    return isBuiltinTag(lower) ? before + domTagName(lower) : m;
  });
}

function insideKeyframes(rule: Rule): boolean {
  for (let p: { type: string; parent?: unknown } | undefined = rule.parent; p; p = p.parent as typeof p) {
    if (p.type === 'atrule' && /keyframes$/i.test((p as unknown as { name: string }).name)) return true;
  }
  return false;
}

export const tagSelectorsPlugin = (): Plugin => ({
  postcssPlugin: 'wx2tg:tag-selectors',
  Rule(rule) {
    if (insideKeyframes(rule)) return;
    const next = rewriteTagSelectors(rule.selector);
    if (next !== rule.selector) rule.selector = next;
  },
});
