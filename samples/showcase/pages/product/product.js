const products = require('../../utils/products.js');
const cart = require('../../utils/cart.js');

Page({
  data: {
    product: null
  },
  onLoad(query) {
    const product = products.find((p) => p.id === query.id) || products[0];
    this.setData({ product: product });
    wx.setNavigationBarTitle && wx.setNavigationBarTitle({ title: product.name });
  },
  add() {
    cart.add(this.data.product.id);
  },
  toCart() {
    wx.switchTab({ url: '/pages/cart/cart' });
  }
});
