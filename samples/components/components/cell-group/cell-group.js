Component({
  properties: {
    title: String
  },
  data: {
    count: 0
  },
  relations: {
    '../cell/cell': {
      type: 'child',
      linked() {
        this.refresh();
      },
      unlinked() {
        this.refresh();
      }
    }
  },
  methods: {
    refresh() {
      const cells = this.getRelationNodes('../cell/cell');
      cells.forEach((cell, i) => cell.setData({ isLast: i === cells.length - 1 }));
      this.setData({ count: cells.length });
    }
  }
});
