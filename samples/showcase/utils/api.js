// The shop's back end, called the WeChat way: wx.login gives a code, the server turns it into a
// session token that later calls carry; orders come back with the fields wx.requestPayment takes.
const config = require('../config.js');

const TOKEN_KEY = 'session';

function call(method, path, data) {
  const session = wx.getStorageSync(TOKEN_KEY);
  return new Promise((resolve, reject) => {
    wx.request({
      url: config.server + path,
      method: method,
      data: data,
      header: session ? { Authorization: 'Bearer ' + session.token } : {},
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.data);
        else {
          if (res.statusCode === 401) wx.removeStorageSync(TOKEN_KEY);
          reject(new Error((res.data && (res.data.error || res.data.errmsg)) || 'HTTP ' + res.statusCode));
        }
      },
      fail: (err) => reject(new Error(err.errMsg))
    });
  });
}

function login() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => {
        call('POST', '/login', { code: res.code }).then((session) => {
          wx.setStorageSync(TOKEN_KEY, { token: session.token, openid: session.openid, name: session.user.first_name });
          resolve(session);
        }, reject);
      },
      fail: (err) => reject(new Error(err.errMsg))
    });
  });
}

function session() {
  return wx.getStorageSync(TOKEN_KEY) || null;
}

function ensureLogin() {
  return session() ? Promise.resolve(session()) : login();
}

function createOrder(items) {
  return ensureLogin().then(() => call('POST', '/orders', { items: items }));
}

function orders() {
  return call('GET', '/orders').then((res) => res.orders);
}

module.exports = { login: login, session: session, createOrder: createOrder, orders: orders };
