/** wx.setNavigationBarTitle / setNavigationBarColor / show-/hideNavigationBarLoading. */
import { asyncApi, ApiFail } from './callback.js';
import { setNavigationColors, setNavigationLoading, setNavigationTitle } from '../shell/page-frame.js';
import { getCurrentPages } from './route.js';

/** Titles and colours set by API belong to the page that was current: they return with it. */
function current(): { __navTitle?: string; __navColors?: [string, string] } | undefined {
  const pages = getCurrentPages();
  return pages[pages.length - 1] as { __navTitle?: string; __navColors?: [string, string] } | undefined;
}

export const setNavigationBarTitle = asyncApi('setNavigationBarTitle', (p: { title?: unknown }) => {
  if (typeof p.title !== 'string') throw new ApiFail('parameter error: parameter.title should be String');
  const page = current();
  if (page) page.__navTitle = p.title;
  setNavigationTitle(p.title);
  return {};
});

const HEX = /^#[0-9a-fA-F]{6}$/;

export const setNavigationBarColor = asyncApi('setNavigationBarColor', (p: { frontColor?: string; backgroundColor?: string }) => {
  // WeChat accepts only black or white text, and a #rrggbb background.
  if (p.frontColor !== '#000000' && p.frontColor !== '#ffffff') throw new ApiFail('invalid frontColor');
  if (!p.backgroundColor || !HEX.test(p.backgroundColor)) throw new ApiFail('invalid backgroundColor');
  const page = current();
  if (page) page.__navColors = [p.frontColor, p.backgroundColor];
  setNavigationColors(p.frontColor, p.backgroundColor);
  return {};
});

export const showNavigationBarLoading = asyncApi('showNavigationBarLoading', () => {
  setNavigationLoading(true);
  return {};
});

export const hideNavigationBarLoading = asyncApi('hideNavigationBarLoading', () => {
  setNavigationLoading(false);
  return {};
});
