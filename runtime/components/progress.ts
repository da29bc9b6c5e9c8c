/**
 * progress: percent, show-info, border-radius, font-size, stroke-width, activeColor/color,
 * backgroundColor, active (animates from 0, or from the last value with active-mode="forwards"),
 * duration (ms per 1%), bindactiveend.
 */
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

interface ProgressState {
  bar: HTMLElement;
  fill: HTMLElement;
  info: HTMLElement;
  percent: number;
  shown: number;
  active: boolean;
  forwards: boolean;
  duration: number;
  timer?: ReturnType<typeof setInterval>;
}

const STATE = Symbol('wx2tg.progress');

function draw(s: ProgressState): void {
  s.fill.style.width = `${s.shown}%`;
  s.info.textContent = `${Math.round(s.shown)}%`;
}

function animate(el: HTMLElement, s: ProgressState): void {
  clearInterval(s.timer);
  if (!s.active) {
    s.shown = s.percent;
    draw(s);
    return;
  }
  if (!s.forwards) s.shown = 0;
  const step = s.percent >= s.shown ? 1 : -1;
  s.timer = setInterval(() => {
    if (Math.round(s.shown) === Math.round(s.percent)) {
      clearInterval(s.timer);
      s.shown = s.percent;
      draw(s);
      dispatchWxEvent(el, 'activeend', {});
      return;
    }
    s.shown += step;
    draw(s);
  }, s.duration);
}

defineBuiltin('progress', {
  create(el) {
    const bar = document.createElement('div');
    bar.className = 'wx-progress__bar';
    const fill = document.createElement('div');
    fill.className = 'wx-progress__fill';
    bar.appendChild(fill);
    const info = document.createElement('div');
    info.className = 'wx-progress__info';
    info.hidden = true;
    el.append(bar, info);
    el.setAttribute('role', 'progressbar');
    const s: ProgressState = { bar, fill, info, percent: 0, shown: 0, active: false, forwards: false, duration: 30 };
    (el as any)[STATE] = s;
    draw(s);
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as ProgressState;
    switch (name) {
      case 'percent':
        s.percent = Math.min(100, Math.max(0, Number(value) || 0));
        el.setAttribute('aria-valuenow', String(s.percent));
        animate(el, s);
        return true;
      case 'show-info':
        s.info.hidden = !value || value === 'false';
        return true;
      case 'border-radius':
        s.bar.style.borderRadius = s.fill.style.borderRadius = `${parseFloat(String(value)) || 0}px`;
        return true;
      case 'font-size':
        s.info.style.fontSize = `${parseFloat(String(value)) || 16}px`;
        return true;
      case 'stroke-width':
        s.bar.style.height = `${parseFloat(String(value)) || 6}px`;
        return true;
      case 'color':
      case 'activeColor':
      case 'active-color':
        s.fill.style.backgroundColor = value == null ? '' : String(value);
        return true;
      case 'backgroundColor':
      case 'background-color':
        s.bar.style.backgroundColor = value == null ? '' : String(value);
        return true;
      case 'active':
        s.active = !!value && value !== 'false';
        animate(el, s);
        return true;
      case 'active-mode':
        s.forwards = value === 'forwards';
        return true;
      case 'duration':
        s.duration = Math.max(1, Number(value) || 30);
        return true;
    }
    return false;
  },
});
