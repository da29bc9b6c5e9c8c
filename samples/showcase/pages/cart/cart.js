const cart = require('../../utils/cart.js');
const api = require('../../utils/api.js');

Page({
  data: {
    items: [],
    total: 0,
    visits: 0,
    paying: false,
    paid: '',
    payError: ''
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
  checkout() {
    if (this.data.paying) return;
    this.setData({ paying: true, payError: '', paid: '' });
    const lines = this.data.items.map((i) => ({ id: i.id, quantity: i.qty }));
    api.createOrder(lines).then(
      (order) => {
        const p = order.payment;
        wx.requestPayment({
          timeStamp: p.timeStamp,
          nonceStr: p.nonceStr,
          package: p.package,
          signType: p.signType,
          paySign: p.paySign,
          success: () => {
            cart.clear();
            this.setData({ items: [], total: 0, paying: false, paid: order.orderId });
            wx.showToast({ title: 'Paid', icon: 'success' });
          },
          fail: (err) => {
            this.setData({ paying: false, payError: err.errMsg });
            if (err.errMsg === 'requestPayment:fail cancel') wx.showToast({ title: 'Payment cancelled', icon: 'none' });
          }
        });
      },
      (err) => this.setData({ paying: false, payError: err.message })
    );
  },
  onTabItemTap(item) {
    this.lastTab = item;
  }
});
