const cart = require('../../utils/cart.js');

Page({
  data: {
    items: [],
    total: 0,
    visits: 0
  },
  onShow() {
    const items = cart.items();
    this.setData({
      items: items,
      total: items.reduce((n, i) => n + i.total, 0),
      visits: this.data.visits + 1
    });
  },
  onTabItemTap(item) {
    this.lastTab = item;
  }
});
