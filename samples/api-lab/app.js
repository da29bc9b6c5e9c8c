// Every page lifecycle call is logged here, in order, so tests can read the exact sequence.
App({
  globalData: { log: [], notFound: [] },
  onLaunch(options) {
    this.globalData.log.push('app.onLaunch ' + options.path);
  },
  onPageNotFound(res) {
    this.globalData.notFound.push(res.path + (res.isEntryPage ? ' (entry)' : ''));
    wx.redirectTo({ url: '/pages/found/found?missing=' + encodeURIComponent(res.path) });
  },
});
