// preloadRule fetches the main package ("__APP__") from here; fetching it does not run it.
Page({
  data: { appState: '' },
  onShow() {
    this.setData({ appState: getApp() ? 'app registered' : 'still no app' });
  },
  home() {
    wx.reLaunch({ url: '/pages/index/index' });
  }
});
