const products = require('../../utils/products.js');
const cart = require('../../utils/cart.js');

Page({
  data: {
    product: null,
    openedFrom: '',
    gallery: ['front', 'side', 'top'],
    slide: 0
  },
  onSlide(e) {
    this.setData({ slide: e.detail.current });
  },
  onLoad(query) {
    const channel = this.getOpenerEventChannel();
    channel.on('opened', (info) => this.setData({ openedFrom: info.from }));
    const product = products.find((p) => p.id === query.id) || products[0];
    this.setData({ product: product });
    if (query.from === 'share') this.setData({ openedFrom: 'a shared link' });
    wx.setNavigationBarTitle && wx.setNavigationBarTitle({ title: product.name });
  },
  add() {
    cart.add(this.data.product.id);
    this.getOpenerEventChannel().emit('added', this.data.product.name);
  },
  // A friend who opens the shared link lands on this product.
  onShareAppMessage() {
    const product = this.data.product;
    return { title: product.name + ' · Tiny Shop', path: '/pages/product/product?id=' + product.id + '&from=share' };
  },
  toCart() {
    wx.switchTab({ url: '/pages/cart/cart' });
  }
});
