Page({
  data: {
    platform: '',
    width: 0
  },
  onLoad() {
    const info = wx.getSystemInfoSync();
    this.setData({ platform: info.platform, width: info.windowWidth });
  }
});
