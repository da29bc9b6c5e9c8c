import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { AppJson } from './index.js';

/** tabBar: 2 to 5 items, each a page of the main package, with icons that exist. */
export function checkTabBar(app: AppJson, file: string, source: string, root: string, diagnostics: Diagnostic[]): void {
  const tabBar = app.tabBar as { list?: unknown; custom?: boolean } | undefined;
  if (!tabBar) return;
  const at = (needle: string): number => Math.max(0, source.indexOf(needle));
  if (!Array.isArray(tabBar.list) || tabBar.list.length < 2 || tabBar.list.length > 5) {
    diagnostics.push(makeDiagnostic('WX1005', ['tabBar.list', 'a list of 2 to 5 items'], file, source, at('"tabBar"')));
    return;
  }
  for (const item of tabBar.list as Record<string, unknown>[]) {
    const page = typeof item?.pagePath === 'string' ? item.pagePath.replace(/^\/+/, '') : '';
    if (!page || !app.pages.includes(page)) {
      diagnostics.push(makeDiagnostic('WX1011', [String(item?.pagePath ?? '')], file, source, at(JSON.stringify(item?.pagePath ?? '"pagePath"'))));
    }
    for (const key of ['iconPath', 'selectedIconPath']) {
      const icon = item?.[key];
      if (typeof icon === 'string' && icon && !existsSync(path.join(root, icon))) {
        diagnostics.push(makeDiagnostic('WX1012', [key, icon], file, source, at(JSON.stringify(icon))));
      }
    }
  }
}
