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
  clear() {
    wx.showModal({
      title: 'Clear the cart?',
      content: 'Every item will be removed.',
      confirmText: 'Clear',
      success: (res) => {
        if (!res.confirm) return;
        cart.clear();
        this.setData({ items: [], total: 0 });
        wx.showToast({ title: 'Cleared', icon: 'success' });
      }
    });
  },
  onTabItemTap(item) {
    this.lastTab = item;
  }
});
