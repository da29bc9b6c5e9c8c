import type { Plugin } from 'postcss';

/**
 * `@media (prefers-color-scheme: dark)` follows the browser's preference, but inside Telegram
 * the scheme that counts is the client's theme. Such rules become rules under `html.wx-dark`
 * (or `html:not(.wx-dark)` for light), which the runtime toggles with Telegram's theme.
 */
const QUERY = /\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/i;

function prefixSelector(selector: string, prefix: string): string {
  return selector
    .split(',')
    .map((s) => {
      const t = s.trim();
      if (/^(html|:root)\b/.test(t)) return t.replace(/^(html|:root)/, prefix);
      return `${prefix} ${t}`;
    })
    .join(', ');
}

export const darkmodePlugin = (): Plugin => ({
  postcssPlugin: 'wx2tg:darkmode',
  OnceExit(root) {
    root.walkAtRules('media', (rule) => {
      const m = QUERY.exec(rule.params);
      if (!m) return;
      const prefix = m[1]!.toLowerCase() === 'dark' ? 'html.wx-dark' : 'html:not(.wx-dark)';
      rule.walkRules((r) => {
        if (r.parent?.type === 'atrule' && /keyframes$/i.test((r.parent as unknown as { name: string }).name)) return;
        r.selector = prefixSelector(r.selector, prefix);
      });
      const rest = rule.params.replace(QUERY, '').replace(/^\s*and\s+|\s+and\s*$/gi, '').trim();
      if (rest) rule.params = rest;
      else rule.replaceWith(rule.nodes ?? []);
    });
  },
});
