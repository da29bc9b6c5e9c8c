/**
 * What sharing needs to know from start-up: app.json's `"telegram": {"bot", "app"}` and the
 * current page. Sharing itself (sharing.ts) loads with the first share.
 */

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
