/**
 * The asynchronous small APIs (closing the Mini App, background colour and text style, the
 * keyboard, battery, random values, fonts, documents, the share menu): loaded on first call
 * (runtime/api/lazy.ts), so the first download does not carry them.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, postEvent } from '../telegram/index.js';
import { setBackgroundTextStyle as setTextStyle } from '../shell/scroll.js';
import { postColor } from '../shell/page-frame.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

export const exitMiniProgram = asyncApi('exitMiniProgram', () => {
  if (!postEvent('web_app_close')) throw new ApiFail(UNSUPPORTED_REASON);
  return {};
});

/** The page's background and Telegram's, so overscroll shows the same colour. */
export const setBackgroundColor = asyncApi('setBackgroundColor', (p: { backgroundColor?: string; backgroundColorTop?: string; backgroundColorBottom?: string }) => {
  const color = p.backgroundColor ?? p.backgroundColorBottom ?? p.backgroundColorTop;
  if (typeof color !== 'string' || !color) throw new ApiFail('parameter error: parameter.backgroundColor should be String');
  document.documentElement.style.setProperty('--wx-page-background', color);
  if (/^#[0-9a-f]{6}$/i.test(color)) postColor('web_app_set_background_color', color.toLowerCase());
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

export const getBatteryInfo = asyncApi('getBatteryInfo', async () => {
  const nav = navigator as { getBattery?: () => Promise<{ level: number; charging: boolean }> };
  if (typeof nav.getBattery !== 'function') throw new ApiFail(UNSUPPORTED_REASON);
  const b = await nav.getBattery();
  return { level: Math.round(b.level * 100), isCharging: b.charging, isLowPowerMode: false };
});

export const getRandomValues = asyncApi('getRandomValues', (p: { length?: number }) => {
  const n = Math.floor(p.length ?? 0);
  if (!(n > 0 && n <= 65536)) throw new ApiFail('parameter error: parameter.length should be between 1 and 65536');
  return { randomValues: crypto.getRandomValues(new Uint8Array(n)).buffer };
});

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
