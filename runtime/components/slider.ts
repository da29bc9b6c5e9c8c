/**
 * slider: min, max, step, value, disabled, activeColor, backgroundColor, block-size, block-color,
 * show-value; dragging (touch or mouse) fires changing, releasing fires change; model:value.
 * The arrow keys move it too. A form field under its `name`.
 */
import { FORM_FIELD, modelChanged, type FormField } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

interface SliderState {
  min: number;
  max: number;
  step: number;
  value: number;
  initial: number | null;
  disabled: boolean;
  name: string;
  track: HTMLElement;
  fill: HTMLElement;
  handle: HTMLElement;
  label: HTMLElement;
}

const STATE = Symbol('wx2tg.slider');

function clampStep(s: SliderState, raw: number): number {
  const stepped = Math.round((raw - s.min) / s.step) * s.step + s.min;
  return Math.min(s.max, Math.max(s.min, Number(stepped.toFixed(10))));
}

function draw(s: SliderState): void {
  const ratio = s.max > s.min ? (s.value - s.min) / (s.max - s.min) : 0;
  s.fill.style.width = `${ratio * 100}%`;
  s.handle.style.left = `${ratio * 100}%`;
  s.label.textContent = String(s.value);
}

defineBuiltin('slider', {
  create(el) {
    const track = document.createElement('div');
    track.className = 'wx-slider__track';
    const fill = document.createElement('div');
    fill.className = 'wx-slider__fill';
    const handle = document.createElement('div');
    handle.className = 'wx-slider__handle';
    track.append(fill, handle);
    const label = document.createElement('div');
    label.className = 'wx-slider__value';
    label.hidden = true;
    el.append(track, label);
    el.setAttribute('role', 'slider');
    el.tabIndex = 0;
    const s: SliderState = { min: 0, max: 100, step: 1, value: 0, initial: null, disabled: false, name: '', track, fill, handle, label };
    (el as any)[STATE] = s;
    const field: FormField = { name: () => s.name, value: () => s.value, reset: () => ((s.value = s.initial ?? s.min), draw(s)) };
    (el as any)[FORM_FIELD] = field;
    const valueAt = (clientX: number): number => {
      const r = track.getBoundingClientRect();
      const ratio = r.width ? (clientX - r.left) / r.width : 0;
      return clampStep(s, s.min + Math.min(1, Math.max(0, ratio)) * (s.max - s.min));
    };
    const set = (v: number, event: 'changing' | 'change'): void => {
      if (v !== s.value || event === 'change') {
        s.value = v;
        draw(s);
        el.setAttribute('aria-valuenow', String(v));
        dispatchWxEvent(el, event, { value: v });
        if (event === 'change') modelChanged(el, 'value', v);
      }
    };
    el.addEventListener('pointerdown', (e) => {
      if (s.disabled) return;
      el.setPointerCapture?.(e.pointerId);
      set(valueAt(e.clientX), 'changing');
      const move = (m: PointerEvent): void => set(valueAt(m.clientX), 'changing');
      const up = (u: PointerEvent): void => {
        el.removeEventListener('pointermove', move);
        el.removeEventListener('pointerup', up);
        el.removeEventListener('pointercancel', up);
        set(valueAt(u.clientX), 'change');
      };
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
      el.addEventListener('pointercancel', up);
    });
    el.addEventListener('keydown', (e) => {
      if (s.disabled) return;
      const delta = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? s.step : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -s.step : 0;
      if (!delta) return;
      e.preventDefault();
      set(clampStep(s, s.value + delta), 'change');
    });
    draw(s);
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as SliderState;
    const n = Number(value);
    switch (name) {
      case 'min':
        s.min = Number.isFinite(n) ? n : 0;
        break;
      case 'max':
        s.max = Number.isFinite(n) ? n : 100;
        break;
      case 'step':
        s.step = n > 0 ? n : 1;
        break;
      case 'value':
        s.value = clampStep(s, Number.isFinite(n) ? n : 0);
        if (s.initial === null) s.initial = s.value;
        break;
      case 'disabled':
        s.disabled = !!value && value !== 'false';
        el.toggleAttribute('disabled', s.disabled);
        break;
      case 'show-value':
        s.label.hidden = !value || value === 'false';
        break;
      case 'activeColor':
      case 'active-color':
      case 'selected-color':
        s.fill.style.backgroundColor = String(value ?? '');
        break;
      case 'backgroundColor':
      case 'background-color':
      case 'color':
        s.track.style.backgroundColor = String(value ?? '');
        break;
      case 'block-size': {
        const size = Math.min(28, Math.max(12, n || 28));
        s.handle.style.width = s.handle.style.height = `${size}px`;
        s.handle.style.marginLeft = s.handle.style.marginTop = `${-size / 2}px`;
        break;
      }
      case 'block-color':
        s.handle.style.backgroundColor = String(value ?? '');
        break;
      case 'name':
        s.name = value == null ? '' : String(value);
        break;
      default:
        return false;
    }
    el.setAttribute('aria-valuemin', String(s.min));
    el.setAttribute('aria-valuemax', String(s.max));
    el.setAttribute('aria-valuenow', String(s.value));
    draw(s);
    return true;
  },
});
