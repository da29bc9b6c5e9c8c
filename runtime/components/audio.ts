/**
 * audio (WeChat's legacy component): an HTMLAudioElement with WeChat's player card when
 * `controls` is set (poster with a play / pause button, name, author, time); nothing shows
 * without it. Attributes: src, loop, controls, poster, name, author. Events: play, pause, ended,
 * timeupdate {currentTime, duration}, error {errMsg}. wx.createAudioContext reaches it by id.
 */
import { dispatchWxEvent } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { MEDIA, provideMediaContext } from './mediaContext.js';
import { defineBuiltin } from './registry.js';
import { flag, stateOf } from './util.js';

provideMediaContext('createAudioContext', ['setSrc', 'play', 'pause', 'seek']);
const STATE = Symbol('wx2tg.audio');

interface AudioState {
  audio: HTMLAudioElement;
  poster: HTMLElement;
  name: HTMLElement;
  author: HTMLElement;
  time: HTMLElement;
  src: string;
}

/** WeChat's MediaError names, by HTML MediaError code. */
const ERRORS = ['', 'MEDIA_ERR_ABORTED', 'MEDIA_ERR_NETWORK', 'MEDIA_ERR_DECODE', 'MEDIA_ERR_SRC_NOT_SUPPORTED'];

function clock(t: number): string {
  const s = Math.max(0, Math.floor(t || 0));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function part(cls: string, parent: HTMLElement, tag = 'div'): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  parent.appendChild(e);
  return e;
}

defineBuiltin('audio', {
  create(el) {
    const audio = document.createElement('audio');
    audio.preload = 'metadata';
    el.appendChild(audio);
    const card = part('wx-audio__card', el);
    const poster = part('wx-audio__poster', card, 'button');
    poster.setAttribute('aria-label', 'Play');
    const info = part('wx-audio__info', card);
    const name = part('wx-audio__name', info);
    const author = part('wx-audio__author', info);
    const time = part('wx-audio__time', card);
    const s: AudioState = { audio, poster, name, author, time, src: '' };
    (el as any)[STATE] = s;
    name.textContent = 'Unknown audio';
    author.textContent = 'Unknown author';
    time.textContent = '00:00';
    poster.addEventListener('click', () => (audio.paused ? void audio.play().catch(() => {}) : audio.pause()));
    const playing = (on: boolean): void => {
      el.toggleAttribute('playing', on);
      poster.setAttribute('aria-label', on ? 'Pause' : 'Play');
    };
    audio.addEventListener('play', () => (playing(true), dispatchWxEvent(el, 'play', {})));
    audio.addEventListener('pause', () => (playing(false), !audio.ended && dispatchWxEvent(el, 'pause', {})));
    audio.addEventListener('ended', () => (playing(false), dispatchWxEvent(el, 'ended', {})));
    audio.addEventListener('timeupdate', () => {
      time.textContent = clock(audio.currentTime);
      dispatchWxEvent(el, 'timeupdate', { currentTime: audio.currentTime, duration: audio.duration });
    });
    audio.addEventListener('error', () => s.src && dispatchWxEvent(el, 'error', { errMsg: ERRORS[audio.error?.code ?? 0] || 'MEDIA_ERR_SRC_NOT_SUPPORTED' }));
    (el as any)[MEDIA] = {
      play: () => audio.play(),
      pause: () => audio.pause(),
      seek: (t: number) => (audio.currentTime = Math.max(0, Number(t) || 0)),
      setSrc: (src: string) => ((s.src = String(src ?? '')), (audio.src = appUrl(s.src))),
    };
  },
  set(el, name, value) {
    const s = stateOf<AudioState>(el, STATE);
    switch (name) {
      case 'src':
        s.src = value == null ? '' : String(value).trim();
        if (s.src && !/^javascript:/i.test(s.src)) s.audio.src = appUrl(s.src);
        else s.audio.removeAttribute('src');
        return true;
      case 'loop':
        s.audio.loop = flag(value);
        return true;
      case 'controls':
        el.toggleAttribute('controls', flag(value));
        return true;
      case 'poster':
        s.poster.style.backgroundImage = value ? `url("${appUrl(String(value)).replace(/["\\\n]/g, '')}")` : '';
        return true;
      case 'name':
        s.name.textContent = value == null || value === '' ? 'Unknown audio' : String(value);
        return true;
      case 'author':
        s.author.textContent = value == null || value === '' ? 'Unknown author' : String(value);
        return true;
    }
    return false;
  },
});
