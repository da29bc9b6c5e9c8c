import { formatTime } from '../../utils/format';

const app = getApp<{ globalData: { currency: string; opened: number } }>();

Page({
  data: {
    today: formatTime(new Date(2026, 10, 24)),
    total: 12345,
    count: 3,
    currency: app.globalData.currency,
  },
  openOrders(): void {
    app.globalData.opened += 1;
    wx.navigateTo({ url: '/orders/pages/list/list?from=index' });
  },
});
