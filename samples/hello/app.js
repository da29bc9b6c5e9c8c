App({
  globalData: {
    launchedAt: 0
  },
  onLaunch() {
    this.globalData.launchedAt = Date.now();
  }
});
