const products = require('../../utils/products.js');
const cart = require('../../utils/cart.js');

// "More" pages of the catalogue: the same goods in other sizes, loaded as the list is scrolled.
function morePage(n) {
  return products.map((p) => Object.assign({}, p, { id: p.id + '-' + n, name: p.name + ' (set of ' + (n + 1) + ')', price: p.price * (n + 1) }));
}

Page({
  data: {
    products: products,
    pagesLoaded: 1,
    refreshed: 0,
    added: '',
    imagesLoaded: 0,
    featuredScroll: 0
  },
  onPullDownRefresh() {
    // A real shop would fetch here; the catalogue is local, so just start over.
    setTimeout(() => {
      this.setData({ products: products, pagesLoaded: 1, refreshed: this.data.refreshed + 1 });
      wx.stopPullDownRefresh();
      wx.showToast({ title: 'Refreshed', icon: 'none' });
    }, 300);
  },
  onReachBottom() {
    if (this.data.pagesLoaded >= 3) return;
    const n = this.data.pagesLoaded;
    this.setData({ products: this.data.products.concat(morePage(n)), pagesLoaded: n + 1 });
  },
  onImageLoad(e) {
    // bindload reports the picture's natural size.
    if (e.detail.width > 0) this.setData({ imagesLoaded: this.data.imagesLoaded + 1 });
  },
  onFeaturedScroll(e) {
    this.setData({ featuredScroll: Math.round(e.detail.scrollLeft) });
  },
  add(e) {
    // Sets are sold as their base product in this small shop.
    const id = String(e.currentTarget.dataset.id).split('-')[0];
    cart.add(id);
    const product = products.find((p) => p.id === id);
    this.setData({ added: product.name });
  },
  open(e) {
    wx.navigateTo({
      url: '/pages/product/product?id=' + String(e.currentTarget.dataset.id).split('-')[0],
      events: {
        // The product page says when it added to the cart; this page shows it on return.
        added: (name) => this.setData({ added: name })
      },
      success: (res) => res.eventChannel.emit('opened', { from: 'home' })
    });
  }
});
