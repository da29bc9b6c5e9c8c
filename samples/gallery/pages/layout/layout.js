const more = (from, n) => Array.from({ length: n }, (_, i) => `Item ${from + i + 1}`);

Page({
  data: {
    items: more(0, 12),
    refreshing: false,
    refreshState: 'Pull the list down',
    chips: ['All', 'Fruit', 'Vegetables', 'Bakery', 'Dairy', 'Drinks', 'Frozen', 'Snacks', 'Household'],
    picked: 0,
    into: '',
    slides: [1, 2, 3, 4],
    autoplay: false,
    current: 0,
    source: '',
    x: 0,
    y: 0,
    pos: { x: 0, y: 0, source: '' },
    scale: 1,
  },
  onRefresh() {
    this.setData({ refreshing: true, refreshState: 'Refreshing…' });
    setTimeout(() => {
      this.refreshes = (this.refreshes || 0) + 1;
      this.setData({ refreshing: false, items: more(0, 12), refreshState: `Refreshed ${this.refreshes}×` });
    }, 800);
  },
  onMore() {
    if (this.data.items.length >= 36) return;
    this.setData({ items: this.data.items.concat(more(this.data.items.length, 6)) });
  },
  pick(e) {
    const index = e.currentTarget.dataset.index;
    this.setData({ picked: index, into: `chip-${Math.max(0, index - 1)}` });
  },
  onSwipe(e) {
    this.setData({ current: e.detail.current, source: e.detail.source });
  },
  onAutoplay(e) {
    this.setData({ autoplay: e.detail.value });
  },
  onMove(e) {
    this.setData({ pos: { x: Math.round(e.detail.x), y: Math.round(e.detail.y), source: e.detail.source } });
  },
  onScale(e) {
    this.setData({ scale: Math.round(e.detail.scale * 100) / 100 });
  },
  home() {
    // x/y in data are still what was last set (0), not where the view was dragged: set where it
    // is first, so that going back to 0 is a change the view sees.
    this.setData({ x: this.data.pos.x, y: this.data.pos.y }, () => this.setData({ x: 0, y: 0 }));
  },
});
