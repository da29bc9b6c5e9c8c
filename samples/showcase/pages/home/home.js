const products = require('../../utils/products.js');
const cart = require('../../utils/cart.js');

Page({
  data: {
    products: products,
    added: '',
    imagesLoaded: 0,
    featuredScroll: 0
  },
  onImageLoad(e) {
    // bindload reports the picture's natural size.
    if (e.detail.width > 0) this.setData({ imagesLoaded: this.data.imagesLoaded + 1 });
  },
  onFeaturedScroll(e) {
    this.setData({ featuredScroll: Math.round(e.detail.scrollLeft) });
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
