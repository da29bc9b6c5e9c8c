Page({
  data: {
    animState: 'idle',
    settings: [
      { id: 'account', title: 'Account', value: 'ada' },
      { id: 'privacy', title: 'Privacy', value: '' }
    ],
    opened: '',
    username: '',
    qty: 2,
    submitted: '',
    tabNames: ['Fruit', 'Vegetables', 'Bread'],
    tab: 0,
    measure: '',
    gift: false,
    extras: 'ribbon',
    speed: 'normal'
  },
  onGift(e) {
    this.giftChanges = (this.giftChanges || 0) + 1;
    this.setData({ giftEvent: e.detail.value });
  },
  onExtras(e) {
    this.setData({ extras: e.detail.value.join('+') });
  },
  onReady() {
    const group = this.selectComponent('#group');
    wx.createSelectorQuery()
      .select('#group').boundingClientRect()
      .selectAll('.section-title').fields({ id: true, size: true })
      .selectViewport().scrollOffset()
      .exec((res) => {
        group.measure((inner) => {
          this.setData({
            measure: 'group ' + Math.round(res[0].width) + 'px wide, ' + res[1].length + ' titles, inner ' + Math.round(inner.width) + 'px, scrollTop ' + res[2].scrollTop
          });
        });
      });
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
  runAnimation() {
    this.animate(
      '#anim-box',
      [
        { opacity: 1, translate: [0, 0], ease: 'ease-out' },
        { opacity: 0.5, translate: [100, 0], rotate: 90 },
      ],
      300,
      () => this.setData({ animState: 'animated' }),
    );
  },
  runWxAnimation() {
    const animation = wx.createAnimation({ duration: 150, timingFunction: 'ease' });
    animation.translateX(50).opacity(0.5).step();
    animation.rotate(90).step({ duration: 100 });
    this.setData({ boxAnimation: animation.export() });
  },
  clearOpacity() {
    this.clearAnimation('#anim-box', { opacity: true }, () => this.setData({ animState: 'opacity cleared' }));
  },
  onTab(e) {
    this.setData({ tab: e.detail.index });
  }
});
