// A subpackage that preloadRule fetches while the orders list is shown.
Page({
  data: { text: 'About: fetched ahead by preloadRule' }
});
