/**
 * What wx2tg supports of WeChat's API, read by the runtime (wx.canIUse) and by the compatibility
 * report (`wx2tg check`). Which wx.* methods are implemented is not listed here: it is what the
 * runtime's `wx` has (a test keeps docs/api-coverage.md in step with it). Built-in components
 * and their attributes are in common/builtinAttributes.ts.
 */

/** `api.object.param` schemas whose API works but whose parameter does not, with the reason. */
export const UNSUPPORTED_PARAMS: Record<string, string> = {
  'setStorage.object.encrypt': 'encrypted storage is not available on Telegram',
  'getStorage.object.encrypt': 'encrypted storage is not available on Telegram',
};

export const UNSUPPORTED_REASON = 'not supported on Telegram';

/**
 * Implemented methods that behave differently from WeChat in a way a program may notice: what
 * differs. Read by `wx2tg check` only (the runtime does not ship it).
 */
export const API_NOTES: Readonly<Record<string, string>> = {
  login: "the code carries Telegram's signed init data: your server checks it with code2Session from wx2tg/server",
  checkSession: "valid while Telegram's init data is younger than a day",
  getUserProfile: 'the Telegram user: name, language and photo (no gender, region or encrypted data)',
  getUserInfo: 'the Telegram user: name, language and photo (no gender, region or encrypted data)',
  getAccountInfoSync: 'appId and version are empty; envVersion is always "release"',
  getClipboardData: 'Telegram lets a Mini App read the clipboard only for some launches; else the browser asks, or it fails',
  vibrateShort: 'Telegram haptic feedback (or the browser vibration); fails where there is neither',
  vibrateLong: 'Telegram haptic feedback (or the browser vibration); fails where there is neither',
  makePhoneCall: 'opens a tel: link',
  setKeepScreenOn: 'the Screen Wake Lock API: fails where the WebView has none',
  getNetworkType: "from the browser's Network Information API: the kind of network is often unknown",
  onNetworkStatusChange: "from the browser's online/offline events and Network Information API",
  request: "runs on fetch(): the server must allow the Mini App's origin (CORS)",
  getSystemInfo: 'from Telegram and the browser: brand, model and WeChat versions are not known',
  getSystemInfoSync: 'from Telegram and the browser: brand, model and WeChat versions are not known',
  getSystemInfoAsync: 'from Telegram and the browser: brand, model and WeChat versions are not known',
  getDeviceInfo: 'from the browser: brand and model are not known',
  getAppBaseInfo: 'host.env is "Telegram"; the WeChat version reported is a fixed recent one',
  getMenuButtonBoundingClientRect: "where WeChat's capsule would be; Telegram draws its own buttons above the page",
  getLaunchOptionsSync: 'scene is 1037 for a startapp link, else 1001; no referrerInfo',
  getEnterOptionsSync: 'scene is 1037 for a startapp link, else 1001; no referrerInfo',
  requestPayment: 'opens the Telegram invoice your server created with wx2tg/server (its answer fills the WeChat Pay fields)',
  requestSubscribeMessage: 'Telegram has one permission for the bot to message the user: every template id gets the same answer',
  scanCode: "Telegram's QR scanner: QR codes only, from the camera",
  getLocation: "Telegram's location manager, else the browser's geolocation (gcj02 is converted from WGS84)",
  openLocation: 'opens the place on a map web site',
  chooseImage: 'a file picker: tempFilePaths are blob: URLs',
  chooseMedia: 'a file picker: tempFilePath values are blob: URLs',
  chooseMessageFile: 'a file picker (there are no chats to pick from): paths are blob: URLs',
  saveImageToPhotosAlbum: "Telegram's file download (or the browser's): the user chooses where it goes",
  uploadFile: "runs on XMLHttpRequest: the server must allow the Mini App's origin (CORS)",
  downloadFile: "runs on XMLHttpRequest: the server must allow the Mini App's origin (CORS); tempFilePath is a blob: URL",
  getSetting: 'scopes as Telegram grants them: userInfo and writePhotosAlbum always, location from Telegram, the rest unknown or denied',
  authorize: 'scopes Telegram has nothing for (werun, invoice, address, bluetooth, …) fail',
  getUpdateManager: 'an update is a new deployment: it compares the deployed index.html with the one running',
};

/** Why a family of methods cannot work here (first match wins); others are not implemented yet. */
export const API_REASONS: readonly (readonly [RegExp, string])[] = [
  [/Bluetooth|BLE|Beacon/, 'Bluetooth is not available to Mini Apps'],
  [/NFC|HCE/, 'NFC is not available to Mini Apps'],
  [/Wifi/, 'Wi-Fi control is not available to web pages'],
  [/Soter/, "WeChat's SOTER biometric authentication does not exist on Telegram"],
  [/WeRun/, 'WeRun data is WeChat\'s'],
  [/Ad$/, 'WeChat ads do not exist on Telegram'],
  [/Channels|LivePusher|LivePlayer|Voip|VoIP/, "WeChat's live and calling services do not exist on Telegram"],
  [/MiniProgram|Plugin|EmbeddedMiniProgram/, 'other mini-programs and plugins cannot be opened from Telegram'],
  [/Favorites|Card|Invoice|Address|WeChat|Group|Official|Privacy/, 'a WeChat service that does not exist on Telegram'],
];

export function apiUnsupportedReason(name: string): string {
  for (const [re, reason] of API_REASONS) if (re.test(name)) return reason;
  return `not implemented yet: it fails with "${name}:fail ${UNSUPPORTED_REASON}"`;
}
