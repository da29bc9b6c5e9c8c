/**
 * Login and the user, from Telegram's launch data.
 *  - wx.login gives a `code` that carries the signed init data ("tma." + base64url(initData));
 *    the program's server passes it to code2Session (wx2tg/server), which checks Telegram's
 *    signature. Outside Telegram (the simulator) the data is not signed by a real bot.
 *  - wx.checkSession succeeds while the init data is younger than a day (the age servers accept).
 *  - getUserProfile / getUserInfo describe the Telegram user (name, language, photo when given).
 */
import { asyncApi, ApiFail } from './callback.js';
import { launchParams } from '../telegram/index.js';

export const SESSION_MAX_AGE = 24 * 60 * 60;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const login = asyncApi('login', () => {
  const raw = launchParams().initDataRaw;
  if (!raw) throw new ApiFail('no Telegram init data (the Mini App was not opened from a chat, bot menu or link)');
  return { code: `tma.${base64url(raw)}` };
});

export const checkSession = asyncApi('checkSession', () => {
  const auth = launchParams().initData.auth_date ?? 0;
  if (!auth || Date.now() / 1000 - auth > SESSION_MAX_AGE) throw new ApiFail('session time out, need relogin');
  return {};
});

function userInfo(): Record<string, unknown> {
  const u = launchParams().initData.user;
  if (!u) throw new ApiFail('no Telegram user in the launch data');
  return {
    nickName: [u.first_name, u.last_name].filter(Boolean).join(' '),
    avatarUrl: u.photo_url ?? '',
    gender: 0,
    country: '',
    province: '',
    city: '',
    language: u.language_code ?? 'en',
  };
}

export const getUserProfile = asyncApi('getUserProfile', () => {
  const info = userInfo();
  return { userInfo: info, rawData: JSON.stringify(info), signature: '', encryptedData: '', iv: '' };
});

export const getUserInfo = asyncApi('getUserInfo', () => {
  const info = userInfo();
  return { userInfo: info, rawData: JSON.stringify(info), signature: '', encryptedData: '', iv: '' };
});
