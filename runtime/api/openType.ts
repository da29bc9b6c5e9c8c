/**
 * `<button open-type="…">`: what each open type does on Telegram, and the event it answers with
 * (bindgetuserinfo, bindgetphonenumber, bindchooseavatar, …), in WeChat's detail shapes.
 * Loaded on first use, so programs without such buttons do not carry it.
 */
import { dispatchWxEvent } from '../render/events.js';
import { on, postEvent, request } from '../telegram/index.js';
import { sharePage } from '../shell/sharing.js';
import { getUserInfo } from './auth.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

const b64url = (s: string): string => btoa(unescape(encodeURIComponent(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fire(el: Element, event: string, detail: Record<string, unknown>): void {
  dispatchWxEvent(el, event, detail, { bubbles: false, composed: false });
}

/** Telegram's phone request: the user shares their contact with the bot; the signed contact comes back. */
async function phone(el: Element, api: string, event: string): Promise<void> {
  const answered = new Promise<string>((resolve) => {
    const off = on('phone_requested', (d: { status?: string }) => {
      off();
      resolve(d?.status ?? 'cancelled');
    });
    if (!postEvent('web_app_request_phone')) {
      off();
      resolve('unsupported');
    }
  });
  const status = await answered;
  if (status === 'unsupported') return fire(el, event, { errMsg: `${api}:fail ${UNSUPPORTED_REASON}` });
  if (status !== 'sent') return fire(el, event, { errMsg: `${api}:fail user deny` });
  try {
    // The contact as Telegram signed it (like init data): the server checks it and reads the number.
    const res = await request('web_app_invoke_custom_method', { method: 'getRequestedContact', params: {} }, 'custom_method_invoked', '__never__');
    if (res?.error || typeof res?.result !== 'string') throw new Error(res?.error ?? 'no contact');
    fire(el, event, { errMsg: `${api}:ok`, code: 'tmacontact.' + b64url(res.result) });
  } catch (err) {
    fire(el, event, { errMsg: `${api}:fail ${(err as Error).message}` });
  }
}

function chooseAvatar(el: Element): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) fire(el, 'chooseavatar', { avatarUrl: URL.createObjectURL(file) });
  });
  input.click();
}

export async function runOpenType(el: HTMLElement, type: string): Promise<void> {
  switch (type) {
    case 'share':
      await sharePage('button', { id: el.id, dataset: {} });
      return;
    case 'getUserInfo': {
      const res = (await getUserInfo({})) as Record<string, unknown>;
      fire(el, 'getuserinfo', { ...res, errMsg: 'getUserInfo:ok' });
      return;
    }
    case 'getPhoneNumber':
      return phone(el, 'getPhoneNumber', 'getphonenumber');
    case 'getRealtimePhoneNumber':
      return phone(el, 'getRealtimePhoneNumber', 'getrealtimephonenumber');
    case 'chooseAvatar':
      return chooseAvatar(el);
    case 'agreePrivacyAuthorization':
      fire(el, 'agreeprivacyauthorization', {});
      return;
    case 'openSetting':
      fire(el, 'opensetting', { errMsg: `openSetting:fail ${UNSUPPORTED_REASON}` });
      return;
    case 'launchApp':
      fire(el, 'error', { errMsg: `launchApp:fail ${UNSUPPORTED_REASON}` });
      return;
    case 'contact':
      fire(el, 'contact', { errMsg: `enterContact:fail ${UNSUPPORTED_REASON}` });
      return;
    case 'feedback':
    case 'liveActivity':
      console.warn(`[wx2tg] <button open-type="${type}">: ${UNSUPPORTED_REASON}`);
      return;
  }
}
