import { formatTime } from '@utils/format';

const app = getApp<{ globalData: { currency: string; opened: number } }>();

Page({
  data: {
    today: formatTime(new Date(2026, 10, 24)),
    total: 12345,
    count: 3,
    currency: app.globalData.currency,
    loadedAsync: 0,
  },
  openOrders(): void {
    app.globalData.opened += 1;
    // WeChat's way to reach a module inside a subpackage: loaded with that subpackage's chunk.
    require.async('../../orders/utils/orders.js').then((m: { sample(): unknown[] }) => {
      this.setData({ loadedAsync: m.sample().length });
    });
    wx.navigateTo({ url: '/orders/pages/list/list?from=index' });
  },
});
