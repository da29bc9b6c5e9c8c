const api = require('../../utils/api.js');

// The subscribe-message template the server knows (server/wx2tg-server.json).
const SHIPPED = 'ORDER_SHIPPED';

Page({
  data: {
    platform: '',
    width: 0,
    user: null,
    loginError: '',
    orders: [],
    subscribed: ''
  },
  onLoad() {
    const info = wx.getSystemInfoSync();
    this.setData({ platform: info.platform, width: info.windowWidth, user: api.session() });
  },
  onShow() {
    if (api.session()) this.loadOrders();
  },
  login() {
    api.login().then(
      (session) => {
        this.setData({ user: api.session(), loginError: '' });
        this.loadOrders();
        return session;
      },
      (err) => this.setData({ loginError: err.message })
    );
  },
  loadOrders() {
    api.orders().then(
      (orders) => this.setData({ orders: orders.map((o) => ({ id: o.orderId, title: o.title, amount: o.amount, status: o.status })) }),
      () => this.setData({ orders: [] })
    );
  },
  openOrder(e) {
    const o = this.data.orders[e.currentTarget.dataset.index];
    wx.navigateTo({
      url: '/orders/pages/detail/detail?id=' + o.id + '&title=' + encodeURIComponent(o.title) + '&amount=' + o.amount + '&status=' + o.status
    });
  },
  subscribe() {
    wx.requestSubscribeMessage({
      tmplIds: [SHIPPED],
      success: (res) => this.setData({ subscribed: res[SHIPPED] }),
      fail: (err) => this.setData({ subscribed: err.errMsg })
    });
  }
});
