import type * as B from '@babel/types';

/**
 * Depth of a Babel syntax tree, walked with an explicit stack: the tree may be deeper than the
 * JS stack allows a recursive walk to go (Babel parses `a.b.c…` and `a+b+…` chains in loops, so it
 * can build trees that our own recursive passes, and those of tools after us, cannot visit).
 * Stops counting once `limit` is passed.
 */
export function syntaxDepth(root: B.Node, limit: number): number {
  let max = 0;
  const stack: [B.Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const key of Object.keys(node) as (keyof B.Node)[]) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const v = node[key] as unknown;
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof (c as B.Node).type === 'string') stack.push([c as B.Node, depth + 1]);
      } else if (v && typeof (v as B.Node).type === 'string') stack.push([v as B.Node, depth + 1]);
    }
  }
  return max;
}
