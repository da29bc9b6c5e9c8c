/**
 * What sharing needs to know from start-up: app.json's `"telegram": {"bot", "app"}` and the
 * current page; the t.me link to a page. Sharing itself (sharing.ts) loads with the first share.
 */
import { startAppLink } from '../../common/links.js';

export interface TelegramAppConfig {
  bot?: string;
  app?: string;
}

export let shareConfig: TelegramAppConfig = {};
export let currentPage: () => { route: string; options?: Record<string, string>; __hook(name: string, ...a: unknown[]): unknown } | undefined = () => undefined;

export function configureShare(c: TelegramAppConfig | undefined, current: typeof currentPage): void {
  shareConfig = c ?? {};
  currentPage = current;
}

/** The t.me link to a page of this program, or null when app.json names no bot. */
export function pageLink(path: string): string | null {
  if (!shareConfig.bot) return null;
  return startAppLink({ bot: shareConfig.bot, app: shareConfig.app, path });
}
