Page({
  data: {
    settings: [
      { id: 'account', title: 'Account', value: 'ada' },
      { id: 'privacy', title: 'Privacy', value: '' }
    ],
    opened: '',
    username: '',
    qty: 2,
    submitted: '',
    tabNames: ['Fruit', 'Vegetables', 'Bread'],
    tab: 0
  },
  openSetting(e) {
    this.setData({ opened: e.currentTarget.dataset.id });
  },
  addCell() {
    const n = this.data.settings.length + 1;
    this.setData({ settings: this.data.settings.concat([{ id: 'extra' + n, title: 'Extra ' + n, value: String(n) }]) });
  },
  onSubmit(e) {
    this.setData({ submitted: JSON.stringify(e.detail.value) });
  },
  onReset() {
    this.setData({ submitted: 'reset' });
  },
  onTab(e) {
    this.setData({ tab: e.detail.index });
  }
});
