Component({
  behaviors: ['wx://form-field'],
  properties: {
    value: { type: Number, value: 1 },
    min: { type: Number, value: 0 },
    max: { type: Number, value: 99 }
  },
  methods: {
    change(next) {
      if (next < this.data.min || next > this.data.max) return;
      this.setData({ value: next });
      this.triggerEvent('change', { value: next });
    },
    minus() {
      this.change(this.data.value - 1);
    },
    plus() {
      this.change(this.data.value + 1);
    }
  }
});
