const db = wx.cloud.database()
const _ = db.command

Page({
  data: { note: null, tag: '', picture: '', link: '', error: '' },

  onLoad(query) {
    this.id = query.id
    this.load()
  },

  load() {
    return db.collection('notes').doc(this.id).get().then((res) => {
      const note = res.data
      this.setData({ note: { ...note, created: note.createdAt instanceof Date ? note.createdAt.toISOString() : '' } })
      wx.setNavigationBarTitle({ title: note.text.slice(0, 16) })
    }).catch((err) => this.setData({ error: err.errMsg }))
  },

  onTag(e) {
    this.setData({ tag: e.detail.value })
  },

  addTag() {
    const tag = this.data.tag.trim()
    if (!tag) return
    db.collection('notes').doc(this.id).update({ data: { tags: _.addToSet(tag) } })
      .then(() => {
        this.setData({ tag: '' })
        return this.load()
      })
      .catch((err) => this.setData({ error: err.errMsg }))
  },

  download() {
    wx.cloud.downloadFile({ fileID: this.data.note.fileID }).then((res) => {
      this.setData({ picture: res.tempFilePath })
      return wx.cloud.getTempFileURL({ fileList: [this.data.note.fileID] })
    }).then((res) => this.setData({ link: res.fileList[0].tempFileURL }))
      .catch((err) => this.setData({ error: err.errMsg }))
  },
})
