/**
 * Small APIs with a direct Telegram or web equivalent: app show/hide, closing the Mini App,
 * background colour and text style, the keyboard, battery, base64, random values, fonts,
 * documents and the share menu (Telegram's own ⋯ menu always shares the app).
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, on, postEvent } from '../telegram/index.js';
import { setBackgroundTextStyle as setTextStyle } from '../shell/scroll.js';
import { getLaunchOptionsSync } from '../shell/start.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

type Listener = (res: Record<string, unknown>) => void;

// onAppShow / onAppHide: Telegram's visibility_changed (8.0) and the page's own visibility.
const showListeners = new Set<Listener>();
const hideListeners = new Set<Listener>();
let visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
function visibility(now: boolean): void {
  if (now === visible) return;
  visible = now;
  const res = { ...getLaunchOptionsSync() } as Record<string, unknown>;
  for (const l of now ? showListeners : hideListeners) l(res);
}
let watching = false;
function watchVisibility(): void {
  if (watching) return;
  watching = true;
  on('visibility_changed', (d: { is_visible?: boolean }) => visibility(d?.is_visible !== false));
  document.addEventListener('visibilitychange', () => visibility(document.visibilityState !== 'hidden'));
}
export function onAppShow(fn: Listener): void {
  if (typeof fn !== 'function') return;
  watchVisibility();
  showListeners.add(fn);
}
export function offAppShow(fn?: Listener): void {
  if (fn) showListeners.delete(fn);
  else showListeners.clear();
}
export function onAppHide(fn: Listener): void {
  if (typeof fn !== 'function') return;
  watchVisibility();
  hideListeners.add(fn);
}
export function offAppHide(fn?: Listener): void {
  if (fn) hideListeners.delete(fn);
  else hideListeners.clear();
}

export const exitMiniProgram = asyncApi('exitMiniProgram', () => {
  if (!postEvent('web_app_close')) throw new ApiFail(UNSUPPORTED_REASON);
  return {};
});

/** The page's background and Telegram's, so overscroll shows the same colour. */
export const setBackgroundColor = asyncApi('setBackgroundColor', (p: { backgroundColor?: string; backgroundColorTop?: string; backgroundColorBottom?: string }) => {
  const color = p.backgroundColor ?? p.backgroundColorBottom ?? p.backgroundColorTop;
  if (typeof color !== 'string' || !color) throw new ApiFail('parameter error: parameter.backgroundColor should be String');
  document.documentElement.style.setProperty('--wx-page-background', color);
  if (/^#[0-9a-f]{6}$/i.test(color)) postEvent('web_app_set_background_color', { color });
  return {};
});

export const setBackgroundTextStyle = asyncApi('setBackgroundTextStyle', (p: { textStyle?: string }) => {
  if (p.textStyle !== 'dark' && p.textStyle !== 'light') throw new ApiFail('parameter error: parameter.textStyle should be "dark" or "light"');
  setTextStyle(p.textStyle);
  return {};
});

export const hideKeyboard = asyncApi('hideKeyboard', () => {
  if (isSupported('web_app_hide_keyboard')) postEvent('web_app_hide_keyboard');
  const active = document.activeElement as HTMLElement | null;
  if (active && /^(INPUT|TEXTAREA)$/.test(active.tagName)) active.blur();
  return {};
});

// Keyboard height: what the visual viewport loses at the bottom while an input has focus.
const keyboardListeners = new Set<Listener>();
let lastKeyboard = 0;
function keyboardHeight(): void {
  const vv = window.visualViewport;
  if (!vv) return;
  const h = Math.max(0, Math.round(window.innerHeight - vv.height - vv.offsetTop));
  if (h === lastKeyboard) return;
  lastKeyboard = h;
  for (const l of keyboardListeners) l({ height: h });
}
export function onKeyboardHeightChange(fn: Listener): void {
  if (typeof fn !== 'function') return;
  if (!keyboardListeners.size) window.visualViewport?.addEventListener('resize', keyboardHeight);
  keyboardListeners.add(fn);
}
export function offKeyboardHeightChange(fn?: Listener): void {
  if (fn) keyboardListeners.delete(fn);
  else keyboardListeners.clear();
  if (!keyboardListeners.size) window.visualViewport?.removeEventListener('resize', keyboardHeight);
}

export const getBatteryInfo = asyncApi('getBatteryInfo', async () => {
  const nav = navigator as { getBattery?: () => Promise<{ level: number; charging: boolean }> };
  if (typeof nav.getBattery !== 'function') throw new ApiFail(UNSUPPORTED_REASON);
  const b = await nav.getBattery();
  return { level: Math.round(b.level * 100), isCharging: b.charging, isLowPowerMode: false };
});

export function arrayBufferToBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToArrayBuffer(b64: string): ArrayBuffer {
  const bin = atob(String(b64).replace(/[^A-Za-z0-9+/=]/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

export const getRandomValues = asyncApi('getRandomValues', (p: { length?: number }) => {
  const n = Math.floor(p.length ?? 0);
  if (!(n > 0 && n <= 65536)) throw new ApiFail('parameter error: parameter.length should be between 1 and 65536');
  return { randomValues: crypto.getRandomValues(new Uint8Array(n)).buffer };
});

/** onMemoryWarning: browsers give no such signal; the listener is kept and never called. */
const memoryListeners = new Set<Listener>();
export function onMemoryWarning(fn: Listener): void {
  if (typeof fn === 'function') memoryListeners.add(fn);
}
export function offMemoryWarning(fn?: Listener): void {
  if (fn) memoryListeners.delete(fn);
  else memoryListeners.clear();
}

/** wx.loadFontFace through the CSS Font Loading API. */
export const loadFontFace = asyncApi('loadFontFace', async (p: { family?: string; source?: string; desc?: Record<string, string>; global?: boolean }) => {
  if (!p.family || !p.source) throw new ApiFail('parameter error: family and source are required');
  const m = /url\(\s*["']?([^"')]+)["']?\s*\)/.exec(p.source);
  const src = m ? m[1]! : p.source;
  const url = src.startsWith('/') && !src.startsWith('//') ? new URL('.' + src, document.baseURI.split('#')[0]).href : src;
  const face = new FontFace(p.family, `url("${url.replace(/"/g, '%22')}")`, p.desc as FontFaceDescriptors);
  try {
    await face.load();
  } catch {
    throw new ApiFail(`load font ${p.family} failed`);
  }
  document.fonts.add(face);
  return { status: 'loaded' };
});

/** Opens a document: Telegram's browser for https files, a new tab for others. */
export const openDocument = asyncApi('openDocument', (p: { filePath?: string }) => {
  const path = p.filePath;
  if (typeof path !== 'string' || !path) throw new ApiFail('parameter error: parameter.filePath should be String');
  if (/^https:\/\//i.test(path) && postEvent('web_app_open_link', { url: path })) return {};
  window.open(path, '_blank', 'noopener');
  return {};
});

/** Telegram's ⋯ menu always offers to share the Mini App; there is nothing to switch. */
export const showShareMenu = asyncApi('showShareMenu', () => ({}));
export const hideShareMenu = asyncApi('hideShareMenu', () => ({}));
export const updateShareMenu = asyncApi('updateShareMenu', () => ({}));
