Page({
  data: { lines: '', detail: '', handler: 'first' },
  log(e) {
    const where = e.currentTarget.dataset.where;
    this.setData({ lines: this.data.lines + where + '(' + e.target.dataset.where + ') ' });
    if (where === 'inner') {
      this.setData({ detail: JSON.stringify({ dataset: e.currentTarget.dataset, mark: e.mark, type: e.type }) });
    }
  },
  logCapture(e) {
    this.setData({ lines: this.data.lines + 'capture:' + e.currentTarget.dataset.where + ' ' });
  },
  first() {
    this.setData({ lines: this.data.lines + 'first ', handler: 'second' });
  },
  second() {
    this.setData({ lines: this.data.lines + 'second ', handler: 'first' });
  },
  clear() {
    this.setData({ lines: '', detail: '' });
  },
});
