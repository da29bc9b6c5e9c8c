/**
 * wx.requestSubscribeMessage on Telegram. Telegram has one permission for a bot to message a
 * user (requestWriteAccess → write_access_requested allowed|cancelled) and no templates, so
 * every template id of the call gets the user's one answer ("accept" or "reject"), and the
 * accepted ids are reported to the program's wx2tg server, which keeps one grant per template
 * and uses it up per message, as WeChat does. An id the server does not know comes back
 * "filter" (WeChat's word for a template filtered out on its side).
 *
 * The server's URL: app.json "telegram": {"server": "https://api.example.com/wx2tg"} (given to
 * setServerBase at start), or `window.__wx2tgServer`, or <meta name="wx2tg-server" content=…>.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, launchParams, once, postEvent } from '../telegram/index.js';
import { ROUTES } from '../../common/serverWire.js';

export { serverBase, setServerBase } from './serverBase.js';
import { serverBase } from './serverBase.js';

/** WeChat allows three template ids per call. */
const MAX_TEMPLATES = 3;

async function askWriteAccess(): Promise<boolean> {
  if (!isSupported('web_app_request_write_access')) return launchParams().initData.user?.allows_write_to_pm === true;
  const answered = once(['write_access_requested']);
  if (!postEvent('web_app_request_write_access')) throw new ApiFail('Telegram did not take the request');
  const { data } = (await answered) as { data: { status?: string } };
  return data.status === 'allowed';
}

export const requestSubscribeMessage = asyncApi('requestSubscribeMessage', async (p: { tmplIds?: unknown }) => {
  const ids = p.tmplIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || !id)) throw new ApiFail('Invalid template id', { errCode: 20001 });
  if (ids.length > MAX_TEMPLATES) throw new ApiFail('Templates count out of max bounds', { errCode: 20003 });
  const server = serverBase();
  if (!server) throw new ApiFail('no wx2tg server configured (app.json "telegram": {"server": "https://…/wx2tg"})', { errCode: 20004 });
  const raw = launchParams().initDataRaw;
  if (!raw) throw new ApiFail('no Telegram init data (the Mini App was not opened from Telegram)', { errCode: 20004 });
  const allowed = await askWriteAccess();
  const results: Record<string, string> = {};
  for (const id of ids as string[]) results[id] = allowed ? 'accept' : 'reject';
  let res: Response;
  try {
    res = await fetch(server + ROUTES.subscribe, {
      method: 'POST',
      headers: { authorization: `tma ${raw}`, 'content-type': 'application/json' },
      body: JSON.stringify({ results }),
    });
  } catch (e) {
    throw new ApiFail(`the wx2tg server could not be reached: ${(e as Error).message}`, { errCode: 20004 });
  }
  if (!res.ok) throw new ApiFail(`the wx2tg server refused the subscription (${res.status})`, { errCode: 20004 });
  const { accepted } = (await res.json()) as { accepted?: string[] };
  for (const id of ids as string[]) if (results[id] === 'accept' && !accepted?.includes(id)) results[id] = 'filter';
  return results;
});
