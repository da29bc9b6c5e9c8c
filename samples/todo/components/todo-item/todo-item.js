// The Delete button is 160rpx wide: in px that depends on the window width.
const deleteWidth = () => (wx.getWindowInfo().windowWidth / 750) * 160;

Component({
  properties: {
    todo: { type: Object, value: {} },
  },
  data: { x: 0 },
  methods: {
    onMove(e) {
      this.lastX = e.detail.x;
    },
    onRelease() {
      // Snap open or closed, like the WeChat swipe cells users know.
      const width = deleteWidth();
      const open = (this.lastX || 0) < -width / 2;
      this.setData({ x: open ? -width : 0 });
    },
    remove() {
      this.triggerEvent('remove', { id: this.data.todo.id });
    },
  },
});
