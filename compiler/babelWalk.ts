import type * as B from '@babel/types';

/** Visits every node of a Babel AST (pre-order), skipping location and comment fields. */
export function walkAst(node: unknown, visit: (n: B.Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walkAst(n, visit);
    return;
  }
  const n = node as B.Node;
  if (typeof n.type !== 'string') return;
  visit(n);
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    walkAst((n as unknown as Record<string, unknown>)[key], visit);
  }
}
