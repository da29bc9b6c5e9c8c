const { logged } = require('../../lifecycle.js');

Page(
  logged(() => 'home', {
    data: { log: '' },
    push() {
      wx.navigateTo({ url: '/pages/stack/stack?n=1' });
    },
    deep() {
      wx.navigateTo({ url: '/sub/pages/deep/deep?id=42&from=home' });
    },
    safe() {
      wx.navigateTo({ url: '/pages/safe/safe' });
    },
    refresh() {
      this.setData({ log: getApp().globalData.log.join('\n') });
    },
  }),
);
