/**
 * Safe areas and fullscreen (Telegram 8.0+). Telegram reports the device's safe area (notch,
 * home indicator) and, in fullscreen, the content safe area its own controls cover at the top.
 * They become CSS variables — Telegram's own names (`--tg-safe-area-inset-*`,
 * `--tg-content-safe-area-inset-*`) for pages that want them — and the shell's layout: the
 * navigation bar starts below the status bar and, in fullscreen, takes the height of Telegram's
 * control band (where WeChat's capsule would be); the tab bar clears the home indicator.
 * app.json `"telegram": {"fullscreen": true}` asks for fullscreen at launch.
 */
import { isSupported, launchParams, on, postEvent } from '../telegram/index.js';

export interface Insets {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const SIDES = ['top', 'bottom', 'left', 'right'] as const;
const ZERO: Insets = { top: 0, bottom: 0, left: 0, right: 0 };
/** WeChat's navigation bar row (and ours outside fullscreen). */
export const NAV_ROW_HEIGHT = 44;

let safe: Insets = ZERO;
let content: Insets = ZERO;
let fullscreen = false;
const listeners = new Set<() => void>();

function insets(d: unknown): Insets {
  const o = (d ?? {}) as Record<string, unknown>;
  const n = (k: string): number => (typeof o[k] === 'number' && Number.isFinite(o[k]) && (o[k] as number) > 0 ? (o[k] as number) : 0);
  return { top: n('top'), bottom: n('bottom'), left: n('left'), right: n('right') };
}

/** The insets now: device safe area, Telegram's content safe area, fullscreen or not. */
export function safeAreaState(): { safe: Insets; content: Insets; fullscreen: boolean } {
  return { safe, content, fullscreen };
}

/** The navigation bar's row height: Telegram's control band in fullscreen, else 44px. */
export function navRowHeight(): number {
  return fullscreen && content.top > 0 ? content.top : NAV_ROW_HEIGHT;
}

export function onSafeAreaChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function apply(): void {
  const style = document.documentElement.style;
  for (const side of SIDES) {
    style.setProperty(`--tg-safe-area-inset-${side}`, `${safe[side]}px`);
    style.setProperty(`--tg-content-safe-area-inset-${side}`, `${content[side]}px`);
  }
  style.setProperty('--wx-status-bar-height', `${safe.top}px`);
  style.setProperty('--wx-nav-height', `${navRowHeight()}px`);
  document.documentElement.classList.toggle('wx-fullscreen', fullscreen);
  for (const l of listeners) l();
}

export function initSafeArea(config: { telegram?: { fullscreen?: boolean } }): void {
  fullscreen = launchParams().fullscreen === true;
  on('safe_area_changed', (d: unknown) => {
    safe = insets(d);
    apply();
  });
  on('content_safe_area_changed', (d: unknown) => {
    content = insets(d);
    apply();
  });
  on('fullscreen_changed', (d: { is_fullscreen?: boolean }) => {
    fullscreen = !!d?.is_fullscreen;
    apply();
    // The insets change with the mode: ask again.
    postEvent('web_app_request_safe_area');
    postEvent('web_app_request_content_safe_area');
  });
  on('fullscreen_failed', (d: { error?: string }) => {
    if (d?.error !== 'ALREADY_FULLSCREEN') console.warn(`[wx2tg] Telegram could not go fullscreen: ${d?.error ?? 'unknown error'}`);
  });
  apply();
  postEvent('web_app_request_safe_area');
  postEvent('web_app_request_content_safe_area');
  if (config.telegram?.fullscreen && !fullscreen) {
    if (isSupported('web_app_request_fullscreen')) postEvent('web_app_request_fullscreen');
    else console.warn('[wx2tg] app.json asks for fullscreen; this Telegram client (before 8.0) cannot');
  }
}
