/**
 * The one catalog of compiler diagnostics. Codes are stable: tools and users match on them, and
 * warnings are silenced by code. One sentence each; `{0}`-style holes are filled by the reporter.
 */
export type Severity = 'error' | 'warning';

interface CatalogEntry {
  severity: Severity;
  message: string;
}

export const ERRORS = {
  // project (WX1xxx)
  WX1001: { severity: 'error', message: 'No app.json found in {0}: this is not a mini-program folder.' },
  WX1002: { severity: 'error', message: 'Invalid JSON: {0}.' },
  WX1003: { severity: 'error', message: 'app.json must list at least one page in "pages".' },
  WX1004: { severity: 'error', message: 'Page "{0}" is listed in app.json but {1} does not exist.' },
  WX1005: { severity: 'error', message: '"{0}" must be {1}.' },
  WX1006: { severity: 'error', message: 'miniprogramRoot "{0}" from project.config.json does not exist.' },
  WX1007: { severity: 'error', message: 'Page "{0}" is listed in app.json but has no script ({0}.js or {0}.ts).' },
  WX1008: { severity: 'error', message: 'Cannot find component "{0}" (used as <{1}>): no .wxml and .js/.ts there, nor in miniprogram_npm.' },
  WX1009: { severity: 'error', message: 'Plugin component {0}: mini-program plugins are not supported on Telegram.' },
  WX1010: { severity: 'error', message: 'Component "{0}" comes from WeChat\'s built-in weui extended library (useExtendedLib), which is not available outside WeChat: add weui-miniprogram to miniprogram_npm (npm install weui-miniprogram, then copy its miniprogram_dist there as WeChat\'s "build npm" does).' },
  WX1011: { severity: 'error', message: 'tabBar item "{0}" must be one of the pages of the main package listed in "pages".' },
  WX1012: { severity: 'error', message: 'tabBar {0} "{1}" does not exist.' },
  WX1013: { severity: 'error', message: 'themeLocation "{0}" does not exist.' },
  WX1014: { severity: 'error', message: 'tabBar.custom is true but custom-tab-bar/index (.wxml and .js/.ts) does not exist.' },
  WX1015: { severity: 'error', message: 'resolveAlias "{0}": "{1}" {2}.' },
  WX1016: { severity: 'error', message: 'preloadRule names "{0}", which is not a page of the program.' },
  WX1017: { severity: 'error', message: 'preloadRule of "{0}" lists "{1}", which is neither the name or root of a subpackage nor "__APP__" (the main package).' },
  WX1018: { severity: 'error', message: '{0} in independent subpackage "{1}" cannot use {2} outside its root: an independent subpackage runs without the main package and other subpackages.' },
  WX1019: { severity: 'error', message: 'Subpackage root "{0}" {1}.' },
  // WXML (WX2xxx)
  WX2001: { severity: 'error', message: 'Unclosed tag <{0}>.' },
  WX2002: { severity: 'error', message: 'Closing tag </{0}> has no matching opening tag.' },
  WX2003: { severity: 'error', message: 'Unterminated {{ }} binding.' },
  WX2004: { severity: 'error', message: 'Invalid expression: {0}.' },
  WX2005: { severity: 'error', message: '{0} is not allowed in WXML expressions.' },
  WX2006: { severity: 'error', message: 'wx:{0} has no matching wx:if before it.' },
  WX2007: { severity: 'error', message: 'Unterminated comment.' },
  WX2008: { severity: 'error', message: 'Malformed attribute.' },
  WX2009: { severity: 'warning', message: 'wx:for has no wx:key; rows are matched by position.' },
  WX2010: { severity: 'error', message: '<{0}> needs a "{1}" attribute.' },
  WX2011: { severity: 'error', message: 'Cannot find {0}.' },
  WX2012: { severity: 'warning', message: 'Unknown tag <{0}>: it renders as <wx-{0}> with no behaviour.' },
  WX2013: { severity: 'error', message: '{0} needs a single data path such as "{{field}}" or "{{form.field}}" to write back to.' },
  WX2014: { severity: 'error', message: '{0} needs a wxs function binding such as "{{module.fn}}".' },
  WX2015: { severity: 'warning', message: 'Unknown attribute "{0}" on <{1}>: it has no effect.' },
  WX2016: { severity: 'error', message: '{0} must name a component of usingComponents literally (no {{ }}).' },
  WX2017: { severity: 'error', message: 'Elements nest more than {0} levels deep; what lies deeper is left out.' },
  WX2018: { severity: 'error', message: '<include> cycle: {0}.' },
  WX2019: { severity: 'error', message: 'Includes expand to more than {0} copies of included files; the rest are left out.' },
  WX2020: { severity: 'warning', message: 'Attribute "{0}" on <{1}> is an HTML event handler, which WeChat never runs: it is dropped (bind handlers with bind:/catch:).' },
  // WXSS (WX3xxx)
  WX3001: { severity: 'error', message: 'CSS syntax error: {0}.' },
  WX3002: { severity: 'error', message: 'Cannot find imported style {0}.' },
  WX3003: { severity: 'error', message: 'Import cycle: {0}.' },
  // scripts (WX4xxx)
  WX4001: { severity: 'error', message: 'Cannot find module {0}.' },
  WX4002: { severity: 'error', message: 'Script syntax error: {0}.' },
  // WXS (WX5xxx)
  WX5001: { severity: 'error', message: 'WXS syntax error: {0}.' },
  WX5002: { severity: 'error', message: 'Cannot find wxs module {0}.' },
  // CLI (WX9xxx)
  WX9001: { severity: 'error', message: 'Build failed: {0}.' },
} satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERRORS;

export function formatMessage(code: ErrorCode, args: readonly string[]): string {
  return ERRORS[code].message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}
