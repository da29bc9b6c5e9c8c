const cart = require('./utils/cart.js');

App({
  globalData: {
    launchedAt: 0
  },
  onLaunch() {
    this.globalData.launchedAt = Date.now();
    cart.refreshBadge();
  }
});
