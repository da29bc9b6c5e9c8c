/**
 * Interaction feedback: showToast / showLoading (one at a time, as in WeChat), showModal
 * (Telegram's native popup when it fits its limits, our own dialog otherwise: editable modals,
 * long texts), showActionSheet. Drawn as our own DOM where Telegram has nothing equivalent.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, once, postEvent, launchParams } from '../telegram/index.js';

const ICONS: Record<string, string> = {
  success: '<svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="M5 12.5l4.5 4.5L19 7.5"/></svg>',
  error: '<svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M12 7v6M12 16.5v.5"/></svg>',
  loading: '<span class="wx-toast__spinner" aria-hidden="true"></span>',
};

let popupOpen = false;
let toast: { el: HTMLElement; kind: 'toast' | 'loading'; timer?: ReturnType<typeof setTimeout> } | null = null;

function chinese(): boolean {
  return /^zh/i.test(launchParams().initData.user?.language_code ?? navigator.language ?? '');
}

function closeToast(kind?: 'toast' | 'loading'): void {
  if (!toast || (kind && toast.kind !== kind)) return;
  clearTimeout(toast.timer);
  toast.el.remove();
  toast = null;
}

function openToast(kind: 'toast' | 'loading', title: string, icon: string, image: string | undefined, mask: boolean): HTMLElement {
  closeToast();
  const el = document.createElement('wx-toast');
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  if (mask) el.classList.add('wx-toast--mask');
  const box = document.createElement('div');
  box.className = `wx-toast__box${icon === 'none' && !image ? ' wx-toast__box--text' : ''}`;
  if (image) {
    const img = document.createElement('img');
    img.className = 'wx-toast__image';
    img.src = image;
    img.alt = '';
    box.appendChild(img);
  } else if (icon !== 'none' && ICONS[icon]) {
    const i = document.createElement('div');
    i.className = 'wx-toast__icon';
    i.innerHTML = ICONS[icon]!; // static markup from this file, never from data
    box.appendChild(i);
  }
  const text = document.createElement('div');
  text.className = 'wx-toast__title';
  text.textContent = title;
  box.appendChild(text);
  el.appendChild(box);
  document.body.appendChild(el);
  toast = { el, kind };
  return el;
}

export const showToast = asyncApi('showToast', (p: { title?: string; icon?: string; image?: string; duration?: number; mask?: boolean }) => {
  const icon = p.icon ?? 'success';
  if (!['success', 'error', 'loading', 'none'].includes(icon)) throw new ApiFail(`parameter error: parameter.icon should be one of success, error, loading, none`);
  openToast('toast', String(p.title ?? ''), icon, p.image, !!p.mask);
  const current = toast!;
  current.timer = setTimeout(() => toast === current && closeToast(), p.duration ?? 1500);
  return {};
});

export const hideToast = asyncApi('hideToast', () => {
  closeToast('toast');
  return {};
});

export const showLoading = asyncApi('showLoading', (p: { title?: string; mask?: boolean }) => {
  openToast('loading', String(p.title ?? ''), 'loading', undefined, !!p.mask);
  return {};
});

export const hideLoading = asyncApi('hideLoading', () => {
  closeToast('loading');
  return {};
});

interface ModalParams {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  cancelColor?: string;
  confirmText?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

/** Telegram's popup: title ≤ 64, message 1–256, button texts ≤ 64, not editable. */
function fitsTelegramPopup(p: ModalParams, cancel: string, confirm: string): boolean {
  const message = p.content || p.title || '';
  return (
    isSupported('web_app_open_popup') &&
    !p.editable &&
    message.length >= 1 &&
    message.length <= 256 &&
    (p.content ? (p.title ?? '').length <= 64 : true) &&
    cancel.length <= 64 &&
    confirm.length <= 64
  );
}

function domModal(p: ModalParams, cancel: string, confirm: string): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const el = document.createElement('wx-modal');
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-modal', 'true');
    const box = document.createElement('div');
    box.className = 'wx-modal__box';
    if (p.title) {
      const t = document.createElement('div');
      t.className = 'wx-modal__title';
      t.textContent = p.title;
      box.appendChild(t);
    }
    let input: HTMLTextAreaElement | null = null;
    if (p.editable) {
      input = document.createElement('textarea');
      input.className = 'wx-modal__input';
      input.value = p.content ?? '';
      input.placeholder = p.placeholderText ?? '';
      box.appendChild(input);
    } else if (p.content) {
      const c = document.createElement('div');
      c.className = 'wx-modal__content';
      c.textContent = p.content;
      box.appendChild(c);
    }
    const buttons = document.createElement('div');
    buttons.className = 'wx-modal__buttons';
    const finish = (ok: boolean): void => {
      el.remove();
      resolve(p.editable ? { confirm: ok, cancel: !ok, content: ok ? input!.value : undefined } : { confirm: ok, cancel: !ok });
    };
    if (p.showCancel !== false) {
      const b = document.createElement('button');
      b.className = 'wx-modal__button wx-modal__cancel';
      b.textContent = cancel;
      b.style.color = p.cancelColor ?? '#000000';
      b.addEventListener('click', () => finish(false));
      buttons.appendChild(b);
    }
    const ok = document.createElement('button');
    ok.className = 'wx-modal__button wx-modal__confirm';
    ok.textContent = confirm;
    ok.style.color = p.confirmColor ?? '#576b95';
    ok.addEventListener('click', () => finish(true));
    buttons.appendChild(ok);
    box.appendChild(buttons);
    el.appendChild(box);
    document.body.appendChild(el);
    (input ?? ok).focus();
  });
}

export const showModal = asyncApi('showModal', async (p: ModalParams) => {
  const cancel = p.cancelText ?? (chinese() ? '取消' : 'Cancel');
  const confirm = p.confirmText ?? (chinese() ? '确定' : 'OK');
  // Telegram shows one popup at a time: while one is open, a second modal is our own dialog.
  if (!popupOpen && fitsTelegramPopup(p, cancel, confirm)) {
    const buttons = [
      ...(p.showCancel !== false ? [{ id: 'cancel', type: 'default', text: cancel }] : []),
      { id: 'confirm', type: 'default', text: confirm },
    ];
    const closed = once(['popup_closed']);
    const params = p.content ? { title: p.title ?? '', message: p.content, buttons } : { title: '', message: p.title ?? '', buttons };
    if (postEvent('web_app_open_popup', params)) {
      popupOpen = true;
      try {
        const { data } = await closed;
        const ok = (data as { button_id?: string })?.button_id === 'confirm';
        return { confirm: ok, cancel: !ok };
      } finally {
        popupOpen = false;
      }
    }
  }
  return domModal(p, cancel, confirm);
});

export const showActionSheet = asyncApi('showActionSheet', (p: { itemList?: string[]; itemColor?: string; alertText?: string }) => {
  const items = p.itemList;
  if (!Array.isArray(items) || items.length === 0) throw new ApiFail('parameter error: parameter.itemList should be Array');
  if (items.length > 6) throw new ApiFail('parameter error: parameter.itemList should not be large than 6');
  return new Promise<{ tapIndex: number }>((resolve, reject) => {
    const el = document.createElement('wx-action-sheet');
    el.setAttribute('role', 'dialog');
    const sheet = document.createElement('div');
    sheet.className = 'wx-action-sheet__sheet';
    if (p.alertText) {
      const alert = document.createElement('div');
      alert.className = 'wx-action-sheet__alert';
      alert.textContent = p.alertText;
      sheet.appendChild(alert);
    }
    items.forEach((text, i) => {
      const b = document.createElement('button');
      b.className = 'wx-action-sheet__item';
      b.textContent = String(text);
      b.style.color = p.itemColor ?? '#000000';
      b.addEventListener('click', () => {
        el.remove();
        resolve({ tapIndex: i });
      });
      sheet.appendChild(b);
    });
    const cancel = document.createElement('button');
    cancel.className = 'wx-action-sheet__item wx-action-sheet__cancel';
    cancel.textContent = chinese() ? '取消' : 'Cancel';
    const dismiss = (): void => {
      el.remove();
      reject(new ApiFail('cancel'));
    };
    cancel.addEventListener('click', dismiss);
    el.addEventListener('click', (e) => e.target === el && dismiss());
    sheet.appendChild(cancel);
    el.appendChild(sheet);
    document.body.appendChild(el);
  });
});
