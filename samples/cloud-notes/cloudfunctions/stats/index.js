// Counts the caller's notes: the admin database sees every note, so filter by OPENID.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const _ = db.command

exports.main = async () => {
  const { OPENID } = cloud.getWXContext()
  const mine = db.collection('notes').where({ _openid: OPENID })
  const [total, done, liked] = await Promise.all([
    mine.count(),
    db.collection('notes').where({ _openid: OPENID, done: true }).count(),
    db.collection('notes').where({ _openid: OPENID, likes: _.gt(0) }).count(),
  ])
  return { total: total.total, done: done.total, liked: liked.total }
}
