/**
 * wx2tg/server: the back-end pieces WeChat gave a mini-program for free, on Telegram.
 * So far: init data signing and validation (the base of code2Session).
 */
export { checkInitData, signInitData, dataCheckString, initDataFromCode, type InitDataCheck } from './initData.js';
