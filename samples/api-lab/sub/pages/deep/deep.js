Page({
  data: { query: {}, depth: 0 },
  onLoad(query) {
    getApp().globalData.log.push('deep.onLoad ' + JSON.stringify(query));
    this.setData({ query, depth: getCurrentPages().length });
  },
});
