const capsule = require('../../behaviors/capsule.js');

Component({
  behaviors: [capsule],
  options: { multipleSlots: true },
  properties: {
    back: { type: Boolean, value: true }
  },
  methods: {
    goBack() {
      wx.navigateBack({ delta: 1 });
    }
  }
});
