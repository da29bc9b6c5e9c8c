/**
 * Location: Telegram's location manager (8.0+) where the client has one, else the browser's
 * geolocation. Coordinates are WGS84; `type: 'gcj02'` (China's datum, which WeChat maps use) is
 * converted. openLocation opens the place in a map site; chooseLocation has no equivalent.
 */
import { asyncApi, ApiFail } from './callback.js';
import { isSupported, on, postEvent } from '../telegram/index.js';

interface Fix {
  latitude: number;
  longitude: number;
  altitude?: number;
  speed?: number;
  accuracy?: number;
  verticalAccuracy?: number;
}

function once<T>(event: string, send: () => boolean, timeoutMs = 30_000): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, timeoutMs);
    const off = on(event, (d: T) => {
      clearTimeout(timer);
      off();
      resolve(d);
    });
    if (!send()) {
      clearTimeout(timer);
      off();
      resolve(null);
    }
  });
}

/** Telegram's location, or null when the client has no location service here. Throws on denial. */
async function telegramFix(): Promise<Fix | null> {
  if (!isSupported('web_app_request_location')) return null;
  const checked = await once<{ available?: boolean }>('location_checked', () => postEvent('web_app_check_location'));
  if (!checked?.available) return null;
  const d = await once<Record<string, number | boolean>>('location_requested', () => postEvent('web_app_request_location'));
  if (!d) return null;
  if (!d.available) throw new ApiFail('auth deny');
  return {
    latitude: Number(d.latitude),
    longitude: Number(d.longitude),
    altitude: typeof d.altitude === 'number' ? d.altitude : 0,
    speed: typeof d.speed === 'number' ? d.speed : -1,
    accuracy: typeof d.horizontal_accuracy === 'number' ? d.horizontal_accuracy : 0,
    verticalAccuracy: typeof d.vertical_accuracy === 'number' ? d.vertical_accuracy : 0,
  };
}

function browserFix(timeout: number, highAccuracy: boolean): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new ApiFail('system permission denied'));
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        resolve({
          latitude: pos.coords.latitude,
          longitude: pos.coords.longitude,
          altitude: pos.coords.altitude ?? 0,
          speed: pos.coords.speed ?? -1,
          accuracy: pos.coords.accuracy,
          verticalAccuracy: pos.coords.altitudeAccuracy ?? 0,
        }),
      (err) => reject(new ApiFail(err.code === err.PERMISSION_DENIED ? 'auth deny' : err.code === err.TIMEOUT ? 'timeout' : 'system error')),
      { enableHighAccuracy: highAccuracy, timeout, maximumAge: 0 },
    );
  });
}

// WGS84 → GCJ-02: the published offset formula (Krasovsky ellipsoid), applied only inside China.
const A = 6378245.0;
const EE = 0.00669342162296594323;
function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}
function tLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}
function tLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}
export function wgs84ToGcj02(lat: number, lng: number): [number, number] {
  if (outOfChina(lat, lng)) return [lat, lng];
  let dLat = tLat(lng - 105, lat - 35);
  let dLng = tLng(lng - 105, lat - 35);
  const rad = (lat / 180) * Math.PI;
  let magic = Math.sin(rad);
  magic = 1 - EE * magic * magic;
  const sq = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sq)) * Math.PI);
  dLng = (dLng * 180) / ((A / sq) * Math.cos(rad) * Math.PI);
  return [lat + dLat, lng + dLng];
}

export const getLocation = asyncApi('getLocation', async (p: { type?: string; altitude?: boolean; isHighAccuracy?: boolean; highAccuracyExpireTime?: number }) => {
  const fix = (await telegramFix()) ?? (await browserFix(Math.max(3000, p.highAccuracyExpireTime ?? 10_000), !!p.isHighAccuracy));
  let { latitude, longitude } = fix;
  if (p.type === 'gcj02') [latitude, longitude] = wgs84ToGcj02(latitude, longitude);
  return {
    latitude,
    longitude,
    speed: fix.speed ?? -1,
    accuracy: fix.accuracy ?? 0,
    altitude: fix.altitude ?? 0,
    verticalAccuracy: fix.verticalAccuracy ?? 0,
    horizontalAccuracy: fix.accuracy ?? 0,
  };
});

/** Opens the place in a web map (Telegram opens links in its browser). */
export const openLocation = asyncApi('openLocation', (p: { latitude?: number; longitude?: number; scale?: number; name?: string; address?: string }) => {
  const lat = Number(p.latitude);
  const lng = Number(p.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) throw new ApiFail('invalid latitude or longitude');
  const zoom = Math.min(18, Math.max(5, Math.round(p.scale ?? 16)));
  const url = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=${zoom}/${lat}/${lng}`;
  if (!postEvent('web_app_open_link', { url })) window.open(url, '_blank', 'noopener');
  return {};
});

// Continuous updates: the browser's watchPosition (Telegram has no location stream).
let watchId: number | null = null;
const changeListeners = new Set<(res: Record<string, number>) => void>();

export const startLocationUpdate = asyncApi('startLocationUpdate', (p: { type?: string }) => {
  if (!('geolocation' in navigator)) throw new ApiFail('system permission denied');
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = navigator.geolocation.watchPosition((pos) => {
    let { latitude, longitude } = pos.coords;
    if (p.type === 'gcj02') [latitude, longitude] = wgs84ToGcj02(latitude, longitude);
    const res = { latitude, longitude, speed: pos.coords.speed ?? -1, accuracy: pos.coords.accuracy, altitude: pos.coords.altitude ?? 0, verticalAccuracy: pos.coords.altitudeAccuracy ?? 0, horizontalAccuracy: pos.coords.accuracy };
    for (const l of changeListeners) l(res);
  });
  return {};
});

export const stopLocationUpdate = asyncApi('stopLocationUpdate', () => {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
  return {};
});

export function onLocationChange(fn: (res: Record<string, number>) => void): void {
  if (typeof fn === 'function') changeListeners.add(fn);
}
export function offLocationChange(fn?: (res: Record<string, number>) => void): void {
  if (fn) changeListeners.delete(fn);
  else changeListeners.clear();
}
