const { logged } = require('../../lifecycle.js');

Page(
  logged(() => 'home', {
    data: { log: '', answer: '' },
    onShareAppMessage(res) {
      return { title: 'Stack lab (' + res.from + ')', path: '/pages/stack/stack?n=5' };
    },
    onPhone(e) {
      this.setData({ answer: e.detail.errMsg + (e.detail.code ? ' ' + e.detail.code.slice(0, 11) : '') });
    },
    onUser(e) {
      this.setData({ answer: e.detail.errMsg + ' ' + e.detail.userInfo.nickName });
    },
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
