// What each button passes to its API (most need nothing).
const PARAMS = {
  getLocation: { type: 'wgs84' },
  openLocation: { latitude: 52.52, longitude: 13.405, name: 'Berlin' },
  chooseImage: { count: 1 },
  chooseMedia: { count: 1, mediaType: ['image', 'video'] },
  authorize: { scope: 'scope.userLocation' },
  startAccelerometer: { interval: 'ui' },
  vibrateShort: { type: 'medium' },
  setClipboardData: { data: 'copied from wx2tg api-lab' },
  showModal: { title: 'Hello', content: 'A Telegram popup' },
  showActionSheet: { itemList: ['One', 'Two'] },
  showToast: { title: 'Done', icon: 'success' },
  requestSubscribeMessage: { tmplIds: ['order-shipped'] },
};

Page({
  data: {
    result: 'Tap an API.',
    groups: [
      { title: 'Device', apis: ['getSystemInfo', 'getNetworkType', 'vibrateShort', 'setClipboardData', 'getClipboardData', 'scanCode'] },
      { title: 'Location', apis: ['getLocation', 'openLocation', 'getSetting', 'authorize', 'openSetting'] },
      { title: 'Media', apis: ['chooseImage', 'chooseMedia'] },
      { title: 'Sensors', apis: ['startAccelerometer', 'stopAccelerometer', 'startCompass', 'stopCompass'] },
      { title: 'UI', apis: ['showModal', 'showActionSheet', 'showToast'] },
      { title: 'Account', apis: ['login', 'getUserProfile', 'requestSubscribeMessage'] },
    ],
  },
  onLoad() {
    wx.onAccelerometerChange((r) => this.show('accelerometer', r));
    wx.onCompassChange((r) => this.show('compass', r));
  },
  onUnload() {
    wx.stopAccelerometer({});
    wx.stopCompass({});
  },
  run(e) {
    const api = e.currentTarget.dataset.api;
    const params = Object.assign({}, PARAMS[api], {
      success: (res) => this.show(api, res),
      fail: (err) => this.show(api, err),
    });
    wx[api](params);
  },
  show(api, res) {
    // Kept on the window too, for the end-to-end test.
    const last = (globalThis.__last = globalThis.__last || {});
    last[api] = res;
    this.setData({ result: api + ' → ' + JSON.stringify(res, null, 2) });
  },
});
