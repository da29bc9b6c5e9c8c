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
import * as feedback from './feedback.js';
import { request } from './request.js';
import * as auth from './auth.js';
import { requestPayment } from './payment.js';
import { requestSubscribeMessage } from './subscribe.js';
import * as device from './device.js';
import * as network from './network.js';
import { canIUse, fillUnsupported } from './unsupported.js';
import { extras, lazyAsync, lazyListener } from './lazy.js';
import { downloadFile, uploadFile } from './transfer.js';
import * as socket from './socket.js';
import { getUpdateManager } from './update.js';

const LAZY_ASYNC = [
  'getLocation', 'openLocation', 'startLocationUpdate', 'stopLocationUpdate',
  'chooseImage', 'chooseMedia', 'chooseMessageFile', 'getImageInfo', 'compressImage', 'saveImageToPhotosAlbum',
  'scanCode', 'getSetting', 'authorize', 'openSetting',
  'startAccelerometer', 'stopAccelerometer', 'startGyroscope', 'stopGyroscope',
  'startDeviceMotionListening', 'stopDeviceMotionListening', 'startCompass', 'stopCompass',
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
  getNetworkType: network.getNetworkType,
  onNetworkStatusChange: network.onNetworkStatusChange,
  offNetworkStatusChange: network.offNetworkStatusChange,
  makePhoneCall: network.makePhoneCall,
  setKeepScreenOn: network.setKeepScreenOn,
  setClipboardData: device.setClipboardData,
  getClipboardData: device.getClipboardData,
  vibrateShort: device.vibrateShort,
  vibrateLong: device.vibrateLong,
  previewImage: device.previewImage,
  login: auth.login,
  requestPayment,
  requestSubscribeMessage,
  checkSession: auth.checkSession,
  getUserProfile: auth.getUserProfile,
  getUserInfo: auth.getUserInfo,
  getAccountInfoSync: auth.getAccountInfoSync,
  showToast: feedback.showToast,
  hideToast: feedback.hideToast,
  showLoading: feedback.showLoading,
  hideLoading: feedback.hideLoading,
  showModal: feedback.showModal,
  showActionSheet: feedback.showActionSheet,
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
  uploadFile,
  downloadFile,
  connectSocket: socket.connectSocket,
  sendSocketMessage: socket.sendSocketMessage,
  closeSocket: socket.closeSocket,
  onSocketOpen: socket.onSocketOpen,
  onSocketMessage: socket.onSocketMessage,
  onSocketError: socket.onSocketError,
  onSocketClose: socket.onSocketClose,
  getUpdateManager,
  nextTick(fn: () => void): void {
    queueMicrotask(() => {
      flushAll();
      fn();
    });
  },
};

for (const name of LAZY_ASYNC) wx[name] = lazyAsync(extras, name);
for (const name of LAZY_LISTENERS) wx[name] = lazyListener(extras, name);
wx.canIUse = (schema: unknown): boolean => canIUse(wx, schema);
fillUnsupported(wx);
