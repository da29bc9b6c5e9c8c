// A row of tags that knows its tags through relations (and counts them).
Component({
  relations: {
    '../tag/tag': {
      type: 'child',
      linked() {
        this.recount();
      },
      unlinked() {
        this.recount();
      }
    }
  },
  data: { count: 0 },
  methods: {
    recount() {
      this.setData({ count: this.getRelationNodes('../tag/tag').length });
    }
  }
});
