/**
 * Authorisation scopes on Telegram: getSetting / authorize / openSetting. What maps: the user's
 * profile (Telegram gives it with the launch: granted), location (Telegram's location access,
 * asked the first time), writePhotosAlbum (Telegram's file download asks per file: granted).
 * Scopes Telegram has nothing for (werun, invoice, address, bluetooth, …) fail authorize.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, on, postEvent } from '../telegram/index.js';
import { UNSUPPORTED_REASON } from '../../common/support.js';

const ALWAYS: Record<string, boolean> = { 'scope.userInfo': true, 'scope.writePhotosAlbum': true };
/** Asked in the browser when used (camera, microphone): not known until then. */
const BROWSER_ASKS = new Set(['scope.camera', 'scope.record']);

function locationState(): Promise<{ available: boolean; requested: boolean; granted: boolean }> {
  return new Promise((resolve) => {
    if (!isSupported('web_app_check_location')) return resolve({ available: false, requested: false, granted: false });
    const timer = setTimeout(() => {
      off();
      resolve({ available: false, requested: false, granted: false });
    }, 5000);
    const off = on('location_checked', (d: { available?: boolean; access_requested?: boolean; access_granted?: boolean }) => {
      clearTimeout(timer);
      off();
      resolve({ available: !!d?.available, requested: !!d?.access_requested, granted: !!d?.access_granted });
    });
    postEvent('web_app_check_location');
  });
}

async function authSetting(): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = { ...ALWAYS };
  const loc = await locationState();
  if (loc.available && loc.requested) out['scope.userLocation'] = loc.granted;
  return out;
}

export const getSetting = asyncApi('getSetting', async (p: { withSubscriptions?: boolean }) => {
  const res: Record<string, unknown> = { authSetting: await authSetting() };
  if (p.withSubscriptions) res.subscriptionsSetting = { mainSwitch: true, itemSettings: {} };
  return res;
});

export const authorize = asyncApi('authorize', async (p: { scope?: string }) => {
  const scope = p.scope ?? '';
  if (scope in ALWAYS) return {};
  if (BROWSER_ASKS.has(scope)) return {};
  if (scope === 'scope.userLocation' || scope === 'scope.userLocationBackground' || scope === 'scope.userFuzzyLocation') {
    const loc = await locationState();
    if (!loc.available) {
      if ('geolocation' in navigator) return {}; // the browser asks when the location is read
      throw new ApiFail(UNSUPPORTED_REASON);
    }
    if (loc.requested && !loc.granted) throw new ApiFail('auth deny');
    if (loc.granted) return {};
    const answer = await new Promise<{ available?: boolean }>((resolve) => {
      const off = on('location_requested', (d: { available?: boolean }) => {
        off();
        resolve(d ?? {});
      });
      postEvent('web_app_request_location');
    });
    if (!answer.available) throw new ApiFail('auth deny');
    return {};
  }
  throw new ApiFail(`${UNSUPPORTED_REASON} (${scope || 'no scope'})`);
});

/** Telegram lets the user change location access in its settings screen (8.0+, from a tap). */
export const openSetting = asyncApi('openSetting', async () => {
  if (isSupported('web_app_open_location_settings')) postEvent('web_app_open_location_settings');
  return { authSetting: await authSetting() };
});
