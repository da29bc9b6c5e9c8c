const store = require('../../utils/store.js');

Page({
  data: {
    draft: '',
    todos: [],
    filter: 'all',
    filters: [
      { value: 'all', label: 'All' },
      { value: 'active', label: 'Active' },
      { value: 'done', label: 'Done' },
    ],
  },
  onLoad() {
    this.setData({ todos: store.load() });
  },
  add() {
    const title = this.data.draft.trim();
    if (!title) return;
    const todos = [store.create(title)].concat(this.data.todos);
    this.setData({ todos, draft: '' });
    store.save(todos);
  },
  onChecked(e) {
    const checked = e.detail.value;
    const todos = this.data.todos.map((t) => Object.assign({}, t, { done: checked.indexOf(t.id) >= 0 }));
    this.setData({ todos });
    store.save(todos);
  },
  remove(e) {
    const todos = this.data.todos.filter((t) => t.id !== e.detail.id);
    this.setData({ todos });
    store.save(todos);
    wx.showToast({ title: 'Deleted', icon: 'none' });
  },
  clearDone() {
    const done = this.data.todos.filter((t) => t.done).length;
    if (!done) return;
    wx.showModal({
      title: 'Clear completed',
      content: 'Remove ' + done + ' completed item' + (done > 1 ? 's' : '') + '?',
      success: (res) => {
        if (!res.confirm) return;
        const todos = this.data.todos.filter((t) => !t.done);
        this.setData({ todos });
        store.save(todos);
      },
    });
  },
  setFilter(e) {
    this.setData({ filter: e.currentTarget.dataset.value });
  },
});
