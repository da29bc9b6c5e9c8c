// The cart: kept in storage so that it survives closing the app; the Cart tab's badge shows the count.
const products = require('./products.js');

const KEY = 'cart';

function lines() {
  return wx.getStorageSync(KEY) || {};
}

function count() {
  const l = lines();
  return Object.keys(l).reduce((n, id) => n + l[id], 0);
}

function refreshBadge() {
  const n = count();
  if (n > 0) wx.setTabBarBadge({ index: 1, text: String(n) });
  else wx.removeTabBarBadge({ index: 1 });
}

function add(id) {
  const l = lines();
  l[id] = (l[id] || 0) + 1;
  wx.setStorageSync(KEY, l);
  refreshBadge();
}

function clear() {
  wx.removeStorageSync(KEY);
  refreshBadge();
}

function items() {
  const l = lines();
  return products
    .filter((p) => l[p.id])
    .map((p) => ({ id: p.id, name: p.name, price: p.price, qty: l[p.id], total: p.price * l[p.id] }));
}

module.exports = { add: add, clear: clear, items: items, count: count, refreshBadge: refreshBadge };
