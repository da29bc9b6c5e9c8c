const { logged } = require('../../lifecycle.js');

Page(
  logged(() => 'tab2', {
    data: { count: 0 },
    inc() {
      this.setData({ count: this.data.count + 1 });
    },
  }),
);
