const { logged } = require('../../lifecycle.js');

Page(
  logged((page) => 'stack' + (page.query ? page.query.n : '?'), {
    data: { n: 0, depth: 0, error: '' },
    onLoad(query) {
      this.query = query;
      getApp().globalData.log.push('stack' + query.n + '.onLoad ' + JSON.stringify(query));
      this.setData({ n: Number(query.n), depth: getCurrentPages().length });
    },
    next() {
      wx.navigateTo({
        url: '/pages/stack/stack?n=' + (this.data.n + 1),
        fail: (err) => this.setData({ error: err.errMsg }),
      });
    },
    back2() {
      wx.navigateBack({ delta: 2 });
    },
    redirect() {
      wx.redirectTo({ url: '/pages/stack/stack?n=' + (this.data.n + 100) });
    },
    relaunch() {
      wx.reLaunch({ url: '/pages/home/home' });
    },
    tab() {
      wx.switchTab({ url: '/pages/tab2/tab2' });
    },
  }),
);
