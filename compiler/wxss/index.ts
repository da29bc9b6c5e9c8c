/**
 * WXSS → CSS, one postcss plugin per concern:
 *   @import inlining → rpx → built-in tag selectors (`view` → `wx-view`, `page` → `wx-page`)
 *   → scope (page-local selectors, component class prefixes; see scope.ts)
 *   → darkmode (`prefers-color-scheme` media follow Telegram's theme, not the browser's).
 */
import postcss from 'postcss';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import { inlineImports, offsetOf } from './importWxss.js';
import { rpxPlugin } from './rpx.js';
import { tagSelectorsPlugin } from './tagSelectors.js';
import { scopePlugin, type StyleScope } from './scope.js';
import { darkmodePlugin } from './darkmode.js';

export { componentPrefix, type StyleScope } from './scope.js';

export interface WxssResult {
  css: string;
  diagnostics: Diagnostic[];
}

/** WeChat accepts `@import "x.wxss"` without the semicolon at the end of its line; CSS does not. */
export function terminateImports(source: string): string {
  // Leading blanks are matched within the line only: `^\s*` would run across line breaks from
  // every line start, which is quadratic on a file with many blank lines.
  return source.replace(/^([ \t]*@import\s+(?:url\([^)\n]*\)|(['"])[^'"\n]*\2))[ \t]*(?=\r?\n|$)/gm, '$1;');
}

export function compileWxss(source: string, file: string, programRoot: string, scope: StyleScope = { kind: 'app' }): WxssResult {
  const diagnostics: Diagnostic[] = [];
  source = terminateImports(source);
  let root;
  try {
    root = postcss.parse(source, { from: file });
  } catch (e) {
    const err = e as { reason?: string; line?: number; column?: number; message: string };
    diagnostics.push(makeDiagnostic('WX3001', [err.reason ?? err.message], file, source, offsetOf(source, err.line, err.column)));
    return { css: '', diagnostics };
  }
  inlineImports(root, file, programRoot, diagnostics);
  const result = postcss([rpxPlugin(), tagSelectorsPlugin(), scopePlugin(scope), darkmodePlugin()]).process(root, { from: file });
  const css = result.css;
  // postcss reads some broken CSS (an unclosed url( swallowing braces, say) without complaint
  // and writes it back as text that no longer parses; the bundler would then fail on it with no
  // location in the user's file. Check that the output parses, and report it here if not.
  try {
    postcss.parse(css);
  } catch (e) {
    const err = e as { reason?: string; line?: number; column?: number; message: string };
    const at = Math.min(source.length, offsetOf(source, err.line, err.column) ?? 0);
    diagnostics.push(makeDiagnostic('WX3001', [err.reason ?? err.message], file, source, at));
    return { css: '', diagnostics };
  }
  return { css, diagnostics };
}
