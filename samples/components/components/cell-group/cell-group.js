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
    measure(cb) {
      // .group is this component's own class: the query finds it through the component's scoping.
      this.createSelectorQuery().select('.group').boundingClientRect((rect) => cb(rect)).exec();
    },
    refresh() {
      const cells = this.getRelationNodes('../cell/cell');
      cells.forEach((cell, i) => cell.setData({ isLast: i === cells.length - 1 }));
      this.setData({ count: cells.length });
    }
  }
});
