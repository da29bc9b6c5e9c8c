// The js-framework-benchmark operations in plain DOM code: the baseline the others are compared
// with. It builds the same elements as the compiled mini-program page (wx-view/wx-text with the
// same classes and text), so the difference is the framework, not the DOM.
import data from '../mp/utils/data.js';

const { buildData } = data;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// One row built once, then cloned: cheaper than creating its four elements one by one.
const ROW = el('wx-view', 'row');
ROW.append(el('wx-text', 'col-id', ' '), el('wx-view', 'lbl', ' '), el('wx-view', 'remove', '×'));

const app = document.querySelector('.app');
const buttons = el('wx-view', 'buttons');
const list = el('wx-view', 'rows');
list.id = 'rows';
app.append(buttons, list);

/** Rows shown, in order: { id, label, el, labelText } */
let rows = [];
let selected = null;

function createRow(data) {
  const node = ROW.cloneNode(true);
  const idCell = node.firstChild;
  const labelCell = idCell.nextSibling;
  idCell.firstChild.data = String(data.id);
  labelCell.firstChild.data = data.label;
  const row = { id: data.id, label: data.label, el: node, labelText: labelCell.firstChild };
  node.__row = row;
  return row;
}

function append(datas) {
  const frag = document.createDocumentFragment();
  for (const d of datas) {
    const row = createRow(d);
    rows.push(row);
    frag.appendChild(row.el);
  }
  list.appendChild(frag);
}

function clearRows() {
  list.textContent = '';
  rows = [];
  selected = null;
}

const ops = {
  run() {
    clearRows();
    append(buildData(1000));
  },
  runlots() {
    clearRows();
    append(buildData(10000));
  },
  add() {
    append(buildData(1000));
  },
  update() {
    for (let i = 0; i < rows.length; i += 10) {
      const row = rows[i];
      row.label += ' !!!';
      row.labelText.data = row.label;
    }
  },
  clear: clearRows,
  swaprows() {
    if (rows.length <= 998) return;
    const a = rows[1];
    const b = rows[998];
    const afterB = b.el.nextSibling;
    list.insertBefore(b.el, a.el);
    list.insertBefore(a.el, afterB);
    rows[1] = b;
    rows[998] = a;
  },
};

const LABELS = { run: 'Create 1,000 rows', runlots: 'Create 10,000 rows', add: 'Append 1,000 rows', update: 'Update every 10th row', clear: 'Clear', swaprows: 'Swap rows' };
for (const id of Object.keys(LABELS)) {
  const b = el('wx-view', 'btn', LABELS[id]);
  b.id = id;
  b.addEventListener('click', ops[id]);
  buttons.appendChild(b);
}

list.addEventListener('click', (e) => {
  const target = e.target;
  const row = target.parentNode && target.parentNode.__row;
  if (!row) return;
  if (target.className === 'lbl') {
    if (selected) selected.el.className = 'row';
    row.el.className = 'row danger';
    selected = row;
  } else if (target.className === 'remove') {
    rows.splice(rows.indexOf(row), 1);
    row.el.remove();
    if (selected === row) selected = null;
  }
});
