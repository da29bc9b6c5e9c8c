Page({
  data: { missing: '' },
  onLoad(query) {
    this.setData({ missing: decodeURIComponent(query.missing || '') });
  },
});
