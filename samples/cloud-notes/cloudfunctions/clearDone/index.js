// Removes the caller's finished notes (and their pictures) in one call.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()

exports.main = async () => {
  const { OPENID } = cloud.getWXContext()
  const done = await db.collection('notes').where({ _openid: OPENID, done: true }).field({ fileID: true }).get()
  const files = done.data.map((n) => n.fileID).filter(Boolean)
  if (files.length) await cloud.deleteFile({ fileList: files })
  const res = await db.collection('notes').where({ _openid: OPENID, done: true }).remove()
  return { removed: res.stats.removed, files: files.length }
}
