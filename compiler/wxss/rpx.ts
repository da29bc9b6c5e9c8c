import type { Plugin } from 'postcss';

// A number not glued to a word before it (`icon-10rpx.png` is a name, not a length). The number
// is unambiguous (`\d+\.?\d*` could split a digit run many ways: catastrophic backtracking).
const RPX = /(?<![\w.-])(-?(?:\d+(?:\.\d*)?|\.\d+))rpx\b/g;

/** `10rpx` → `calc(10 * var(--rpx))` in every declaration value (shorthands and calc() included). */
export function convertRpx(value: string): string {
  return value.indexOf('rpx') < 0 ? value : value.replace(RPX, (_, n: string) => `calc(${n} * var(--rpx))`);
}

export const rpxPlugin = (): Plugin => ({
  postcssPlugin: 'wx2tg:rpx',
  Declaration(decl) {
    const next = convertRpx(decl.value);
    if (next !== decl.value) decl.value = next;
  },
});
