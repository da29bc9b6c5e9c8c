/**
 * web-view: the page at `src` (http/https) in an iframe that fills the page below the navigation
 * bar, as WeChat's does. bindload {src} when it has loaded, binderror {src} when `src` cannot be
 * shown. bindmessage {data: [...]}: what the embedded page posts to its parent
 * (`parent.postMessage({data}, '*')`, WeChat's wx.miniProgram.postMessage having no Telegram
 * counterpart) arrives at once, not at WeChat's later moments (back, share), and only from that
 * iframe. Whatever the embedded page does stays inside it: cross-origin, it cannot reach the program.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

defineBuiltin('web-view', {
  create(el) {
    const frame = document.createElement('iframe');
    frame.className = 'wx-web-view__frame';
    frame.setAttribute('allow', 'fullscreen; clipboard-write; geolocation');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    el.appendChild(frame);
    frame.addEventListener('load', () => {
      const src = frame.getAttribute('src');
      if (src) dispatchWxEvent(el, 'load', { src });
    });
    window.addEventListener('message', (e) => {
      if (!el.isConnected || e.source !== frame.contentWindow) return;
      const msg = e.data as { data?: unknown } | unknown;
      const data = msg && typeof msg === 'object' && 'data' in (msg as object) ? (msg as { data: unknown }).data : msg;
      dispatchWxEvent(el, 'message', { data: [data] });
    });
  },
  set(el, name, value) {
    if (name !== 'src') return false;
    const frame = el.firstElementChild as HTMLIFrameElement;
    const src = value == null ? '' : String(value).trim();
    if (/^https?:\/\//i.test(src)) frame.src = src;
    else {
      frame.removeAttribute('src');
      // WeChat opens only web pages (https) in a web-view.
      if (src) queueMicrotask(() => dispatchWxEvent(el, 'error', { src, errMsg: 'web-view: only http(s) pages can be shown' }));
    }
    return true;
  },
});
