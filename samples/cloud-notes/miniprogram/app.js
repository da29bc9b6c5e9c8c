App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('this base library has no wx.cloud')
      return
    }
    wx.cloud.init({ env: 'notes-prod', traceUser: true })
    this.globalData = { openid: '' }
  },
})
