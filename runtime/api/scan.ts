/**
 * wx.scanCode on Telegram's QR scanner (Bot API 6.4+): QR codes only, from the camera. The popup
 * stays open after a code is read (7.7+), so we close it; closing it without a code is a cancel.
 */
import { asyncApi, ApiFail } from './callback.js';
import { on, postEvent } from '../telegram/index.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

const b64 = (s: string): string => btoa(unescape(encodeURIComponent(s)));

export const scanCode = asyncApi('scanCode', (p: { onlyFromCamera?: boolean; scanType?: string[] }) => {
  if (Array.isArray(p.scanType) && p.scanType.length && !p.scanType.includes('qrCode')) {
    throw new ApiFail(`${UNSUPPORTED_REASON} (Telegram reads QR codes only, not ${p.scanType.join('/')})`);
  }
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    let done = false;
    const offText = on('qr_text_received', (d: { data?: string }) => {
      if (done) return;
      done = true;
      cleanup();
      postEvent('web_app_close_scan_qr_popup');
      const text = String(d?.data ?? '');
      resolve({ result: text, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: b64(text) });
    });
    const offClosed = on('scan_qr_popup_closed', () => {
      if (done) return;
      done = true;
      cleanup();
      reject(new ApiFail('cancel'));
    });
    const cleanup = (): void => {
      offText();
      offClosed();
    };
    if (!postEvent('web_app_open_scan_qr_popup', {})) {
      done = true;
      cleanup();
      reject(new ApiFail(`${UNSUPPORTED_REASON} (needs Telegram 6.4)`));
    }
  });
});
