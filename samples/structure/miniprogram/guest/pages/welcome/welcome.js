// An independent subpackage: it can open first, without the main package. Until a page of the
// main package opens, App() has not run: getApp() is undefined, getApp({allowDefault: true}) is not.
const greet = require('../../utils/greet');

Page({
  data: { greeting: '', appState: '' },
  onLoad() {
    const app = getApp();
    const fallback = getApp({ allowDefault: true });
    fallback.globalData = fallback.globalData || {};
    fallback.globalData.guest = true;
    this.setData({
      greeting: greet('guest'),
      appState: app ? 'app: ' + Object.keys(app.globalData || {}).join(',') : 'no app yet (default app: ' + (fallback ? 'yes' : 'no') + ')'
    });
  },
  next() {
    wx.navigateTo({ url: '../next/next' });
  }
});
