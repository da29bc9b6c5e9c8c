/**
 * System information (getSystemInfo family, getWindowInfo, getDeviceInfo, getAppBaseInfo,
 * getSystemSetting, getAppAuthorizeSetting, getMenuButtonBoundingClientRect) from what Telegram
 * and the browser tell us. Widths follow the page width the layout uses (750rpx), so code that
 * converts rpx to px with windowWidth / 750 agrees with the stylesheet.
 */
import { asyncApi } from './callback.js';
import { launchParams } from '../telegram/index.js';
import { rpxFor } from '../shell/rpx.js';
import { clientScheme } from '../shell/theme.js';
import { navRowHeight, safeAreaState } from '../shell/safeArea.js';

/** The base library version we report: libraries gate modern APIs on it (we implement those). */
export const SDK_VERSION = '3.0.0';

function platform(): string {
  const p = launchParams().platform;
  if (p === 'ios' || p === 'android') return p;
  if (p === 'macos') return 'mac';
  if (p === 'tdesktop') return 'windows';
  const ua = navigator.userAgent;
  if (/iPhone|iPad|iPod/.test(ua)) return 'ios';
  if (/Android/.test(ua)) return 'android';
  if (/Mac OS X/.test(ua)) return 'mac';
  return 'windows';
}

function system(p: string): string {
  const ua = navigator.userAgent;
  const m = /(?:iPhone OS|CPU OS) ([\d_]+)/.exec(ua) ?? /Android ([\d.]+)/.exec(ua) ?? /Mac OS X ([\d_]+)/.exec(ua) ?? /Windows NT ([\d.]+)/.exec(ua);
  const v = m ? m[1]!.replace(/_/g, '.') : '';
  const name = p === 'ios' ? 'iOS' : p === 'android' ? 'Android' : p === 'mac' ? 'macOS' : 'Windows';
  return v ? `${name} ${v}` : name;
}

function language(): string {
  const code = launchParams().initData.user?.language_code ?? navigator.language ?? 'en';
  if (/^zh/i.test(code)) return /tw|hk|hant/i.test(code) ? 'zh_TW' : 'zh_CN';
  return code.replace('-', '_');
}

/** light or dark: the Telegram client's scheme (what WeChat reports as the system theme). */
export function colorScheme(): 'light' | 'dark' {
  return clientScheme();
}

export function getWindowInfo(): Record<string, unknown> {
  const { pageWidth } = rpxFor(document.documentElement.clientWidth || window.innerWidth);
  const screenHeight = window.screen?.height || window.innerHeight;
  const custom = document.documentElement.classList.contains('wx-custom-navigation');
  const { safe } = safeAreaState();
  // WeChat: statusBarHeight is the status bar above the navigation bar; safeArea is the
  // rectangle clear of notch and home indicator, in window coordinates.
  const statusBarHeight = safe.top;
  const top = custom ? 0 : statusBarHeight + navRowHeight();
  const windowHeight = window.innerHeight - top;
  const bottom = window.innerHeight - safe.bottom;
  return {
    pixelRatio: window.devicePixelRatio || 1,
    screenWidth: pageWidth,
    screenHeight,
    windowWidth: pageWidth,
    windowHeight,
    statusBarHeight,
    safeArea: { left: safe.left, right: pageWidth - safe.right, top: statusBarHeight, bottom, width: pageWidth - safe.left - safe.right, height: bottom - statusBarHeight },
    screenTop: top,
  };
}

export function getDeviceInfo(): Record<string, unknown> {
  const p = platform();
  return {
    abi: '',
    deviceAbi: '',
    benchmarkLevel: 1,
    brand: p === 'ios' || p === 'mac' ? 'Apple' : 'unknown',
    model: p === 'ios' ? 'iPhone' : p === 'android' ? 'Android' : p === 'mac' ? 'Mac' : 'PC',
    system: system(p),
    platform: p,
    cpuType: 'unknown',
    memorySize: (navigator as { deviceMemory?: number }).deviceMemory ? (navigator as { deviceMemory?: number }).deviceMemory! * 1024 : 0,
  };
}

export function getAppBaseInfo(): Record<string, unknown> {
  return {
    SDKVersion: SDK_VERSION,
    enableDebug: false,
    host: { appId: '', env: 'Telegram', version: launchParams().version },
    language: language(),
    version: '8.0.50',
    theme: colorScheme(),
    fontSizeSetting: 16,
  };
}

export function getSystemSetting(): Record<string, unknown> {
  const landscape = window.innerWidth > window.innerHeight;
  return { bluetoothEnabled: false, locationEnabled: 'geolocation' in navigator, wifiEnabled: false, deviceOrientation: landscape ? 'landscape' : 'portrait' };
}

export function getAppAuthorizeSetting(): Record<string, unknown> {
  // Permissions are asked for when used; nothing has been granted up front.
  return {
    albumAuthorized: 'not determined',
    bluetoothAuthorized: 'not determined',
    cameraAuthorized: 'not determined',
    locationAuthorized: 'not determined',
    locationReducedAccuracy: false,
    microphoneAuthorized: 'not determined',
    notificationAuthorized: 'not determined',
    phoneCalendarAuthorized: 'not determined',
  };
}

export function getSystemInfoSync(): Record<string, unknown> {
  return { ...getDeviceInfo(), ...getWindowInfo(), ...getAppBaseInfo(), ...getSystemSetting(), ...getAppAuthorizeSetting() };
}

export const getSystemInfo = asyncApi('getSystemInfo', () => getSystemInfoSync());
export const getSystemInfoAsync = asyncApi('getSystemInfoAsync', () => getSystemInfoSync());

/**
 * Where WeChat's capsule (the ··· and close buttons) would be: top right of the navigation bar.
 * Telegram draws its own controls above the web view, so custom navigation bars that lay out
 * around this rect keep a sensible shape.
 */
export function getMenuButtonBoundingClientRect(): Record<string, number> {
  const { windowWidth, statusBarHeight } = getWindowInfo() as { windowWidth: number; statusBarHeight: number };
  const width = 87;
  const height = 32;
  // Centred in the navigation bar row (in fullscreen: in Telegram's control band).
  const top = statusBarHeight + Math.round((navRowHeight() - height) / 2);
  const right = windowWidth - 7;
  return { width, height, top, right, bottom: top + height, left: right - width };
}
