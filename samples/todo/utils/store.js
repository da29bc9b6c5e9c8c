// Todos live in storage under one key; every change is written through at once.
const KEY = 'todos';

function load() {
  const saved = wx.getStorageSync(KEY);
  return Array.isArray(saved) ? saved : [];
}

function save(todos) {
  wx.setStorageSync(KEY, todos);
}

let nextId = Date.now();
function create(title) {
  nextId += 1;
  return { id: 't' + nextId.toString(36), title, done: false, createdAt: Date.now() };
}

module.exports = { load, save, create };
