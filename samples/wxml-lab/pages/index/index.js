Page({
  data: {
    user: { name: 'Ada' },
    a: 2,
    b: 3,
    more: [1, 2],
    n: 0,
    items: [
      { id: 'a', name: 'Apple' },
      { id: 'b', name: 'Banana' },
      { id: 'c', name: 'Cherry' },
    ],
    prices: { tea: 3, cake: 5 },
    groups: [
      { title: 'G1', rows: ['x', 'y'] },
      { title: 'G2', rows: ['z'] },
    ],
    tplName: 'card',
    tplLabel: 'New',
    product: { name: 'Lamp', price: 12.5 },
    draggedBy: 0,
    level: 10,
    levelLog: '',
    form: { name: '' },
    agree: false,
    active: false,
    w: 200,
    count: 3,
    relImage: './dot.png',
  },
  rename() {
    this.setData({ 'user.name': 'Grace' });
  },
  cycle() {
    this.setData({ n: (this.data.n + 1) % 3 });
  },
  rotate() {
    const items = this.data.items.slice();
    items.push(items.shift());
    this.setData({ items });
  },
  renameFirst() {
    this.setData({ 'items[0].name': this.data.items[0].name + '*' });
  },
  add() {
    const id = 'n' + this.data.items.length;
    this.setData({ items: this.data.items.concat([{ id, name: 'New ' + id }]) });
  },
  switchTemplate() {
    this.setData({ tplName: this.data.tplName === 'card' ? 'plain' : 'card' });
  },
  dragged(e) {
    this.setData({ draggedBy: Math.round(e.dx) });
  },
  levelUp() {
    this.setData({ level: this.data.level + 10 });
  },
  levelSeen(e) {
    this.setData({ levelLog: this.data.levelLog + `${e.old}->${e.value};` });
  },
  toggleChip() {
    this.setData({ active: !this.data.active, w: this.data.active ? 200 : 300 });
  },
  more() {
    this.setData({ count: this.data.count + 1 });
  },
});
