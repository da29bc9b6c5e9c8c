/**
 * Is this valid ES module code? Babel answers, except where it runs out of stack on deeply nested
 * (but valid) code, a limit of its recursive descent and of the stack it was given, not of the
 * code: V8's own parser then decides (imports and the default export made into plain statements,
 * the rest compiled, never run).
 */
import { parse } from '@babel/parser';

export function moduleSyntaxError(code: string): string | null {
  try {
    parse(code, { sourceType: 'module' });
    return null;
  } catch (e) {
    if (!(e instanceof RangeError)) return (e as Error).message;
  }
  const script = code.replace(/^import \$\w+ from "[^"\n]*";$/gm, '').replace(/^export default /m, 'return ');
  try {
    // eslint-disable-next-line no-new-func -- compiled to check its syntax; never called
    new Function(`"use strict";${script}`);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
