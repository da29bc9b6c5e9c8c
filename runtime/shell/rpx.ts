/**
 * rpx: 750rpx is the page width. Stylesheets compile `10rpx` to `calc(10 * var(--rpx))`; inline
 * styles go through the same rule at run time, so both always agree. The shell sets --rpx.
 */
// A number starts only after a non-word character, so a long run of digits is tried once
// (the old pattern backtracked for seconds on '1'.repeat(3000) + 'px').
const RPX = /(?<![\w.-])(-?(?:\d+(?:\.\d*)?|\.\d+))rpx\b/g;

export function convertRpxInStyle(style: string): string {
  if (style.indexOf('rpx') < 0) return style;
  return style.replace(RPX, (_, n: string) => `calc(${n} * var(--rpx))`);
}

/** Widest layout width in CSS px: on desktop windows the page is centred at this width. */
export const MAX_PAGE_WIDTH = 600;

/** The page width and the value of one rpx for a window width. */
export function rpxFor(windowWidth: number): { pageWidth: number; rpx: number } {
  const pageWidth = Math.min(windowWidth, MAX_PAGE_WIDTH);
  return { pageWidth, rpx: pageWidth / 750 };
}
