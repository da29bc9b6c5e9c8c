// setData cost, list form: 1,000 rows each with one binding; the bench changes one row's field
// with a path key (`rows[500].v`).
const rows = [];
for (let i = 0; i < 1000; i++) rows.push({ id: i, v: 'row ' + i });

Page({
  data: { rows: rows }
});
