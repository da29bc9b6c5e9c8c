import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { AppJson } from './index.js';

/** theme.json: per scheme, variable name → value (app.json values spelled `@name` read it). */
export type ThemeJson = { light?: Record<string, string>; dark?: Record<string, string> };

/** The files an icon value names: itself, or for `@name` the value of each scheme in theme.json. */
export function iconFiles(icon: string, theme: ThemeJson | null): { file: string; scheme?: 'light' | 'dark' }[] {
  if (!icon.startsWith('@')) return [{ file: icon }];
  const name = icon.slice(1);
  const out: { file: string; scheme?: 'light' | 'dark' }[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const value = theme?.[scheme]?.[name];
    if (typeof value === 'string' && value) out.push({ file: value, scheme });
  }
  return out;
}

/**
 * tabBar: 2 to 5 items, each a page of the main package, with icons that exist (a `@name`
 * icon is looked up in theme.json, and the file of each scheme must exist).
 */
export function checkTabBar(app: AppJson, theme: ThemeJson | null, file: string, source: string, root: string, diagnostics: Diagnostic[]): void {
  const tabBar = app.tabBar as { list?: unknown; custom?: boolean } | undefined;
  if (!tabBar) return;
  const tabAt = Math.max(0, source.indexOf('"tabBar"'));
  const at = (needle: string, from = tabAt): number => Math.max(0, source.indexOf(needle, from));
  if (!Array.isArray(tabBar.list) || tabBar.list.length < 2 || tabBar.list.length > 5) {
    diagnostics.push(makeDiagnostic('WX1005', ['tabBar.list', 'a list of 2 to 5 items'], file, source, tabAt));
    return;
  }
  let itemAt = tabAt;
  for (const item of tabBar.list as Record<string, unknown>[]) {
    const page = typeof item?.pagePath === 'string' ? item.pagePath.replace(/^\/+/, '') : '';
    itemAt = at(JSON.stringify(item?.pagePath ?? '"pagePath"'), itemAt);
    if (!page || !app.pages.includes(page)) {
      diagnostics.push(makeDiagnostic('WX1011', [String(item?.pagePath ?? '')], file, source, itemAt));
    }
    for (const key of ['iconPath', 'selectedIconPath']) {
      const icon = item?.[key];
      if (typeof icon !== 'string' || !icon) continue;
      const files = iconFiles(icon, theme);
      const missing = files.length ? files.filter((f) => !existsSync(path.join(root, f.file))) : [{ file: icon, scheme: undefined }];
      for (const f of missing) {
        const what = f.scheme ? `${key} ${icon} (${f.scheme}, from theme.json)` : key;
        diagnostics.push(makeDiagnostic('WX1012', [what, f.file], file, source, at(JSON.stringify(icon), itemAt)));
      }
    }
  }
}
