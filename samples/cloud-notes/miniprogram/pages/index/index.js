const app = getApp()
const db = wx.cloud.database()
const _ = db.command

const FILTERS = {
  all: {},
  open: { done: _.neq(true) },
  done: { done: true },
}

function when(d) {
  if (!(d instanceof Date)) return ''
  const pad = (n) => String(n).padStart(2, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

Page({
  data: {
    openid: '',
    notes: [],
    filter: 'all',
    draft: '',
    open: 0,
    stats: { total: 0, done: 0, liked: 0 },
    error: '',
  },

  onLoad() {
    wx.cloud.callFunction({ name: 'login' }).then((res) => {
      app.globalData.openid = res.result.openid
      this.setData({ openid: res.result.openid })
    }).catch((err) => this.fail(err))
    this.load()
    // Live count of unfinished notes.
    this.watcher = db.collection('notes').where({ done: _.neq(true) }).watch({
      onChange: (snapshot) => this.setData({ open: snapshot.docs.length }),
      onError: (err) => this.fail(err),
    })
  },

  onUnload() {
    if (this.watcher) this.watcher.close()
  },

  onShow() {
    if (this.loaded) this.load()
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh())
  },

  fail(err) {
    console.error(err)
    this.setData({ error: err.errMsg || String(err) })
  },

  load() {
    this.loaded = true
    return db.collection('notes')
      .where(FILTERS[this.data.filter])
      .orderBy('createdAt', 'desc')
      .limit(20)
      .get()
      .then((res) => {
        const notes = res.data.map((n) => ({ ...n, time: when(n.createdAt), likes: n.likes || 0 }))
        this.setData({ notes, error: '' })
        return this.refreshStats()
      })
      .catch((err) => this.fail(err))
  },

  refreshStats() {
    return wx.cloud.callFunction({ name: 'stats' }).then((res) => this.setData({ stats: res.result }))
  },

  onInput(e) {
    this.setData({ draft: e.detail.value })
  },

  add() {
    const text = this.data.draft.trim()
    if (!text) {
      wx.showToast({ title: 'Write something first', icon: 'none' })
      return
    }
    db.collection('notes').add({
      data: { text, done: false, likes: 0, tags: [], createdAt: db.serverDate() },
      success: () => {
        this.setData({ draft: '' })
        this.load()
      },
      fail: (err) => this.fail(err),
    })
  },

  setFilter(e) {
    this.setData({ filter: e.currentTarget.dataset.filter })
    this.load()
  },

  toggle(e) {
    const { id, done } = e.currentTarget.dataset
    db.collection('notes').doc(id).update({
      data: { done: !done, doneAt: done ? _.remove() : db.serverDate() },
    }).then(() => this.load()).catch((err) => this.fail(err))
  },

  like(e) {
    const { id } = e.currentTarget.dataset
    db.collection('notes').doc(id).update({ data: { likes: _.inc(1) } })
      .then(() => this.load())
      .catch((err) => this.fail(err))
  },

  remove(e) {
    const { id } = e.currentTarget.dataset
    db.collection('notes').doc(id).remove().then(() => this.load()).catch((err) => this.fail(err))
  },

  attach(e) {
    const { id } = e.currentTarget.dataset
    wx.chooseImage({ count: 1 }).then((res) => {
      const filePath = res.tempFilePaths[0]
      return wx.cloud.uploadFile({ cloudPath: `notes/${this.data.openid || 'me'}/${id}.png`, filePath })
    }).then((up) => db.collection('notes').doc(id).update({ data: { fileID: up.fileID } }))
      .then(() => this.load())
      .catch((err) => this.fail(err))
  },

  clearDone() {
    wx.cloud.callFunction({ name: 'clearDone' }).then((res) => {
      wx.showToast({ title: `Removed ${res.result.removed}`, icon: 'none' })
      this.load()
    }).catch((err) => this.fail(err))
  },

  openNote(e) {
    wx.navigateTo({ url: `/pages/note/note?id=${e.currentTarget.dataset.id}` })
  },
})
