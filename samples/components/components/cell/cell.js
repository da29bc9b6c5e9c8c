Component({
  properties: {
    title: String,
    value: { type: String, value: '' },
    isLink: Boolean
  },
  data: {
    isLast: false
  },
  relations: {
    '../cell-group/cell-group': {
      type: 'parent'
    }
  }
});
