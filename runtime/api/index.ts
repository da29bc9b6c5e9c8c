/**
 * The `wx` object. Each domain lives in its own file; this one assembles them.
 */
import { offError, offUnhandledRejection, onError, onUnhandledRejection } from '../core/errors.js';
import { flushAll } from '../core/scheduler.js';
import * as route from './route.js';
import { createSelectorQuery } from './selectorQuery.js';
import { WxIntersectionObserver } from './intersectionObserver.js';
import type { Instance } from '../core/instance.js';
import * as system from './system.js';
import * as navbar from './navigationBar.js';
import * as storage from './storage.js';
import { request } from './request.js';
import { canIUse, useApiTables } from './unsupported.js';
import { TABLES_AT_START } from './apiTables.js';
import { cloud } from './cloud.js';
import { onAppShow, offAppShow, onAppHide, offAppHide, onKeyboardHeightChange, offKeyboardHeightChange, arrayBufferToBase64, base64ToArrayBuffer, onMemoryWarning, offMemoryWarning, getAccountInfoSync } from './misc.js';
import { createAnimation } from './animation.js';
import { auth, device, extras, feedback, lazyAsync, lazyListener, lazyTask, network, payments, sockets, subscriptions, transfer, updates } from './lazy.js';

const LAZY_ASYNC = [
  'getLocation', 'openLocation', 'startLocationUpdate', 'stopLocationUpdate',
  'chooseImage', 'chooseMedia', 'chooseMessageFile', 'getImageInfo', 'compressImage', 'saveImageToPhotosAlbum',
  'scanCode', 'getSetting', 'authorize', 'openSetting',
  'startAccelerometer', 'stopAccelerometer', 'startGyroscope', 'stopGyroscope',
  'startDeviceMotionListening', 'stopDeviceMotionListening', 'startCompass', 'stopCompass',
  'exitMiniProgram', 'setBackgroundColor', 'setBackgroundTextStyle', 'hideKeyboard', 'getBatteryInfo', 'getRandomValues',
  'loadFontFace', 'openDocument', 'showShareMenu', 'hideShareMenu', 'updateShareMenu',
];
const LAZY_LISTENERS = [
  'onLocationChange', 'offLocationChange', 'onAccelerometerChange', 'offAccelerometerChange', 'onGyroscopeChange', 'offGyroscopeChange',
  'onDeviceMotionChange', 'offDeviceMotionChange', 'onCompassChange', 'offCompassChange',
];
import { offThemeChange, onThemeChange } from '../shell/theme.js';

/** The element a page or component renders into (the current page when none is given). */
let scopeRoot: (inst: Instance | undefined) => Element | null = () => null;
export function setScopeRoot(fn: (inst: Instance | undefined) => Element | null): void {
  scopeRoot = fn;
}

export const wx: Record<string, unknown> = {
  navigateTo: route.navigateTo,
  navigateBack: route.navigateBack,
  redirectTo: route.redirectTo,
  reLaunch: route.reLaunch,
  switchTab: route.switchTab,
  startPullDownRefresh: route.startPullDownRefresh,
  stopPullDownRefresh: route.stopPullDownRefresh,
  pageScrollTo: route.pageScrollTo,
  enableAlertBeforeUnload: route.enableAlertBeforeUnload,
  disableAlertBeforeUnload: route.disableAlertBeforeUnload,
  setTabBarBadge: route.setTabBarBadge,
  removeTabBarBadge: route.removeTabBarBadge,
  showTabBarRedDot: route.showTabBarRedDot,
  hideTabBarRedDot: route.hideTabBarRedDot,
  showTabBar: route.showTabBar,
  hideTabBar: route.hideTabBar,
  setTabBarStyle: route.setTabBarStyle,
  setTabBarItem: route.setTabBarItem,
  onError,
  offError,
  onUnhandledRejection,
  offUnhandledRejection,
  createSelectorQuery,
  onThemeChange,
  offThemeChange,
  request,
  setStorageSync: storage.setStorageSync,
  getStorageSync: storage.getStorageSync,
  removeStorageSync: storage.removeStorageSync,
  clearStorageSync: storage.clearStorageSync,
  getStorageInfoSync: storage.getStorageInfoSync,
  setStorage: storage.setStorage,
  getStorage: storage.getStorage,
  removeStorage: storage.removeStorage,
  clearStorage: storage.clearStorage,
  getStorageInfo: storage.getStorageInfo,
  setNavigationBarTitle: navbar.setNavigationBarTitle,
  setNavigationBarColor: navbar.setNavigationBarColor,
  showNavigationBarLoading: navbar.showNavigationBarLoading,
  hideNavigationBarLoading: navbar.hideNavigationBarLoading,
  getSystemInfo: system.getSystemInfo,
  getSystemInfoSync: system.getSystemInfoSync,
  getSystemInfoAsync: system.getSystemInfoAsync,
  getWindowInfo: system.getWindowInfo,
  getDeviceInfo: system.getDeviceInfo,
  getAppBaseInfo: system.getAppBaseInfo,
  getSystemSetting: system.getSystemSetting,
  getAppAuthorizeSetting: system.getAppAuthorizeSetting,
  getMenuButtonBoundingClientRect: system.getMenuButtonBoundingClientRect,
  createIntersectionObserver(component?: Instance, options?: ConstructorParameters<typeof WxIntersectionObserver>[1]): WxIntersectionObserver {
    return new WxIntersectionObserver(component, options, (inst) => scopeRoot(inst));
  },
  nextTick(fn: () => void): void {
    queueMicrotask(() => {
      flushAll();
      fn();
    });
  },
};

for (const name of LAZY_ASYNC) wx[name] = lazyAsync(extras, name);
for (const name of ['getNetworkType', 'makePhoneCall', 'setKeepScreenOn']) wx[name] = lazyAsync(network, name);
// The state at registration goes along: a change while the module loads still reaches the listener.
wx.onNetworkStatusChange = (fn: unknown) => {
  const online = navigator.onLine;
  void network().then((m) => m.onNetworkStatusChange(fn, online));
};
wx.offNetworkStatusChange = lazyListener(network, 'offNetworkStatusChange');
for (const name of ['setClipboardData', 'getClipboardData', 'vibrateShort', 'vibrateLong', 'previewImage']) wx[name] = lazyAsync(device, name);
for (const name of ['login', 'checkSession', 'getUserProfile', 'getUserInfo']) wx[name] = lazyAsync(auth, name);
for (const name of ['showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal', 'showActionSheet']) wx[name] = lazyAsync(feedback, name);
wx.requestPayment = lazyAsync(payments, 'requestPayment');
wx.requestSubscribeMessage = lazyAsync(subscriptions, 'requestSubscribeMessage');
const TRANSFER_TASK = ['abort', 'onProgressUpdate', 'offProgressUpdate', 'onHeadersReceived', 'offHeadersReceived'];
wx.uploadFile = lazyTask(transfer, 'uploadFile', TRANSFER_TASK, true);
wx.downloadFile = lazyTask(transfer, 'downloadFile', TRANSFER_TASK, true);
wx.connectSocket = lazyTask(sockets, 'connectSocket', ['send', 'close', 'onOpen', 'onMessage', 'onError', 'onClose'], false);
for (const name of ['sendSocketMessage', 'closeSocket', 'onSocketOpen', 'onSocketMessage', 'onSocketError', 'onSocketClose']) wx[name] = lazyListener(sockets, name);
let updateManager: unknown;
wx.getUpdateManager = () => (updateManager ??= lazyTask(updates, 'getUpdateManager', ['onCheckForUpdate', 'onUpdateReady', 'onUpdateFailed', 'applyUpdate'], false)());
for (const name of LAZY_LISTENERS) wx[name] = lazyListener(extras, name);
// The APIs of built-in components come with the component's module (runtime/api/media.ts); they
// find their element in the caller's scope (a page, or the component given as the last argument).
import { createInnerAudioContext, provided } from './media.js';
for (const name of ['createVideoContext', 'createAudioContext', 'createCanvasContext', 'canvasToTempFilePath', 'createMapContext']) {
  wx[name] = (arg: unknown, inst?: Instance) => provided(name, arg, () => scopeRoot(inst), inst);
}
wx.createInnerAudioContext = createInnerAudioContext;
wx.canIUse = (schema: unknown): boolean => canIUse(wx, schema);
/** WeChat's user data folder name: file APIs are not available, but programs read the constant. */
wx.env = { USER_DATA_PATH: 'wxfile://usr' };
wx.createAnimation = createAnimation;
// Named one by one: a namespace object would need the bundler's helper for it in the chunk.
Object.assign(wx, { onAppShow, offAppShow, onAppHide, offAppHide, onKeyboardHeightChange, offKeyboardHeightChange, arrayBufferToBase64, base64ToArrayBuffer, onMemoryWarning, offMemoryWarning, getAccountInfoSync });
wx.cloud = cloud;
// The stubs of what is not implemented come last (a name wx has is not one of them).
if (TABLES_AT_START) useApiTables(wx, TABLES_AT_START);
