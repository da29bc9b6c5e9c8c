import type { Plugin } from 'postcss';

// A number not glued to a word before it (`icon-10rpx.png` is a name, not a length). The number
// is unambiguous (`\d+\.?\d*` could split a digit run many ways: catastrophic backtracking).
const RPX = /(?<![\w.-])(-?(?:\d+(?:\.\d*)?|\.\d+))rpx\b/g;

// Quoted strings and url(…) are left as they are: `url(/img/32rpx.png)` is a file name, and
// brackets put into an unquoted url() would end it early.
const VERBATIM = /"(?:[^"\\]|\\[^])*"?|'(?:[^'\\]|\\[^])*'?|\burl\(\s*(?:"(?:[^"\\]|\\[^])*"?|'(?:[^'\\]|\\[^])*'?|[^)]*)\s*\)?/gi;

/** `10rpx` → `calc(10 * var(--rpx))` in every declaration value (shorthands and calc() included). */
export function convertRpx(value: string): string {
  if (value.indexOf('rpx') < 0) return value;
  let out = '';
  let pos = 0;
  for (const m of value.matchAll(VERBATIM)) {
    out += value.slice(pos, m.index).replace(RPX, (_, n: string) => `calc(${n} * var(--rpx))`) + m[0];
    pos = m.index + m[0].length;
  }
  return out + value.slice(pos).replace(RPX, (_, n: string) => `calc(${n} * var(--rpx))`);
}

// One pass over the declarations: a Declaration visitor runs again on every value it changed,
// and a converted value can expose a new match (`…rpx-.5rpx` once its first part is calc()),
// which made a long value take one pass per number.
export const rpxPlugin = (): Plugin => ({
  postcssPlugin: 'wx2tg:rpx',
  Once(root) {
    root.walkDecls((decl) => {
      const next = convertRpx(decl.value);
      if (next !== decl.value) decl.value = next;
    });
  },
});
