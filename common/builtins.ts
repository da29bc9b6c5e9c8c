/**
 * The built-in component tags of WeChat mini-programs, as documented.
 * Read by the compiler (tag selectors in WXSS become `wx-<tag>`, unknown tags are warned about)
 * and by the runtime (which element class backs a tag).
 */
export const BUILTIN_TAGS: readonly string[] = [
  'view', 'scroll-view', 'swiper', 'swiper-item', 'movable-area', 'movable-view', 'cover-view', 'cover-image',
  'match-media', 'page-container', 'root-portal', 'share-element', 'grid-view', 'list-view', 'sticky-header',
  'sticky-section',
  'icon', 'progress', 'rich-text', 'text',
  'button', 'checkbox', 'checkbox-group', 'editor', 'form', 'input', 'keyboard-accessory', 'label', 'picker',
  'picker-view', 'picker-view-column', 'radio', 'radio-group', 'slider', 'switch', 'textarea',
  'functional-page-navigator', 'navigator',
  'audio', 'camera', 'channel-live', 'channel-video', 'image', 'live-player', 'live-pusher', 'video', 'voip-room',
  'map', 'canvas', 'web-view', 'ad', 'ad-custom', 'official-account', 'open-data', 'open-container',
  'page-meta', 'navigation-bar',
  // `page` is the root of every page; WXSS `page {}` targets it.
  'page',
];

const builtinSet: ReadonlySet<string> = new Set(BUILTIN_TAGS);

export function isBuiltinTag(tag: string): boolean {
  return builtinSet.has(tag);
}

/** Tags that only exist inside WXML and never reach the DOM. */
export const TEMPLATE_ONLY_TAGS: readonly string[] = ['block', 'template', 'import', 'include', 'wxs', 'slot'];

/** The element name a built-in renders as in the DOM. */
export function domTagName(tag: string): string {
  return 'wx-' + tag;
}

/**
 * The runtime module (runtime/components/<file>.js) that gives a built-in its behaviour. A build
 * loads only the modules of the tags its program uses; tags not listed render as plain elements.
 */
export const BUILTIN_MODULES: Readonly<Record<string, string>> = {
  view: 'view', button: 'button', input: 'textField', textarea: 'textField', form: 'form', image: 'image',
  navigator: 'navigator', text: 'text', 'scroll-view': 'scroll-view', checkbox: 'checkbox', 'checkbox-group': 'checkbox',
  radio: 'radio', 'radio-group': 'radio', switch: 'switch', label: 'label', icon: 'icon', progress: 'progress', slider: 'slider',
  swiper: 'swiper', 'swiper-item': 'swiper', picker: 'picker', 'picker-view': 'picker-view', 'picker-view-column': 'picker-view',
  'movable-area': 'movable', 'movable-view': 'movable', 'rich-text': 'rich-text',
  video: 'video', audio: 'audio', canvas: 'canvas', 'cover-view': 'cover', 'cover-image': 'cover', 'web-view': 'web-view',
  map: 'map', 'open-data': 'open-data', camera: 'unavailable', 'live-player': 'unavailable', 'live-pusher': 'unavailable',
  ad: 'unavailable', 'ad-custom': 'unavailable', 'official-account': 'unavailable', 'voip-room': 'unavailable',
  'channel-live': 'unavailable', 'channel-video': 'unavailable',
};
