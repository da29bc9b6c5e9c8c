/**
 * Telegram's theme drives the program's. Telegram's colours are CSS variables
 * (`--tg-theme-bg-color`, …, as Telegram's own script names them) for pages that want them, and
 * its light/dark scheme is WeChat's darkmode: for a program whose app.json says `"darkmode": true`,
 * `@name` values in app.json/page json come from theme.json, `@media (prefers-color-scheme: dark)`
 * styles apply (the compiler turns them into `html.wx-dark` rules), and App.onThemeChange /
 * wx.onThemeChange hear every switch. Without darkmode the program stays light, as in WeChat.
 */
import { on } from '../telegram/index.js';
import { callAppHook } from '../core/app.js';

export type Scheme = 'light' | 'dark';
type ThemeJson = { light?: Record<string, string>; dark?: Record<string, string> };

let darkmode = false;
let themeJson: ThemeJson = {};
let scheme: Scheme = 'light';
const listeners = new Set<(res: { theme: Scheme }) => void>();
const changeHooks = new Set<() => void>();

function luminanceScheme(bg: string | undefined): Scheme | null {
  const m = bg && /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg);
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128 ? 'dark' : 'light';
}

function applyTelegramVars(params: Record<string, string>): void {
  const root = document.documentElement.style;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') root.setProperty(`--tg-theme-${key.replace(/_/g, '-')}`, value);
  }
}

/** The scheme the program sees (always light without darkmode). */
export function currentScheme(): Scheme {
  return darkmode ? scheme : 'light';
}

/** The scheme of the Telegram client itself, whatever the program declared. */
export function clientScheme(): Scheme {
  return scheme;
}

/** `@name` → theme.json's value for the current scheme; anything else unchanged. */
export function themed<T>(value: T): T {
  if (typeof value !== 'string' || !value.startsWith('@')) return value;
  const table = themeJson[currentScheme()] ?? {};
  const hit = table[value.slice(1)];
  return (hit ?? value) as T;
}

/** Runs after every scheme change (the shell re-applies its chrome). */
export function onSchemeChange(hook: () => void): void {
  changeHooks.add(hook);
}

export function onThemeChange(listener: (res: { theme: Scheme }) => void): void {
  listeners.add(listener);
}

export function offThemeChange(listener?: (res: { theme: Scheme }) => void): void {
  if (listener) listeners.delete(listener);
  else listeners.clear();
}

export function initTheme(config: { darkmode?: boolean; __theme?: ThemeJson }, themeParams: Record<string, string>): void {
  darkmode = config.darkmode === true;
  themeJson = config.__theme ?? {};
  scheme = luminanceScheme(themeParams.bg_color) ?? (matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  applyTelegramVars(themeParams);
  document.documentElement.classList.toggle('wx-dark', currentScheme() === 'dark');
  document.documentElement.style.colorScheme = currentScheme();
  on('theme_changed', (data: { theme_params?: Record<string, string> }) => {
    const params = data?.theme_params ?? {};
    applyTelegramVars(params);
    const next = luminanceScheme(params.bg_color);
    if (!next || next === scheme) return;
    scheme = next;
    if (!darkmode) return;
    document.documentElement.classList.toggle('wx-dark', scheme === 'dark');
    document.documentElement.style.colorScheme = scheme;
    for (const hook of changeHooks) hook();
    callAppHook('onThemeChange', { theme: scheme });
    for (const l of [...listeners]) {
      try {
        l({ theme: scheme });
      } catch (err) {
        console.error('[wx2tg] an onThemeChange listener threw', err);
      }
    }
  });
}
