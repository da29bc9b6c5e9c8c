/**
 * image: every documented `mode` (the 4 scaling modes, widthFix/heightFix, and the 9 crop
 * modes), lazy-load, bindload with the natural width/height, binderror. Drawn with an inner
 * <img> (object-fit / object-position), so it works for any URL the page may load.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';
import { appUrl } from '../shell/assets.js';

interface ImageState {
  img: HTMLImageElement;
  mode: string;
  src: string;
}

const STATE = Symbol('wx2tg.image');

/** mode → [object-fit, object-position] for the modes that keep the box size. */
const FIT: Record<string, [string, string]> = {
  scaleToFill: ['fill', 'center'],
  aspectFit: ['contain', 'center'],
  aspectFill: ['cover', 'center'],
  top: ['none', 'center top'],
  bottom: ['none', 'center bottom'],
  center: ['none', 'center'],
  left: ['none', 'left center'],
  right: ['none', 'right center'],
  'top left': ['none', 'left top'],
  'top right': ['none', 'right top'],
  'bottom left': ['none', 'left bottom'],
  'bottom right': ['none', 'right bottom'],
};

function applyMode(el: HTMLElement, s: ImageState): void {
  const img = s.img;
  el.removeAttribute('data-fix');
  if (s.mode === 'widthFix' || s.mode === 'heightFix') {
    // The other side follows the picture's proportions.
    el.setAttribute('data-fix', s.mode);
    img.style.objectFit = 'fill';
    img.style.objectPosition = '';
    return;
  }
  const [fit, pos] = FIT[s.mode] ?? FIT.scaleToFill!;
  img.style.objectFit = fit;
  img.style.objectPosition = pos;
}

defineBuiltin('image', {
  create(el) {
    const img = document.createElement('img');
    img.className = 'wx-image__img';
    img.alt = '';
    img.draggable = false;
    el.appendChild(img);
    const s: ImageState = { img, mode: 'scaleToFill', src: '' };
    (el as any)[STATE] = s;
    applyMode(el, s);
    img.addEventListener('load', () => {
      if (!s.src) return;
      dispatchWxEvent(el, 'load', { width: img.naturalWidth, height: img.naturalHeight });
    });
    img.addEventListener('error', () => {
      if (!s.src) return;
      dispatchWxEvent(el, 'error', { errMsg: `GET ${s.src} 404 (Not Found)` });
    });
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as ImageState;
    switch (name) {
      case 'src': {
        const src = value == null ? '' : String(value).trim();
        s.src = src;
        // Only web URLs and data/blob URLs reach the <img>: a javascript: URL is never a picture.
        if (!src || /^(https?:|data:image\/|blob:|\/|\.{0,2}\/)/i.test(src) || !/^[a-z][a-z0-9+.-]*:/i.test(src)) {
          if (src) s.img.src = appUrl(src, el);
          else s.img.removeAttribute('src');
        } else {
          s.img.removeAttribute('src');
          // A cloud file ID shows through a temporary link from the wx2tg server, as WeChat's <image> does.
          if (src.startsWith('cloud://'))
            import('../api/cloudClient.js')
              .then((m) => m.tempUrl(src))
              .then(
                (url) => void (s.src === src && (s.img.src = url)),
                (e: { errMsg?: string }) => void (s.src === src && dispatchWxEvent(el, 'error', { errMsg: e?.errMsg ?? String(e) })),
              );
        }
        return true;
      }
      case 'mode':
        s.mode = value == null ? 'scaleToFill' : String(value);
        applyMode(el, s);
        return true;
      case 'lazy-load':
        s.img.loading = value && value !== 'false' ? 'lazy' : 'eager';
        return true;
      case 'webp':
      case 'show-menu-by-longpress':
      case 'fade-in':
        return true; // the browser decodes webp itself; the long-press menu is the client's
    }
    return false;
  },
});
