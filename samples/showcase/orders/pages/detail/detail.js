// The order page lives in the "orders" subpackage: its code loads when an order is first opened.
const STATUS = { paid: 'Paid — we are packing it', pending: 'Waiting for the payment', refunded: 'Refunded', cancelled: 'Cancelled' };

Page({
  data: { id: '', title: '', amount: 0, status: '', statusText: '' },
  onLoad(query) {
    const status = query.status || 'pending';
    this.setData({
      id: query.id,
      title: decodeURIComponent(query.title || ''),
      amount: Number(query.amount) || 0,
      status: status,
      statusText: STATUS[status] || status
    });
  }
});
