// Removes the caller's finished notes (and their pictures) in one call.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const MAX_LIMIT = 100

exports.main = async () => {
  const { OPENID } = cloud.getWXContext()
  const done = db.collection('notes').where({ _openid: OPENID, done: true })
  // A get returns at most 100 records in a cloud function: page through them.
  const { total } = await done.count()
  const files = []
  for (let skip = 0; skip < total; skip += MAX_LIMIT) {
    const page = await done.skip(skip).limit(MAX_LIMIT).field({ fileID: true }).get()
    for (const note of page.data) if (note.fileID) files.push(note.fileID)
  }
  // deleteFile takes at most 50 files a call.
  for (let i = 0; i < files.length; i += 50) await cloud.deleteFile({ fileList: files.slice(i, i + 50) })
  const res = await done.remove()
  return { removed: res.stats.removed, files: files.length }
}
