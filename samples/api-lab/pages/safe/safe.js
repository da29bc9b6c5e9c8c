Page({
  data: { statusBarHeight: 0, barHeight: 44, capsuleSpace: 0, menu: {}, safeBottom: 0, windowHeight: 0 },
  onLoad() {
    this.measure();
  },
  measure() {
    const info = wx.getWindowInfo();
    const menu = wx.getMenuButtonBoundingClientRect();
    // WeChat's recipe: the bar is as tall as the capsule plus twice its gap below the status bar.
    const gap = menu.top - info.statusBarHeight;
    this.setData({
      statusBarHeight: info.statusBarHeight,
      barHeight: menu.height + gap * 2,
      capsuleSpace: info.windowWidth - menu.left,
      menu,
      safeBottom: info.safeArea.bottom,
      windowHeight: info.windowHeight,
    });
  },
  guardOn() {
    wx.enableAlertBeforeUnload({ message: 'Leave this page? Your draft is not saved.' });
  },
  guardOff() {
    wx.disableAlertBeforeUnload();
  },
  back() {
    wx.navigateBack();
  },
});
