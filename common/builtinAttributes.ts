/**
 * Every documented attribute of WeChat's built-in components, and what wx2tg's runtime does with
 * each: read by wx.canIUse (runtime) and by `wx2tg check` (compiler).
 *
 * The table is two halves written in one small grammar, so the runtime ships only the first:
 *   WORKS — what works here (supported, or partial when PARTIAL has a note for it);
 *   FAILS — what does not (the reason in WHY, else the tag's reason, else a default).
 * An entry is `name[:t][(v1|v2|…)]`, entries separated by spaces. `t` is the documented type
 * (b boolean, n number, c colour, a array, o object, x number or string; string when absent);
 * values in parentheses make it an enumerated attribute. An enumerated attribute may stand in
 * both halves, with its working values in WORKS and the others in FAILS. `^` marks what only
 * WeChat's Skyline renderer has. A tag in WORKS has a runtime module (common/builtins.ts
 * BUILTIN_MODULES) or behaves right as a plain element; any other tag renders as a plain
 * element and does nothing of its own.
 *
 * Kept in step with runtime/components/*.ts by hand: when a component learns an attribute, move
 * it from FAILS to WORKS (test/runtime/can-i-use.test.ts checks the two halves never overlap).
 */

import { ATTRIBUTE_ENTRY as ENTRY, addComponents, canUseIn, kebab, type ComponentTable } from './componentTable.js';

export type SupportStatus = 'supported' | 'partial' | 'unsupported';
export interface Support {
  status: SupportStatus;
  /** partial: what differs; unsupported: why. */
  note?: string;
}
export interface AttributeInfo {
  /** The documented type: string, boolean, number, color, array, object, number | string. */
  type: string;
  /** Enumerated attributes: each documented value and whether it works here. */
  values?: Record<string, Support>;
  support: Support;
}

const HOVER = 'hover-class hover-stop-propagation:b hover-start-time:n hover-stay-time:n';
const FIELD = 'value placeholder placeholder-style placeholder-class disabled:b maxlength:n focus:b auto-focus:b cursor:n selection-start:n selection-end:n name adjust-position:b';

/** What works (shipped with the runtime for wx.canIUse: keep it to names). */
export const WORKS: Readonly<Record<string, string>> = {
  view: HOVER,
  'scroll-view':
    'scroll-x:b scroll-y:b upper-threshold:x lower-threshold:x scroll-top:x scroll-left:x scroll-into-view scroll-with-animation:b show-scrollbar:b enable-flex:b scroll-anchoring:b using-sticky:b enable-passive:b ' +
    'enable-back-to-top:b refresher-enabled:b refresher-threshold:n refresher-default-style(black|white|none) refresher-background:c refresher-triggered:b',
  swiper: 'indicator-dots:b indicator-color:c indicator-active-color:c autoplay:b current:n current-item-id interval:n duration:n circular:b vertical:b previous-margin next-margin display-multiple-items:n skip-hidden-item-layout:b easing-function(default|linear|easeInCubic|easeOutCubic|easeInOutCubic)',
  'swiper-item': 'item-id skip-hidden-item-layout:b',
  'movable-area': 'scale-area:b',
  'movable-view': 'direction(all|vertical|horizontal|none) inertia:b out-of-bounds:b x:x y:x damping:n friction:n disabled:b scale:b scale-min:n scale-max:n scale-value:n animation:b',
  'cover-view': 'scroll-top:x',
  'cover-image': 'src',
  icon: 'type(success|success_no_circle|info|warn|waiting|cancel|download|search|clear) size:x color:c',
  progress: 'percent:n show-info:b border-radius:x font-size:x stroke-width:x color:c activeColor:c backgroundColor:c active:b active-mode(backwards|forwards) duration:n',
  'rich-text': 'nodes:a space(ensp|emsp|nbsp) user-select:b',
  text: 'selectable:b user-select:b decode:b space(ensp|emsp|nbsp)',
  button: `type(primary|default|warn) size(default|mini) disabled:b form-type(submit|reset) open-type(share|getPhoneNumber|getRealtimePhoneNumber|getUserInfo|chooseAvatar|agreePrivacyAuthorization) ${HOVER}`,
  checkbox: 'value checked:b disabled:b color:c',
  'checkbox-group': 'name',
  form: '',
  input: `${FIELD} type(text|number|idcard|digit|safe-password|nickname) password:b confirm-type(send|search|next|go|done)`,
  label: 'for',
  picker: 'mode(selector|multiSelector|time|date) header-text disabled:b range:a range-key value:x start end fields(year|month|day) name',
  'picker-view': 'value:a indicator-style indicator-class mask-style mask-class immediate-change:b',
  'picker-view-column': '',
  radio: 'value checked:b disabled:b color:c',
  'radio-group': 'name',
  slider: 'min:n max:n step:n disabled:b value:n color:c selected-color:c activeColor:c backgroundColor:c block-size:n block-color:c show-value:b name',
  switch: 'checked:b disabled:b type(switch|checkbox) color:c name',
  textarea: `${FIELD} auto-height:b fixed:b confirm-type(send|search|next|go|done|return)`,
  audio: 'src loop:b controls:b poster name author',
  video:
    'src controls:b autoplay:b loop:b muted:b poster object-fit(contain|fill|cover) initial-time:n show-center-play-btn:b show-fullscreen-btn:b title danmu-list:a enable-danmu:b ' +
    'picture-in-picture-mode(push|pop) auto-pause-if-navigate:b',
  canvas: 'type(2d|webgl) canvas-id disable-scroll:b',
  map: 'longitude:n latitude:n scale:n markers:a covers:a polyline:a circles:a polygons:a include-points:a',
  'web-view': 'src',
  'open-data': 'type(userNickName|userAvatarUrl|userLanguage) default-text default-avatar',
  navigator: `url open-type(navigate|redirect|switchTab|reLaunch|navigateBack) delta:n target(self) ${HOVER}`,
  image: 'src mode(scaleToFill|aspectFit|aspectFill|widthFix|heightFix|top|bottom|center|left|right|top left|top right|bottom left|bottom right) webp:b lazy-load:b',
  'root-portal': '',
};

const SAFE = 'safe-password-cert-path safe-password-length:n safe-password-time-stamp:n safe-password-nonce safe-password-salt safe-password-custom-hash';
const PIP = 'picture-in-picture-mode(push|pop) auto-pause-if-navigate:b auto-pause-if-open-native:b referrer-policy(origin|no-referrer)';

/** What does not work. */
const FAILS: Readonly<Record<string, string>> = {
  'scroll-view':
    'enhanced:b bounces:b paging-enabled:b fast-deceleration:b ' +
    '^type(list|custom|nested) ^reverse:b ^clip:b ^cache-extent:n ^min-drag-distance:n ^padding:a ^scroll-into-view-offset:n ^scroll-into-view-alignment(start|center|end|nearest) ^scroll-into-view-within-extent:b ^associative-container(draggable-sheet|nested-scroll-view) ' +
    '^refresher-two-level-enabled:b ^refresher-two-level-triggered:b ^refresher-two-level-threshold:n ^refresher-two-level-close-threshold:n ^refresher-two-level-scroll-enabled:b ^refresher-ballistic-refresh-enabled:b ^refresher-two-level-pinned:b',
  swiper:
    'snap-to-edge:b ^layout-type(normal|stackLeft|stackRight|tinder|transformer) ^transformer-type(scaleAndFade|accordion|threeD|zoomIn|zoomOut|deepthPage) ' +
    '^indicator-type(normal|worm|wormThin|wormUnderground|wormThinUnderground|expand|jump|jumpWithOffset|scroll|scrollFixedCenter|slide|slideUnderground|scale|swap|swapYRotation|color) ^indicator-margin:n ^indicator-spacing:n ^indicator-radius:n ^indicator-width:n ^indicator-height:n ^indicator-alignment ^indicator-offset:a ^scroll-with-animation:b ^cache-extent:n',
  'cover-view': 'marker-id',
  'cover-image': 'referrer-policy(origin|no-referrer)',
  text: 'overflow(clip|fade|ellipsis|visible) max-lines:n',
  button:
    'plain:b loading:b open-type(contact|liveActivity|launchApp|openSetting|feedback) ' +
    'lang(en|zh_CN|zh_TW) session-from send-message-title send-message-path send-message-img show-message-card:b app-parameter phone-number-no-quota-toast:b activity-type:n',
  editor: 'read-only:b placeholder show-img-size:b show-img-toolbar:b show-img-resize:b',
  form: 'report-submit:b report-submit-timeout:n',
  input: `cursor-spacing:n confirm-hold:b hold-keyboard:b always-embed:b cursor-color:c controlled:b always-system:b random-number:b ${SAFE}`,
  picker: 'mode(region) custom-item level(province|city|region|sub-district)',
  textarea: 'cursor-spacing:n show-confirm-bar:b hold-keyboard:b disable-default-padding:b confirm-hold:b adjust-keyboard-to(cursor|bottom) cursor-color:c',
  'functional-page-navigator': 'version(develop|trial|release) name(loginAndGetUserInfo|requestPayment|chooseAddress|chooseInvoice|chooseInvoiceTitle) args:o',
  navigator: 'open-type(exit) target(miniProgram) app-id path extra-data:o version(develop|trial|release) short-link',
  camera: 'mode(normal|scanCode) resolution(low|medium|high) device-position(front|back) flash(auto|on|off|torch) frame-size(small|medium|large)',
  image: 'show-menu-by-longpress:b ^fade-in:b',
  'live-player': `src mode(live|RTC) autoplay:b muted:b orientation(vertical|horizontal) object-fit(contain|fillCrop) background-mute:b min-cache:n max-cache:n sound-mode(speaker|ear) ${PIP}`,
  'live-pusher':
    'url mode(SD|HD|FHD|RTC) autopush:b muted:b enable-camera:b auto-focus:b orientation(vertical|horizontal) beauty:n whiteness:n aspect(9:16|3:4) min-bitrate:n max-bitrate:n audio-quality(high|low) ' +
    'waiting-image waiting-image-hash zoom:b device-position(front|back) background-mute:b mirror:b remote-mirror:b local-mirror(auto|enable|disable) audio-reverb-type:n enable-mic:b enable-agc:b enable-ans:b ' +
    'audio-volume-type(auto|media|voicecall) video-width:n video-height:n beauty-style(smooth|nature) filter(standard|pink|nostalgia|blues|romantic|cool|fresher|solor|aestheticism|whitening|cerisered) picture-in-picture-mode(push|pop) voice-changer-type:n',
  video:
    'duration:n danmu-btn:b page-gesture:b direction:n(0|90|-90) show-progress:b show-play-btn:b show-mute-btn:b enable-progress-gesture:b play-btn-position(bottom|center) enable-play-gesture:b ' +
    'vslide-gesture:b vslide-gesture-in-fullscreen:b show-bottom-progress:b ad-unit-id poster-for-crawler show-casting-button:b picture-in-picture-show-progress:b picture-in-picture-init-position ' +
    'enable-auto-rotation:b show-screen-lock-button:b show-snapshot-button:b show-background-playback-button:b background-poster is-drm:b is-live:b provision-url certificate-url license-url ' +
    'preferred-peak-bit-rate:n auto-pause-if-open-native:b referrer-policy(origin|no-referrer)',
  'voip-room': 'openid mode(camera|video) device-position(front|back)',
  'channel-live': 'feed-id finder-user-name',
  'channel-video': 'feed-id finder-user-name feed-token autoplay:b loop:b muted:b object-fit(contain|fill|cover)',
  map:
    'min-scale:n max-scale:n controls:a show-location:b subkey layer-style:n rotate:n skew:n enable-3D:b ' +
    'show-compass:b show-scale:b enable-overlooking:b enable-auto-max-overlooking:b enable-zoom:b enable-scroll:b enable-rotate:b enable-satellite:b enable-traffic:b enable-poi:b enable-building:b setting:o',
  ad: 'unit-id ad-intervals:n ad-type(banner|video|grid) ad-theme(white|black)',
  'ad-custom': 'unit-id ad-intervals:n',
  'official-account': '',
  'open-data': 'type(groupName|userGender|userCity|userProvince|userCountry) open-gid lang(en|zh_CN|zh_TW)',
  'open-container': '^transition-type ^transition-duration:n ^closed-color:c ^closed-elevation:n ^closed-border-radius:n ^middle-color:c ^open-color:c ^open-elevation:n ^open-border-radius:n',
  'page-meta': 'background-text-style(dark|light) background-color:c background-color-top:c background-color-bottom:c root-background-color:c scroll-top scroll-duration:n page-style root-font-size page-font-size page-orientation(auto|portrait|landscape)',
  'navigation-bar': 'title loading:b front-color(#ffffff|#000000) background-color:c color-animation-duration:n color-animation-timing-func(linear|easeIn|easeOut|easeInOut)',
  'match-media': 'min-width:n max-width:n width:n min-height:n max-height:n height:n orientation(landscape|portrait)',
  'page-container': 'show:b duration:n z-index:n overlay:b position(top|bottom|right|center) round:b close-on-slide-down:b overlay-style custom-style',
  'root-portal': 'enable:b',
  'share-element': '^key ^name ^transform:b ^duration:n ^easing-function',
  'grid-view': '^type(aligned|masonry) ^cross-axis-count:n ^max-cross-axis-extent:n ^main-axis-gap:n ^cross-axis-gap:n ^padding:a',
  'list-view': '^padding:a',
  'sticky-header': '^offset-top:n ^padding:a',
  'sticky-section': '^push-pinned-header:b ^padding:a',
  'keyboard-accessory': '',
};

/** What partly works: what differs (keys: tag, tag.attr, tag.attr.value). */
const PARTIAL: Readonly<Record<string, string>> = {
  'root-portal': 'its content renders in place, not at the page root (position: fixed content still shows above the page)',
  'scroll-view.scroll-anchoring': "the browser's own scroll anchoring, which Safari lacks",
  'scroll-view.enable-back-to-top': 'a double tap on the navigation bar scrolls it to the top (WeChat: a tap on the status bar)',
  'text.space.ensp': 'runs of spaces are kept but drawn at the normal space width',
  'text.space.emsp': 'runs of spaces are kept but drawn at the normal space width',
  'input.type.idcard': 'a text keyboard (there is no ID-card keyboard)',
  'input.type.safe-password': "a plain password field (WeChat's secure keyboard and encryption do not exist)",
  'input.type.nickname': "a plain text field (no WeChat nickname suggestion or review)",
  'input.adjust-position': 'the WebView moves the page above the keyboard itself',
  'textarea.adjust-position': 'the WebView moves the page above the keyboard itself',
  'textarea.confirm-type.return': "the keyboard's key reads Done; Enter makes a new line as usual",
  'picker.fields.year': 'a number field for the year',
  map: 'no map tiles: a labelled grid with the markers, shapes and callouts in place, and an "Open in maps" link',
  'web-view.src': 'an iframe: the site must allow being framed; bindmessage fires as soon as the page posts, not at WeChat\'s later moments',
  'open-data.type.userNickName': "the Telegram user's first and last name",
  'open-data.type.userAvatarUrl': 'the photo Telegram shares, when it shares one (else default-avatar)',
  'video.controls': "the browser's own controls, not WeChat's",
  'video.show-fullscreen-btn': "false hides the browser's fullscreen button where the browser allows it",
  'video.picture-in-picture-mode': "the browser's own picture-in-picture (push and pop are not told apart)",
  'button.open-type.share': "Telegram's share dialog, with a t.me link that opens this page",
  'button.open-type.getPhoneNumber': "Telegram's contact request: the code is the contact Telegram signed, for your server to check",
  'button.open-type.getRealtimePhoneNumber': "Telegram's contact request: the code is the contact Telegram signed, for your server to check",
  'button.open-type.getUserInfo': 'the Telegram user: name, language and photo',
  'button.open-type.chooseAvatar': 'a file picker: avatarUrl is a blob: URL of the chosen picture',
  'button.open-type.agreePrivacyAuthorization': 'agreed at once: Telegram has no privacy agreement flow',
};

const SKYLINE = "only WeChat's Skyline renderer has it";
const IGNORED_KEYBOARD = "ignored: the keyboard and its placement are the WebView's";

/** Why something does not work (keys: tag, tag.attr, tag.attr.value, or tag.prefix* for a family). */
const WHY: Readonly<Record<string, string>> = {
  editor: 'not implemented: renders as an empty element',
  'functional-page-navigator': 'WeChat functional pages do not exist on Telegram',
  camera: 'not available in a Telegram Mini App: a box says so and binderror fires',
  'live-player': "WeChat's live streaming has no Telegram or web equivalent: a box says so and binderror fires",
  'live-pusher': "WeChat's live streaming has no Telegram or web equivalent: a box says so and binderror fires",
  video: 'ignored',
  'video.show-play-btn': "the browser's own controls cannot hide it",
  'video.show-progress': "the browser's own controls cannot hide it",
  'video.show-mute-btn': "the browser's own controls cannot hide it",
  'video.danmu-btn': 'there is no danmu button (enable-danmu shows them)',
  'video.is-drm': 'DRM playback is not implemented',
  'video.provision-url': 'DRM playback is not implemented',
  'video.certificate-url': 'DRM playback is not implemented',
  'video.license-url': 'DRM playback is not implemented',
  'video.ad-unit-id': 'WeChat ads do not exist on Telegram',
  'voip-room': "WeChat's VoIP calls do not exist on Telegram: a box says so and binderror fires",
  'channel-live': 'WeChat Channels do not exist on Telegram: a box says so and binderror fires',
  'channel-video': 'WeChat Channels do not exist on Telegram: a box says so and binderror fires',
  map: 'nothing to show it with (no map tiles)',
  ad: 'WeChat ads do not exist on Telegram: a box says so and binderror fires',
  'ad-custom': 'WeChat ads do not exist on Telegram: a box says so and binderror fires',
  'official-account': 'WeChat official accounts do not exist on Telegram: a box says so and binderror fires',
  'open-data': 'Telegram does not tell a Mini App this: default-text shows',
  'open-data.open-gid': 'WeChat groups do not exist on Telegram',
  'open-data.lang': "ignored: Telegram's own names are shown",
  'open-container': SKYLINE,
  'page-meta': "not implemented: set these in the page's json and WXSS",
  'navigation-bar': "not implemented: use the page's json or wx.setNavigationBarTitle/setNavigationBarColor",
  'match-media': 'not implemented: its content always shows (the media conditions are not evaluated)',
  'page-container': 'not implemented: its content shows in place',
  'share-element': SKYLINE,
  'grid-view': SKYLINE,
  'list-view': SKYLINE,
  'sticky-header': SKYLINE,
  'sticky-section': SKYLINE,
  'keyboard-accessory': 'not implemented',
  'scroll-view.enhanced': "ignored: the browser's own scrolling applies",
  'scroll-view.bounces': "ignored: the browser's own scrolling applies",
  'scroll-view.paging-enabled': 'ignored (CSS scroll-snap does the same)',
  'scroll-view.fast-deceleration': "ignored: the browser's own scrolling applies",
  'swiper.snap-to-edge': 'ignored',
  'cover-view.marker-id': 'custom map callouts are not drawn',
  'cover-image.referrer-policy': 'ignored',
  'text.overflow': 'not implemented (use CSS text-overflow)',
  'text.max-lines': 'not implemented (use CSS -webkit-line-clamp)',
  'button.plain': 'no hollow style is drawn (the attribute stays on wx-button for your CSS)',
  'button.loading': 'no spinner is drawn (the attribute stays on wx-button for your CSS)',
  'button.open-type.contact': 'WeChat customer service does not exist on Telegram',
  'button.open-type.feedback': 'WeChat feedback does not exist on Telegram',
  'button.open-type.launchApp': 'native apps cannot be launched from Telegram',
  'button.open-type.liveActivity': 'WeChat live activities do not exist on Telegram',
  'button.open-type.openSetting': "WeChat's settings page does not exist on Telegram: bindopensetting gets a fail",
  'button.lang': "ignored: the user's Telegram language applies",
  'button.session-from': 'only for open-type="contact"',
  'button.send-message*': 'only for open-type="contact"',
  'button.show-message-card': 'only for open-type="contact"',
  'button.app-parameter': 'only for open-type="launchApp"',
  'button.phone-number-no-quota-toast': 'ignored: Telegram has no phone number quota',
  'button.activity-type': 'only for open-type="liveActivity"',
  form: 'no formId: WeChat template messages do not exist on Telegram',
  'input.cursor-color': 'not implemented (use CSS caret-color)',
  'input.controlled': 'not implemented',
  'input.safe-password*': "WeChat's secure keyboard does not exist on Telegram",
  input: IGNORED_KEYBOARD,
  textarea: IGNORED_KEYBOARD,
  'textarea.cursor-color': 'not implemented (use CSS caret-color)',
  'textarea.show-confirm-bar': 'the keyboard has no "Done" bar here',
  'textarea.disable-default-padding': 'ignored',
  'picker.mode.region': "China's region list is not bundled",
  picker: 'only for mode="region"',
  navigator: 'only for target="miniProgram"',
  'navigator.open-type.exit': 'a Mini App cannot close itself this way',
  'navigator.target.miniProgram': 'other mini-programs cannot be opened from Telegram',
  'image.show-menu-by-longpress': "ignored: WeChat's long-press menu does not exist (the WebView may show its own)",
};

const TYPES: Readonly<Record<string, string>> = { b: 'boolean', n: 'number', c: 'color', a: 'array', o: 'object', x: 'number | string' };

interface Entry {
  name: string;
  type: string;
  values?: string[];
  skyline: boolean;
}

function entries(spec: string | undefined): Entry[] {
  const out: Entry[] = [];
  for (const m of (spec ?? '').matchAll(ENTRY)) {
    out.push({ name: m[2]!, type: TYPES[m[3] ?? ''] ?? 'string', values: m[4]?.split('|'), skyline: !!m[1] });
  }
  return out;
}

function lookup(notes: Readonly<Record<string, string>>, key: string): string | undefined {
  if (notes[key] !== undefined) return notes[key];
  for (const k in notes) if (k.endsWith('*') && key.startsWith(k.slice(0, -1))) return notes[k];
  return undefined;
}

/** Support of a working item: partial when PARTIAL says what differs. */
function works(key: string): Support {
  const note = PARTIAL[key];
  return note ? { status: 'partial', note } : { status: 'supported' };
}

function fails(key: string, tag: string, skyline: boolean): Support {
  return { status: 'unsupported', note: lookup(WHY, key) ?? (skyline ? SKYLINE : undefined) ?? (key !== tag ? lookup(WHY, tag) : undefined) ?? 'not implemented' };
}

function buildTable(): Record<string, Record<string, AttributeInfo>> {
  const table: Record<string, Record<string, AttributeInfo>> = {};
  for (const tag of new Set([...Object.keys(WORKS), ...Object.keys(FAILS)])) {
    const attrs: Record<string, AttributeInfo> = (table[tag] = {});
    for (const e of entries(WORKS[tag])) {
      const key = `${tag}.${e.name}`;
      const info: AttributeInfo = { type: e.type, support: works(key) };
      if (e.values) info.values = Object.fromEntries(e.values.map((v) => [v, works(`${key}.${v}`)]));
      attrs[e.name] = info;
    }
    for (const e of entries(FAILS[tag])) {
      const key = `${tag}.${e.name}`;
      const known = attrs[e.name];
      if (known && e.values) {
        for (const v of e.values) known.values![v] = fails(`${key}.${v}`, tag, e.skyline);
        continue;
      }
      const support = fails(key, tag, e.skyline);
      const info: AttributeInfo = { type: e.type, support };
      if (e.values) info.values = Object.fromEntries(e.values.map((v) => [v, lookup(WHY, `${key}.${v}`) ? fails(`${key}.${v}`, tag, e.skyline) : support]));
      attrs[e.name] = info;
    }
    // An attribute that works, with values that do not (or only in part), works in part.
    for (const info of Object.values(attrs)) {
      if (info.support.status !== 'supported' || !info.values) continue;
      const off = Object.keys(info.values).filter((v) => info.values![v]!.status === 'unsupported');
      const differ = Object.keys(info.values).filter((v) => info.values![v]!.status === 'partial');
      const list = (vs: string[]): string => vs.map((v) => `"${v}"`).join(', ');
      const some = differ.length > 3 ? `${differ.length} values` : list(differ);
      const note = [off.length ? `not with ${list(off)}` : '', differ.length ? `${some} work${differ.length > 1 ? '' : 's'} in part` : ''].filter(Boolean).join('; ');
      if (note) info.support = { status: 'partial', note };
    }
  }
  return table;
}

/** tag → attribute → its type, documented values and support here. */
export const BUILTIN_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, AttributeInfo>>>> = /* @__PURE__ */ buildTable();

/** Whether a built-in component does its job here, as a whole. */
export function componentSupport(tag: string): Support {
  if (WORKS[tag] !== undefined) return works(tag);
  return fails(tag, tag, false);
}

/** The documented events of each built-in (names after bind/catch), where it has its own. */
const EVENTS: Readonly<Record<string, string>> = {
  'scroll-view': 'scrolltoupper scrolltolower scroll scrollstart scrollend dragstart dragging dragend refresherpulling refresherrefresh refresherrestore refresherabort refresherwillrefresh refresherstatuschange',
  swiper: 'change transition animationfinish',
  'movable-view': 'change scale htouchmove vtouchmove',
  'cover-image': 'load error',
  progress: 'activeend',
  button: 'getuserinfo contact getphonenumber getrealtimephonenumber error opensetting launchapp chooseavatar agreeprivacyauthorization createliveactivity',
  'checkbox-group': 'change',
  'radio-group': 'change',
  editor: 'ready focus blur input statuschange',
  form: 'submit reset',
  input: 'input focus blur confirm keyboardheightchange nicknamereview selectionchange keyboardcompositionstart keyboardcompositionupdate keyboardcompositionend',
  textarea: 'input focus blur confirm linechange keyboardheightchange selectionchange keyboardcompositionstart keyboardcompositionupdate keyboardcompositionend',
  picker: 'change columnchange cancel',
  'picker-view': 'change pickstart pickend',
  slider: 'change changing',
  switch: 'change',
  'functional-page-navigator': 'success fail cancel',
  navigator: 'success fail complete',
  audio: 'error play pause timeupdate ended',
  camera: 'stop error initdone scancode',
  image: 'load error',
  'live-player': 'statechange fullscreenchange netstatus audiovolumenotify enterpictureinpicture leavepictureinpicture',
  'live-pusher': 'statechange netstatus error bgmstart bgmprogress bgmcomplete audiovolumenotify enterpictureinpicture leavepictureinpicture',
  video:
    'play pause ended timeupdate fullscreenchange waiting error progress loadedmetadata controlstoggle enterpictureinpicture leavepictureinpicture seekcomplete castinguserselect castingstatechange castinginterrupt',
  'voip-room': 'error',
  'channel-video': 'error',
  map: 'tap markertap labeltap controltap callouttap updated regionchange poitap polylinetap abilitysuccess abilityfail authsuccess interpolatepoint error anchorpointtap',
  canvas: 'touchstart touchmove touchend touchcancel longtap error',
  'web-view': 'message load error',
  ad: 'load error close',
  'ad-custom': 'load error',
  'official-account': 'load error',
  'open-data': 'error',
  'page-meta': 'resize scroll scrolldone',
  'page-container': 'beforeenter enter afterenter beforeleave leave afterleave clickoverlay entercancelled leavecancelled',
};

function splitEvents(): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(EVENTS).map(([tag, names]) => [tag, names.split(' ')]));
}

export const BUILTIN_EVENTS: Readonly<Record<string, readonly string[]>> = /* @__PURE__ */ splitEvents();

/**
 * Attributes valid on every element: id, class, style, hidden, slot, animation, data-*, mark:*,
 * aria-*, event bindings (bind/catch/capture-bind/capture-catch/mut-bind, with or without a
 * colon) and the template directives (wx:*, generic:*, change:*, model:*).
 */
export function isCommonAttribute(name: string): boolean {
  return /^(id|class|style|hidden|slot|animation|role)$|^(data-|mark:|aria-|wx:|generic:|change:|model:)|^(capture-)?(bind|catch)|^mut-bind/.test(name);
}

export function attributeInfo(tag: string, attr: string): AttributeInfo | undefined {
  const attrs = BUILTIN_ATTRIBUTES[tag];
  if (!attrs) return undefined;
  if (attrs[attr]) return attrs[attr];
  const k = kebab(attr);
  for (const name in attrs) if (kebab(name) === k) return attrs[name];
  return undefined;
}

export function isKnownAttribute(tag: string, attr: string): boolean {
  return isCommonAttribute(attr) || attributeInfo(tag, attr) !== undefined;
}

let working: ComponentTable | undefined;

/**
 * wx.canIUse for `component[.attribute[.value]]`, from WORKS alone (this is all the runtime
 * ships): true when it works here, in full or in part; false when it does not or is unknown.
 */
export function canUseComponent(tag: string, attr?: string, value?: string): boolean {
  working ??= addComponents(new Map(), WORKS);
  return canUseIn(working, tag, attr, value);
}
