/**
 * What wx2tg supports, read by the runtime (wx.canIUse) and by the compatibility report: the
 * built-in components with behaviour of their own, and API parameters that cannot work here.
 * Which wx.* methods are implemented is not listed: it is what the runtime's `wx` has (a test
 * keeps docs/api-coverage.md in step with it).
 */
export const IMPLEMENTED_COMPONENTS: readonly string[] = [
  'view', 'text', 'image', 'icon', 'progress', 'button', 'input', 'textarea', 'form', 'label', 'checkbox', 'checkbox-group',
  'radio', 'radio-group', 'switch', 'slider', 'navigator', 'scroll-view', 'swiper', 'swiper-item', 'picker', 'block', 'slot', 'template',
];

/** `api.object.param` schemas whose API works but whose parameter does not, with the reason. */
export const UNSUPPORTED_PARAMS: Record<string, string> = {
  'setStorage.object.encrypt': 'encrypted storage is not available on Telegram',
  'getStorage.object.encrypt': 'encrypted storage is not available on Telegram',
  'navigator.target.miniProgram': 'other mini-programs cannot be opened from Telegram',
  'navigator.open-type.exit': 'a Mini App cannot close itself this way',
  'button.open-type.contact': 'WeChat customer service does not exist on Telegram',
  'button.open-type.feedback': 'WeChat feedback does not exist on Telegram',
  'button.open-type.launchApp': 'native apps cannot be launched from Telegram',
  'picker.mode.region': "China's region list is not bundled",
};

export const UNSUPPORTED_REASON = 'not supported on Telegram';
