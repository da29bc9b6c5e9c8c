// Where a custom navigation bar goes: below the status bar, as tall as the space around the
// capsule (the menu button), leaving the capsule's corner free. WeChat programs compute it so.
module.exports = Behavior({
  data: { statusBarHeight: 0, barHeight: 44, capsuleSpace: 0 },
  lifetimes: {
    attached() {
      const info = wx.getWindowInfo();
      const menu = wx.getMenuButtonBoundingClientRect();
      const gap = menu.top - info.statusBarHeight;
      this.setData({
        statusBarHeight: info.statusBarHeight,
        barHeight: menu.height + gap * 2,
        capsuleSpace: info.windowWidth - menu.left
      });
    }
  }
});
