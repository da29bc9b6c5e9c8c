/**
 * cover-view and cover-image: in WeChat they float above native components (video, map,
 * canvas); here nothing is native, so they are plain views over ordinary elements, with WeChat's
 * defaults (cover-view keeps its text on one line unless told otherwise). cover-view: scroll-top
 * (it scrolls when its overflow-y is scroll). cover-image: src, bindload {width, height}, binderror.
 */
import { dispatchWxEvent } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { setHover } from './hover.js';
import { defineBuiltin } from './registry.js';

const VIEW_HOVER = { cls: 'none', stay: 400 };

defineBuiltin('cover-view', {
  set(el, name, value) {
    if (name === 'scroll-top') {
      const top = parseFloat(String(value ?? 0)) || 0;
      requestAnimationFrame(() => (el.scrollTop = top));
      return true;
    }
    if (name === 'marker-id' || name === 'slot') {
      el.setAttribute(name, String(value ?? ''));
      return true;
    }
    return setHover(el, name, value, VIEW_HOVER);
  },
});

defineBuiltin('cover-image', {
  create(el) {
    const img = document.createElement('img');
    img.className = 'wx-cover-image__img';
    img.alt = '';
    img.draggable = false;
    el.appendChild(img);
    img.addEventListener('load', () => img.getAttribute('src') && dispatchWxEvent(el, 'load', { width: img.naturalWidth, height: img.naturalHeight }));
    img.addEventListener('error', () => img.getAttribute('src') && dispatchWxEvent(el, 'error', { errMsg: `GET ${img.getAttribute('src')} failed` }));
  },
  set(el, name, value) {
    if (name !== 'src') return false;
    const img = el.firstElementChild as HTMLImageElement;
    const src = value == null ? '' : String(value).trim();
    // Pictures only: web, data:image and blob: URLs and the program's own paths; never javascript:.
    if (src && (/^(https?:|data:image\/|blob:)/i.test(src) || !/^[a-z][a-z0-9+.-]*:/i.test(src))) img.src = appUrl(src);
    else img.removeAttribute('src');
    return true;
  },
});
