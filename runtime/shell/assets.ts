import { ownerOf } from '../render/attrs.js';

/**
 * Program files named by path (`/images/a.png`, as WeChat programs write them) are served beside
 * index.html; resolving them against the app's own URL keeps them working under any base path.
 */
export function appUrl(path: string, el?: Element): string {
  const base = document.baseURI.split('#')[0];
  if (path.startsWith('/') && !path.startsWith('//')) return new URL('.' + path, base).href;
  // A relative path from data (`./images/x.png`) is relative to the page or component whose
  // template holds the element, as a relative path written in that WXML is.
  if (el && path && !path.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    const owner = ownerOf(el) as { route?: string; is?: string } | undefined;
    const from = owner?.route ?? owner?.is;
    if (from) return new URL('./' + from.split('/').slice(0, -1).join('/') + '/' + path, base).href;
  }
  return path;
}
