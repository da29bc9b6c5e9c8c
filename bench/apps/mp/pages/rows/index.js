// The js-framework-benchmark operations as a WeChat developer writes them: whole-list setData
// where the list changes shape, setData with path keys where only some rows change.
const { buildData } = require('../../utils/data.js');

function indexOf(rows, id) {
  for (let i = 0; i < rows.length; i++) if (rows[i].id === id) return i;
  return -1;
}

Page({
  data: {
    rows: []
  },
  selectedId: 0,
  run() {
    this.selectedId = 0;
    this.setData({ rows: buildData(1000) });
  },
  runLots() {
    this.selectedId = 0;
    this.setData({ rows: buildData(10000) });
  },
  add() {
    // Appending: one path key per new row, so the rows already shown are not copied again.
    const start = this.data.rows.length;
    const patch = {};
    buildData(1000).forEach((row, i) => {
      patch['rows[' + (start + i) + ']'] = row;
    });
    this.setData(patch);
  },
  update() {
    const rows = this.data.rows;
    const patch = {};
    for (let i = 0; i < rows.length; i += 10) patch['rows[' + i + '].label'] = rows[i].label + ' !!!';
    this.setData(patch);
  },
  clear() {
    this.selectedId = 0;
    this.setData({ rows: [] });
  },
  swapRows() {
    const rows = this.data.rows;
    if (rows.length <= 998) return;
    this.setData({ 'rows[1]': rows[998], 'rows[998]': rows[1] });
  },
  select(e) {
    const id = e.currentTarget.dataset.id;
    const rows = this.data.rows;
    const patch = {};
    const before = this.selectedId ? indexOf(rows, this.selectedId) : -1;
    if (before >= 0) patch['rows[' + before + '].selected'] = false;
    patch['rows[' + indexOf(rows, id) + '].selected'] = true;
    this.selectedId = id;
    this.setData(patch);
  },
  remove(e) {
    const rows = this.data.rows;
    rows.splice(indexOf(rows, e.currentTarget.dataset.id), 1);
    this.setData({ rows: rows });
  }
});
