/**
 * Built-ins that have no counterpart in a Telegram Mini App (WeChat's camera, live streaming,
 * ads, official account, VoIP rooms, Channels): a visible box that says so, in the size the
 * program gives it, and an `error` event so that a program with a fallback can show it.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

const WHAT: Record<string, string> = {
  camera: 'Camera',
  'live-player': 'Live player',
  'live-pusher': 'Live pusher',
  ad: 'Ad',
  'ad-custom': 'Ad',
  'official-account': 'Official account',
  'voip-room': 'VoIP room',
  'channel-live': 'Channels live',
  'channel-video': 'Channels video',
};

for (const [tag, what] of Object.entries(WHAT)) {
  defineBuiltin(tag, {
    create(el) {
      const label = document.createElement('span');
      label.className = 'wx-unavailable__label';
      label.textContent = `${what} · not available on Telegram`;
      el.appendChild(label);
      el.setAttribute('role', 'note');
      el.setAttribute('unavailable', '');
      // After the first render, when the program's handlers are bound.
      requestAnimationFrame(() => dispatchWxEvent(el, 'error', { errMsg: `${tag}:fail not available on Telegram`, errCode: -1 }));
    },
    set: () => false,
  });
}
