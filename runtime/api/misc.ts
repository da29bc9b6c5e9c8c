/**
 * Small synchronous APIs and listeners: app show/hide (Telegram's visibility), the keyboard's
 * height, base64 helpers, onMemoryWarning. Their asynchronous siblings are in miscAsync.ts.
 */
import { on } from '../telegram/index.js';
import { getLaunchOptionsSync } from '../shell/start.js';

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

/** onMemoryWarning: browsers give no such signal; the listener is kept and never called. */
const memoryListeners = new Set<Listener>();
export function onMemoryWarning(fn: Listener): void {
  if (typeof fn === 'function') memoryListeners.add(fn);
}
export function offMemoryWarning(fn?: Listener): void {
  if (fn) memoryListeners.delete(fn);
  else memoryListeners.clear();
}

/** wx.getAccountInfoSync: a Telegram Mini App has no WeChat appId or version to report. */
export function getAccountInfoSync(): Record<string, unknown> {
  return { miniProgram: { appId: '', envVersion: 'release', version: '' }, plugin: {} };
}
