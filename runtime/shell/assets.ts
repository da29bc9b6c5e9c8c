/**
 * Program files named by path (`/images/a.png`, as WeChat programs write them) are served beside
 * index.html; resolving them against the app's own URL keeps them working under any base path.
 */
export function appUrl(path: string): string {
  if (path.startsWith('/') && !path.startsWith('//')) return new URL('.' + path, document.baseURI.split('#')[0]).href;
  return path;
}
