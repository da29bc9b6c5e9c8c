/**
 * Sharing a page, WeChat's way on Telegram: onShareAppMessage({from, target}) gives the title and
 * path; the path becomes a `t.me/<bot>/<app>?startapp=` link (app.json `"telegram": {"bot": …,
 * "app": …}`), and Telegram's share dialog (t.me/share/url) sends it to a chat. Whoever opens it
 * lands on that page with that query. A `promise` in the answer replaces the content if it
 * resolves within 3 seconds, as in WeChat. Loaded with the first share (button open-type="share").
 */
import { isSupported, postEvent } from '../telegram/index.js';
import { shareUrlPath } from '../../common/links.js';
import { reportError } from '../core/errors.js';
import { currentPage, pageLink } from './share.js';

interface ShareContent {
  title?: string;
  path?: string;
  imageUrl?: string;
  promise?: Promise<ShareContent>;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]).catch(() => undefined);

/** Shares the current page (button open-type="share": from 'button', with the button as target). */
export async function sharePage(from: 'button' | 'menu', target?: unknown): Promise<boolean> {
  const page = currentPage();
  if (!page) return false;
  const query = new URLSearchParams(page.options ?? {}).toString();
  const fallback: ShareContent = { title: document.title, path: page.route + (query ? '?' + query : '') };
  let content = (page.__hook('onShareAppMessage', { from, target, webViewUrl: location.href }) as ShareContent | undefined) ?? {};
  if (content.promise && typeof content.promise.then === 'function') content = { ...content, ...((await withTimeout(content.promise, 3000)) ?? {}) };
  const title = content.title ?? fallback.title ?? '';
  const path = (content.path ?? fallback.path ?? '').replace(/^\/+/, '');
  let link: string | null;
  try {
    link = pageLink(path);
  } catch (err) {
    reportError(err, 'share');
    return false;
  }
  if (!link) {
    console.warn('[wx2tg] share: app.json has no "telegram": {"bot": "<username>"}, so there is no t.me link to share; sharing this page’s web address instead');
    link = location.href;
  }
  const share = shareUrlPath(link, title);
  if (isSupported('web_app_open_tg_link')) return postEvent('web_app_open_tg_link', { path_full: share });
  window.open('https://t.me' + share, '_blank', 'noopener');
  return true;
}
