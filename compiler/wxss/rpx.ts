import type { Plugin } from 'postcss';

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

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
