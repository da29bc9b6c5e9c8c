/**
 * Clipboard, vibration and image preview.
 *  - setClipboardData writes through the browser's clipboard (then WeChat's "copied" toast);
 *    getClipboardData reads through Telegram (web_app_read_text_from_clipboard, which Telegram
 *    answers only for some launches) and else the browser, failing when neither may read.
 *  - vibrateShort / vibrateLong are Telegram haptics (impact light/medium/heavy; a warning
 *    notification for the long one), or the browser's vibrate; fail when there is neither.
 *  - previewImage shows the pictures full screen: tap the sides to move, the middle to close.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, postEvent, request } from '../telegram/index.js';
import { appUrl } from '../shell/assets.js';

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    /* fall back below: some WebViews refuse the async clipboard */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.cssText = 'position:fixed;opacity:0;top:0;left:0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new ApiFail('the clipboard cannot be written here');
}

export const setClipboardData = asyncApi('setClipboardData', async (p: { data?: unknown }) => {
  if (typeof p.data !== 'string') throw new ApiFail('parameter error: parameter.data should be String');
  await writeClipboard(p.data);
  void import('./feedback.js').then((m) => m.showToast({ title: 'Copied', icon: 'none', duration: 1500 }));
  return {};
});

export const getClipboardData = asyncApi('getClipboardData', async () => {
  if (isSupported('web_app_read_text_from_clipboard')) {
    const res = await request('web_app_read_text_from_clipboard', {}, 'clipboard_text_received', 'clipboard_text_received_failed', 3000).catch(() => null);
    if (res && typeof res.data === 'string') return { data: res.data };
  }
  try {
    return { data: await navigator.clipboard.readText() };
  } catch {
    throw new ApiFail('permission denied');
  }
});

function haptic(params: Record<string, unknown>, ms: number): void {
  if (postEvent('web_app_trigger_haptic_feedback', params)) return;
  if (typeof navigator.vibrate === 'function' && navigator.vibrate(ms)) return;
  throw new ApiFail('vibration is not available');
}

export const vibrateShort = asyncApi('vibrateShort', (p: { type?: string }) => {
  const style = p.type === 'heavy' || p.type === 'medium' || p.type === 'light' ? p.type : 'light';
  haptic({ type: 'impact', impact_style: style }, 15);
  return {};
});

export const vibrateLong = asyncApi('vibrateLong', () => {
  haptic({ type: 'notification', notification_type: 'warning' }, 400);
  return {};
});

export const previewImage = asyncApi('previewImage', (p: { urls?: unknown; current?: unknown }) => {
  const urls = Array.isArray(p.urls) ? p.urls.filter((u): u is string => typeof u === 'string') : [];
  if (!urls.length) throw new ApiFail('parameter error: parameter.urls should be a non-empty Array');
  let index = typeof p.current === 'number' ? p.current : Math.max(0, urls.indexOf(String(p.current ?? urls[0])));
  const el = document.createElement('wx-preview-image');
  el.setAttribute('role', 'dialog');
  const img = document.createElement('img');
  img.alt = '';
  const counter = document.createElement('div');
  counter.className = 'wx-preview-image__counter';
  const show = (): void => {
    img.src = appUrl(urls[index]!);
    counter.textContent = urls.length > 1 ? `${index + 1} / ${urls.length}` : '';
  };
  el.append(img, counter);
  el.addEventListener('click', (e) => {
    const x = e.clientX / window.innerWidth;
    if (x < 0.25 && index > 0) index--;
    else if (x > 0.75 && index < urls.length - 1) index++;
    else {
      el.remove();
      return;
    }
    show();
  });
  show();
  document.body.appendChild(el);
  return {};
});
