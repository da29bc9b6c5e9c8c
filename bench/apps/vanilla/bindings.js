// The setData-cost baseline: the same 1,000 bound texts as the mini-program's list and fields
// pages (?mode=list or ?mode=fields), and one write to a single text node per update.
const mode = new URLSearchParams(location.search).get('mode') ?? 'list';
const app = document.querySelector('.app');
const texts = [];
const container = document.createElement('wx-view');
if (mode === 'list') container.className = 'rows';
for (let i = 0; i < 1000; i++) {
  const v = document.createElement('wx-view');
  if (mode === 'list') v.className = 'row';
  const t = document.createTextNode(mode === 'list' ? 'row ' + i : 'field ' + i);
  v.appendChild(t);
  container.appendChild(v);
  texts.push(t);
}
app.appendChild(container);

/** The one write the bench times: what setData({'rows[i].v': value}) ends in. */
window.__benchWrite = (i, value) => {
  texts[i].data = value;
};
