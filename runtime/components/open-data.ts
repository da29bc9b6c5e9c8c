/**
 * open-data: WeChat's user data, here from the Telegram user in the launch parameters.
 * type: userNickName (first and last name), userAvatarUrl (the photo Telegram shares, when it
 * shares one), userLanguage (language_code); userGender, userCity, userProvince, userCountry and
 * groupName are not something Telegram tells a Mini App, so default-text (or nothing) shows.
 * default-avatar is shown when there is no photo; binderror fires when the data is not there.
 */
import { dispatchWxEvent } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { launchParams } from '../telegram/index.js';
import { defineBuiltin } from './registry.js';

interface OpenDataState {
  type: string;
  defaultText: string;
  defaultAvatar: string;
  queued: boolean;
}

const STATE = Symbol('wx2tg.openData');

function value(type: string): string {
  let user;
  try {
    user = launchParams().initData.user;
  } catch {
    user = undefined; // not connected yet (or outside the runtime)
  }
  if (!user) return '';
  switch (type) {
    case 'userNickName':
      return [user.first_name, user.last_name].filter(Boolean).join(' ');
    case 'userAvatarUrl':
      return user.photo_url ?? '';
    case 'userLanguage':
      return user.language_code ?? '';
  }
  return '';
}

function render(el: HTMLElement, s: OpenDataState): void {
  if (s.queued) return;
  s.queued = true;
  queueMicrotask(() => {
    s.queued = false;
    const v = value(s.type);
    if (s.type === 'userAvatarUrl') {
      const src = v || s.defaultAvatar;
      if (src) {
        const img = document.createElement('img');
        img.className = 'wx-open-data__avatar';
        img.alt = '';
        img.src = appUrl(src);
        el.replaceChildren(img);
      } else el.replaceChildren();
    } else el.textContent = v || s.defaultText;
    if (!v && s.type) requestAnimationFrame(() => dispatchWxEvent(el, 'error', { errMsg: `open-data ${s.type}: not available from Telegram` }));
  });
}

defineBuiltin('open-data', {
  create(el) {
    (el as any)[STATE] = { type: '', defaultText: '', defaultAvatar: '', queued: false } satisfies OpenDataState;
  },
  set(el, name, v) {
    const s = (el as any)[STATE] as OpenDataState;
    if (name === 'type') s.type = String(v ?? '');
    else if (name === 'default-text') s.defaultText = String(v ?? '');
    else if (name === 'default-avatar') s.defaultAvatar = String(v ?? '');
    else if (name === 'open-gid' || name === 'lang') return true;
    else return false;
    render(el, s);
    return true;
  },
});
