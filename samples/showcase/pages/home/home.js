const products = require('../../utils/products.js');
const cart = require('../../utils/cart.js');

Page({
  data: {
    products: products,
    added: ''
  },
  add(e) {
    const id = e.currentTarget.dataset.id;
    cart.add(id);
    const product = products.find((p) => p.id === id);
    this.setData({ added: product.name });
  },
  open(e) {
    wx.navigateTo({ url: '/pages/product/product?id=' + e.currentTarget.dataset.id });
  }
});
