/**
 * video: an HTML5 <video> inside <wx-video> (300 × 225 and black by default, as WeChat), with
 * WeChat's own control bar (the same on every Telegram client, whatever its browser draws):
 * play / pause, time, a progress bar to drag, duration, mute and fullscreen buttons; it hides
 * while playing and comes back on a tap (controlstoggle {show}).
 * Attributes: src, controls, show-play-btn, show-progress, show-fullscreen-btn, show-mute-btn,
 * show-center-play-btn, autoplay, loop, muted, poster,
 * object-fit (contain | fill | cover), initial-time, title, danmu-list with enable-danmu. Events: play, pause, ended, timeupdate {currentTime, duration}, waiting,
 * error {errMsg}, loadedmetadata {width, height, duration}, progress {buffered},
 * seekcomplete {position}, fullscreenchange {fullScreen, direction}.
 * wx.createVideoContext reaches the element's controller (MEDIA) by id.
 */
import { dispatchWxEvent } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { MEDIA, provideMediaContext } from './mediaContext.js';
import { defineBuiltin } from './registry.js';
import { flag, num, stateOf } from './util.js';

interface Danmu {
  text: string;
  color?: string;
  time?: number;
}

interface VideoState {
  video: HTMLVideoElement;
  center: HTMLElement;
  danmuLayer: HTMLElement | null;
  danmu: Danmu[];
  danmuOn: boolean;
  shown: Set<Danmu>;
  initialTime: number;
  src: string;
  direction: number;
  quietSeek: boolean;
  bar: ControlBar;
}

interface ControlBar {
  root: HTMLElement;
  play: HTMLElement;
  now: HTMLElement;
  track: HTMLElement;
  played: HTMLElement;
  buffered: HTMLElement;
  total: HTMLElement;
  mute: HTMLElement;
  full: HTMLElement;
  dragging: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

function seekQuietly(s: VideoState, t: number): void {
  s.quietSeek = true;
  s.video.currentTime = t;
}

const STATE = Symbol('wx2tg.video');
const ICON = (d: string): string => `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="#fff" d="${d}"/></svg>`;
const ICONS: Record<string, string> = {
  play: ICON('M8 5.5v13l10.5-6.5z'),
  pause: ICON('M7 5.5h3.5v13H7zM13.5 5.5H17v13h-3.5z'),
  full: ICON('M4 4h6v2H6v4H4zM14 4h6v6h-2V6h-4zM4 14h2v4h4v2H4zM18 14h2v6h-6v-2h4z'),
  unfull: ICON('M8 4h2v6H4V8h4zM14 4h2v4h4v2h-6zM4 14h6v6H8v-4H4zM14 14h6v2h-4v4h-2z'),
  sound: ICON('M4 9h4l5-4v14l-5-4H4zM16 8.5a5 5 0 010 7M18.5 6a8.5 8.5 0 010 12'),
  muted: ICON('M4 9h4l5-4v14l-5-4H4zM16 9l5 6M21 9l-5 6'),
};
const PLAY_ICON = '<svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true"><circle cx="32" cy="32" r="31" fill="rgba(0,0,0,.5)" stroke="#fff" stroke-width="2"/><path d="M26 20l20 12-20 12z" fill="#fff"/></svg>';

function fire(el: HTMLElement, type: string, detail: unknown = {}): void {
  dispatchWxEvent(el, type, detail);
}

/** Sends a line of danmu across the picture (right to left, one lane per line at random). */
function shoot(el: HTMLElement, s: VideoState, d: Danmu): void {
  if (!s.danmuLayer) {
    s.danmuLayer = document.createElement('div');
    s.danmuLayer.className = 'wx-video__danmu';
    el.appendChild(s.danmuLayer);
  }
  const line = document.createElement('span');
  line.className = 'wx-video__danmu-item';
  line.textContent = String(d.text ?? '');
  if (d.color) line.style.color = d.color;
  line.style.top = `${8 + Math.floor(Math.random() * 5) * 24}px`;
  s.danmuLayer.appendChild(line);
  line.addEventListener('animationend', () => line.remove());
}

function clock(t: number): string {
  const s = Number.isFinite(t) ? Math.max(0, Math.floor(t)) : 0;
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

function button(cls: string, label: string, parent: HTMLElement): HTMLElement {
  const b = document.createElement('div');
  b.className = cls;
  b.setAttribute('role', 'button');
  b.setAttribute('aria-label', label);
  keyboardClick(b);
  parent.appendChild(b);
  return b;
}

/** Focusable, and Enter or Space presses it. */
function keyboardClick(b: HTMLElement): void {
  b.tabIndex = 0;
  b.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    b.click();
  });
}

/** WeChat's control bar, built from the state of the <video>. */
function buildBar(el: HTMLElement, video: HTMLVideoElement): ControlBar {
  const root = document.createElement('div');
  root.className = 'wx-video__bar';
  const play = button('wx-video__button wx-video__play', 'Play', root);
  const now = document.createElement('span');
  now.className = 'wx-video__time';
  const track = document.createElement('div');
  track.className = 'wx-video__progress';
  const buffered = document.createElement('div');
  buffered.className = 'wx-video__buffered';
  const played = document.createElement('div');
  played.className = 'wx-video__played';
  track.append(buffered, played);
  const total = document.createElement('span');
  total.className = 'wx-video__time wx-video__duration';
  root.append(now, track, total);
  const mute = button('wx-video__button wx-video__mute', 'Mute', root);
  const full = button('wx-video__button wx-video__fullscreen', 'Full screen', root);
  el.appendChild(root);
  const bar: ControlBar = { root, play, now, track, played, buffered, total, mute, full, dragging: false };
  play.addEventListener('click', (e) => (e.stopPropagation(), video.paused ? void video.play().catch(() => {}) : video.pause()));
  mute.addEventListener('click', (e) => (e.stopPropagation(), (video.muted = !video.muted)));
  // Dragging along the progress bar seeks (touch or mouse).
  const seekTo = (x: number): void => {
    const r = track.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (x - r.left) / (r.width || 1)));
    played.style.width = `${ratio * 100}%`;
    if (Number.isFinite(video.duration)) video.currentTime = ratio * video.duration;
  };
  track.addEventListener('pointerdown', (e) => {
    e.stopPropagation();
    bar.dragging = true;
    track.setPointerCapture?.(e.pointerId);
    seekTo(e.clientX);
  });
  track.addEventListener('pointermove', (e) => bar.dragging && seekTo(e.clientX));
  const end = (): void => void (bar.dragging = false);
  track.addEventListener('pointerup', end);
  track.addEventListener('pointercancel', end);
  return bar;
}

function drawBar(el: HTMLElement, s: VideoState): void {
  const { video, bar } = s;
  bar.play.innerHTML = video.paused ? ICONS.play! : ICONS.pause!; // constants
  bar.play.setAttribute('aria-label', video.paused ? 'Play' : 'Pause');
  bar.mute.innerHTML = video.muted ? ICONS.muted! : ICONS.sound!;
  bar.full.innerHTML = el.hasAttribute('fullscreen') ? ICONS.unfull! : ICONS.full!;
  bar.now.textContent = clock(video.currentTime);
  bar.total.textContent = clock(video.duration);
  if (!bar.dragging) bar.played.style.width = video.duration ? `${(video.currentTime / video.duration) * 100}%` : '0%';
  const b = video.buffered;
  bar.buffered.style.width = video.duration && b.length ? `${(b.end(b.length - 1) / video.duration) * 100}%` : '0%';
}

/** Shows the bar; while playing it hides again after 3 s without a touch. */
function showBar(el: HTMLElement, s: VideoState, show = true): void {
  const was = !el.hasAttribute('bar-hidden');
  el.toggleAttribute('bar-hidden', !show);
  if (was !== show && !el.hasAttribute('no-controls')) fire(el, 'controlstoggle', { show });
  clearTimeout(s.bar.timer);
  if (show && !s.video.paused) s.bar.timer = setTimeout(() => showBar(el, s, false), 3000);
}

function fullscreen(el: HTMLElement, s: VideoState, on: boolean, direction?: number): void {
  const doc = document as Document & { webkitExitFullscreen?(): void; webkitFullscreenElement?: Element };
  if (on) {
    s.direction = direction ?? (s.video.videoWidth > s.video.videoHeight ? 90 : 0);
    const v = s.video as HTMLVideoElement & { webkitEnterFullscreen?(): void };
    const req = el.requestFullscreen?.bind(el);
    // iOS WebViews only let the <video> itself go fullscreen.
    if (req) req().catch(() => v.webkitEnterFullscreen?.());
    else v.webkitEnterFullscreen?.();
    if (s.direction) (screen.orientation as ScreenOrientation & { lock?(o: string): Promise<void> })?.lock?.('landscape').catch(() => {});
  } else if (document.fullscreenElement === el) void document.exitFullscreen().catch(() => {});
  else doc.webkitExitFullscreen?.();
}

// wx.createVideoContext: the status bar and background playback are the client's, nothing to do here.
const noop = (): void => {};
provideMediaContext('createVideoContext', ['play', 'pause', 'stop', 'seek', 'playbackRate', 'requestFullScreen', 'exitFullScreen', 'sendDanmu', 'requestPictureInPicture', 'exitPictureInPicture', 'showStatusBar', 'hideStatusBar', 'requestBackgroundPlayback', 'exitBackgroundPlayback']);

defineBuiltin('video', {
  create(el) {
    const video = document.createElement('video');
    video.className = 'wx-video__video';
    video.controls = false;
    video.playsInline = true;
    video.setAttribute('webkit-playsinline', '');
    video.preload = 'metadata';
    const center = document.createElement('div');
    center.className = 'wx-video__center-play';
    center.setAttribute('role', 'button');
    center.setAttribute('aria-label', 'Play');
    keyboardClick(center);
    center.innerHTML = PLAY_ICON; // a constant
    el.append(video, center);
    const bar = buildBar(el, video);
    const s: VideoState = { video, center, danmuLayer: null, danmu: [], danmuOn: false, shown: new Set(), initialTime: 0, src: '', direction: 0, quietSeek: false, bar };
    (el as any)[STATE] = s;
    bar.full.addEventListener('click', (e) => (e.stopPropagation(), fullscreen(el, s, !el.hasAttribute('fullscreen'))));
    for (const type of ['play', 'pause', 'timeupdate', 'durationchange', 'progress', 'volumechange', 'seeked', 'emptied']) video.addEventListener(type, () => drawBar(el, s));
    drawBar(el, s);
    center.addEventListener('click', (e) => (e.stopPropagation(), void video.play().catch(() => {})));
    // A tap on the picture shows or hides the bar.
    video.addEventListener('click', () => showBar(el, s, el.hasAttribute('bar-hidden')));
    video.addEventListener('play', () => {
      center.hidden = true;
      showBar(el, s);
      fire(el, 'play');
    });
    video.addEventListener('pause', () => showBar(el, s));
    // The browser also says "pause" at the end: WeChat says only "ended".
    video.addEventListener('pause', () => !video.ended && fire(el, 'pause'));
    video.addEventListener('ended', () => fire(el, 'ended'));
    video.addEventListener('waiting', () => fire(el, 'waiting'));
    video.addEventListener('error', () => {
      if (s.src) fire(el, 'error', { errMsg: `MEDIA_ERR ${video.error?.code ?? 0}: ${video.error?.message || 'the video could not be played'}` });
    });
    video.addEventListener('loadedmetadata', () => {
      if (s.initialTime > 0) seekQuietly(s, s.initialTime);
      fire(el, 'loadedmetadata', { width: video.videoWidth, height: video.videoHeight, duration: video.duration });
    });
    video.addEventListener('timeupdate', () => {
      fire(el, 'timeupdate', { currentTime: video.currentTime, duration: video.duration });
      if (s.danmuOn) for (const d of s.danmu) if (!s.shown.has(d) && (d.time ?? 0) <= video.currentTime) (s.shown.add(d), shoot(el, s, d));
    });
    video.addEventListener('progress', () => {
      const b = video.buffered;
      const end = b.length ? b.end(b.length - 1) : 0;
      fire(el, 'progress', { buffered: video.duration ? Math.round((end / video.duration) * 100) : 0 });
    });
    video.addEventListener('seeked', () => {
      // Starting at initial-time is not a seek the program asked for.
      if (s.quietSeek) s.quietSeek = false;
      else fire(el, 'seekcomplete', { position: video.currentTime });
    });
    const onFullscreen = (): void => {
      const full = document.fullscreenElement === el;
      el.toggleAttribute('fullscreen', full);
      drawBar(el, s);
      fire(el, 'fullscreenchange', { fullScreen: full, direction: full ? (s.direction ? 'horizontal' : 'vertical') : 'vertical' });
    };
    el.addEventListener('fullscreenchange', onFullscreen);
    video.addEventListener('webkitbeginfullscreen', () => fire(el, 'fullscreenchange', { fullScreen: true, direction: 'vertical' }));
    video.addEventListener('webkitendfullscreen', () => fire(el, 'fullscreenchange', { fullScreen: false, direction: 'vertical' }));
    // auto-pause-if-navigate: a video left behind on a hidden page (or removed) stops playing.
    new IntersectionObserver(([entry]) => {
      if (entry && !entry.isIntersecting && !video.paused && (!el.isConnected || (el.closest('wx-page') as HTMLElement | null)?.hidden) && !el.hasAttribute('keep-playing')) video.pause();
    }).observe(el);
    (el as any)[MEDIA] = {
      play: () => video.play(),
      pause: () => video.pause(),
      stop: () => {
        video.pause();
        video.currentTime = 0;
      },
      seek: (t: number) => (video.currentTime = Math.max(0, Number(t) || 0)),
      playbackRate: (r: number) => (video.playbackRate = Number(r) || 1),
      requestFullScreen: (o?: { direction?: number }) => fullscreen(el, s, true, o?.direction),
      exitFullScreen: () => fullscreen(el, s, false),
      sendDanmu: (d: Danmu) => shoot(el, s, d),
      requestPictureInPicture: () => video.requestPictureInPicture?.(),
      exitPictureInPicture: () => document.pictureInPictureElement && document.exitPictureInPicture(),
      showStatusBar: noop,
      hideStatusBar: noop,
      requestBackgroundPlayback: noop,
      exitBackgroundPlayback: noop,
    };
  },
  set(el, name, value) {
    const s = stateOf<VideoState>(el, STATE);
    const v = s.video;
    const on = flag(value);
    switch (name) {
      case 'src': {
        const src = value == null ? '' : String(value).trim();
        s.src = src;
        s.shown.clear();
        s.center.hidden = false;
        if (src && !/^javascript:/i.test(src)) v.src = appUrl(src);
        else v.removeAttribute('src');
        return true;
      }
      case 'controls':
        el.toggleAttribute('no-controls', value != null && !on);
        return true;
      case 'autoplay':
        v.autoplay = on;
        if (on) queueMicrotask(() => void v.play().catch(() => {}));
        return true;
      case 'loop':
        v.loop = on;
        return true;
      case 'muted':
        v.muted = on;
        drawBar(el, s);
        return true;
      case 'poster':
        if (value) v.poster = appUrl(String(value));
        else v.removeAttribute('poster');
        return true;
      case 'object-fit':
        v.style.objectFit = ['fill', 'cover'].includes(String(value)) ? String(value) : 'contain';
        return true;
      case 'initial-time':
        s.initialTime = Math.max(0, num(value, 0));
        if (v.readyState >= 1 && s.initialTime) seekQuietly(s, s.initialTime);
        return true;
      case 'show-center-play-btn':
        el.toggleAttribute('no-center-play', value != null && !on);
        return true;
      case 'show-fullscreen-btn':
      case 'show-play-btn':
      case 'show-progress':
        // Shown unless turned off.
        el.toggleAttribute(`no-${name.slice(5)}`, value != null && !on);
        return true;
      case 'show-mute-btn':
        // Hidden unless turned on.
        el.toggleAttribute('mute-btn', on);
        return true;
      case 'title':
        v.title = value == null ? '' : String(value);
        return true;
      case 'danmu-list':
        s.danmu = Array.isArray(value) ? (value as Danmu[]) : [];
        s.shown.clear();
        return true;
      case 'enable-danmu':
        s.danmuOn = on;
        return true;
      case 'picture-in-picture-mode':
        v.disablePictureInPicture = !value || (Array.isArray(value) && !value.length);
        return true;
      case 'auto-pause-if-navigate':
        el.toggleAttribute('keep-playing', value != null && !on);
        return true;
      case 'duration':
      case 'danmu-btn':
      case 'page-gesture':
      case 'direction':
      case 'enable-progress-gesture':
      case 'play-btn-position':
      case 'enable-play-gesture':
      case 'auto-pause-if-open-native':
      case 'vslide-gesture':
      case 'vslide-gesture-in-fullscreen':
      case 'show-casting-button':
      case 'enable-auto-rotation':
      case 'show-screen-lock-button':
      case 'show-snapshot-button':
      case 'show-background-playback-button':
      case 'background-poster':
      case 'referrer-policy':
      case 'is-drm':
      case 'is-live':
      case 'custom-cache':
        return true;
    }
    return false;
  },
});
