Page({
  data: {
    name: 'Telegram',
    count: 0,
    picked: '',
    fruits: [
      { id: 'apple', name: 'Apple' },
      { id: 'pear', name: 'Pear' },
      { id: 'plum', name: 'Plum' }
    ]
  },
  onTap() {
    this.setData({ count: this.data.count + 1 });
  },
  onPick(e) {
    this.setData({ picked: e.currentTarget.dataset.id });
  },
  openDetail() {
    wx.navigateTo({ url: '/pages/detail/detail?id=' + (this.data.picked || 'none') });
  }
});
