// An independent subpackage: it can open first, without the main package. Until a page of the
// main package opens, App() has not run: getApp() is undefined, getApp({allowDefault: true}) is not.
const greet = require('../../utils/greet');

Page({
  data: { greeting: '', appState: '' },
  onLoad() {
    const app = getApp();
    // What is set on the default app joins the real one when it registers (WeChat merges them).
    const fallback = getApp({ allowDefault: true });
    fallback.guestVisited = true;
    this.setData({
      greeting: greet('guest'),
      appState: app ? 'app: ' + Object.keys(app.globalData || {}).join(',') : 'no app yet (default app: ' + (fallback ? 'yes' : 'no') + ')'
    });
  },
  next() {
    wx.navigateTo({ url: '../next/next' });
  }
});
