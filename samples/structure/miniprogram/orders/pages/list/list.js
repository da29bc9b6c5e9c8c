const orders = require('../../utils/orders');

Page({
  data: { orders: [], from: '', opened: 0 },
  onLoad(query) {
    this.setData({ orders: orders.sample(), from: query.from, opened: getApp().globalData.opened });
  }
});
