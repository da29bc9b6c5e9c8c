// The cart lives in this module; pages read it, and the Cart tab's badge shows the item count.
const products = require('./products.js');

const lines = {};

function count() {
  return Object.keys(lines).reduce((n, id) => n + lines[id], 0);
}

function refreshBadge() {
  const n = count();
  if (n > 0) wx.setTabBarBadge({ index: 1, text: String(n) });
  else wx.removeTabBarBadge({ index: 1 });
}

function add(id) {
  lines[id] = (lines[id] || 0) + 1;
  refreshBadge();
}

function items() {
  return products
    .filter((p) => lines[p.id])
    .map((p) => ({ id: p.id, name: p.name, price: p.price, qty: lines[p.id], total: p.price * lines[p.id] }));
}

module.exports = { add: add, items: items, count: count, refreshBadge: refreshBadge };
