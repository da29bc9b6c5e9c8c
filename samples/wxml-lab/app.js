App({
  globalData: { opened: 0 },
});
