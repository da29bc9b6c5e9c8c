Component({
  options: {
    multipleSlots: true
  },
  externalClasses: ['tab-class', 'active-class'],
  properties: {
    tabs: { type: Array, value: [] },
    active: { type: Number, value: 0 }
  },
  methods: {
    select(e) {
      const index = e.currentTarget.dataset.index;
      if (index === this.data.active) return;
      this.setData({ active: index });
      this.triggerEvent('change', { index: index });
    }
  }
});
