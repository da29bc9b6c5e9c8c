/**
 * input and textarea: a native <input>/<textarea> inside <wx-input>/<wx-textarea>, with WeChat's
 * attributes and events. bindinput may return a string (or {value, cursor}) that replaces the
 * value; model:value writes back. textarea adds auto-height and bindlinechange.
 */
import { FORM_FIELD, modelChanged, type FormField } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

interface InputState {
  control: HTMLInputElement | HTMLTextAreaElement;
  multiline: boolean;
  lines: number;
  placeholder: HTMLElement;
  name: string;
  initial: string;
  initialSet: boolean;
  maxlength: number;
  focus: boolean;
  type: string;
  password: boolean;
}

const STATE = Symbol('wx2tg.input');

function state(el: HTMLElement): InputState {
  return (el as any)[STATE] as InputState;
}

/** WeChat input types → what a web input needs for the same keyboard. */
function applyType(s: InputState): void {
  if (s.multiline) return;
  const c = s.control as HTMLInputElement;
  const password = s.password || s.type === 'safe-password';
  c.type = password ? 'password' : 'text';
  c.inputMode = s.type === 'number' ? 'numeric' : s.type === 'digit' ? 'decimal' : s.type === 'idcard' ? 'text' : '';
  if (s.type === 'number') c.pattern = '[0-9]*';
  else c.removeAttribute('pattern');
}

function showPlaceholder(s: InputState): void {
  s.placeholder.hidden = s.control.value !== '';
}

function limit(s: InputState, value: string): string {
  return s.maxlength >= 0 && value.length > s.maxlength ? value.slice(0, s.maxlength) : value;
}

function setValue(el: HTMLElement, value: string): void {
  const s = state(el);
  const v = limit(s, value);
  if (s.control.value !== v) s.control.value = v;
  showPlaceholder(s);
}

const CONFIRM_HINT: Record<string, string> = { send: 'send', search: 'search', next: 'next', go: 'go', done: 'done' };

/** auto-height: the box grows with its content; linechange reports the line count as it changes. */
function fitHeight(el: HTMLElement, s: InputState): void {
  if (!s.multiline) return;
  const c = s.control;
  if (el.hasAttribute('auto-height')) {
    c.style.height = 'auto';
    c.style.height = `${c.scrollHeight}px`;
    el.style.height = 'auto';
  }
  const lineHeight = parseFloat(getComputedStyle(c).lineHeight) || 20;
  const lines = Math.max(1, Math.round(c.scrollHeight / lineHeight));
  if (lines !== s.lines) {
    s.lines = lines;
    const height = lines * lineHeight;
    dispatchWxEvent(el, 'linechange', { height, heightRpx: Math.round((height * 750) / (document.documentElement.clientWidth || 375)), lineCount: lines });
  }
}

function createTextField(el: HTMLElement, multiline: boolean): void {
  {
    const control = document.createElement(multiline ? 'textarea' : 'input');
    control.className = multiline ? 'wx-textarea__control' : 'wx-input__control';
    if (multiline) (control as HTMLTextAreaElement).rows = 1;
    control.maxLength = 140;
    const placeholder = document.createElement('div');
    placeholder.className = multiline ? 'wx-textarea__placeholder wx-input__placeholder' : 'wx-input__placeholder';
    el.append(placeholder, control);
    const s: InputState = { control, multiline, lines: 0, placeholder, name: '', initial: '', initialSet: false, maxlength: 140, focus: false, type: 'text', password: false };
    (el as any)[STATE] = s;
    const field: FormField = {
      name: () => s.name,
      value: () => control.value,
      reset: () => {
        setValue(el, s.initial);
        modelChanged(el, 'value', control.value);
      },
    };
    (el as any)[FORM_FIELD] = field;
    control.addEventListener('input', (ev) => {
      const e = ev as InputEvent;
      const value = limit(s, control.value);
      if (value !== control.value) control.value = value;
      showPlaceholder(s);
      let replaced: unknown;
      dispatchWxEvent(el, 'input', { value, cursor: control.selectionStart ?? value.length, keyCode: e.data ? e.data.charCodeAt(0) : 8 }, {
        onResult: (r) => (replaced = r),
      });
      if (typeof replaced === 'string' || typeof replaced === 'number') setValue(el, String(replaced));
      else if (replaced && typeof replaced === 'object' && 'value' in replaced) {
        setValue(el, String((replaced as { value: unknown }).value));
        const cursor = Number((replaced as { cursor?: unknown }).cursor);
        if (Number.isFinite(cursor)) control.setSelectionRange(cursor, cursor);
      }
      modelChanged(el, 'value', control.value);
      fitHeight(el, s);
    });
    control.addEventListener('focus', () => dispatchWxEvent(el, 'focus', { value: control.value, height: 0 }));
    control.addEventListener('blur', () => dispatchWxEvent(el, 'blur', { value: control.value, cursor: control.selectionStart ?? 0 }));
    control.addEventListener('keydown', (ev) => {
      const e = ev as KeyboardEvent;
      // In a textarea Enter makes a new line; confirm comes from the keyboard's own button there.
      if (e.key === 'Enter' && !e.isComposing && (!multiline || e.ctrlKey || e.metaKey)) dispatchWxEvent(el, 'confirm', { value: control.value });
    });
  }
}

function setTextField(el: HTMLElement, name: string, value: unknown): boolean {
  {
    const s = state(el);
    const c = s.control;
    switch (name) {
      case 'value': {
        const v = value == null ? '' : String(value);
        if (!s.initialSet) {
          s.initialSet = true;
          s.initial = v;
        }
        setValue(el, v);
        requestAnimationFrame(() => fitHeight(el, s));
        return true;
      }
      case 'type':
        s.type = String(value ?? 'text');
        applyType(s);
        return true;
      case 'password':
        s.password = value === true || value === '' || value === 'true';
        applyType(s);
        return true;
      case 'placeholder':
        s.placeholder.textContent = value == null ? '' : String(value);
        c.setAttribute('aria-label', s.placeholder.textContent);
        return true;
      case 'placeholder-style':
        s.placeholder.style.cssText = value == null ? '' : String(value);
        return true;
      case 'placeholder-class':
        s.placeholder.className = `wx-input__placeholder ${value ?? ''}`.trim();
        return true;
      case 'disabled':
        c.disabled = !!value && value !== 'false';
        el.toggleAttribute('disabled', c.disabled);
        return true;
      case 'maxlength': {
        const n = Number(value);
        s.maxlength = Number.isFinite(n) ? n : 140;
        if (s.maxlength >= 0) c.maxLength = s.maxlength;
        else c.removeAttribute('maxlength');
        return true;
      }
      case 'focus':
      case 'auto-focus':
        s.focus = !!value && value !== 'false';
        if (s.focus) requestAnimationFrame(() => c.focus());
        else if (document.activeElement === c) c.blur();
        return true;
      case 'confirm-type':
        c.enterKeyHint = CONFIRM_HINT[String(value)] ?? 'done';
        return true;
      case 'cursor': {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) requestAnimationFrame(() => c.setSelectionRange(n, n));
        return true;
      }
      case 'selection-start':
      case 'selection-end':
        requestAnimationFrame(() => {
          const start = Number(name === 'selection-start' ? value : c.selectionStart);
          const end = Number(name === 'selection-end' ? value : c.selectionEnd);
          if (start >= 0 && end >= 0) c.setSelectionRange(start, end);
        });
        return true;
      case 'name':
        s.name = value == null ? '' : String(value);
        return true;
      case 'auto-height':
        el.toggleAttribute('auto-height', !!value && value !== 'false');
        requestAnimationFrame(() => fitHeight(el, s));
        return true;
      case 'confirm-hold':
      case 'adjust-position':
      case 'hold-keyboard':
      case 'always-embed':
      case 'cursor-spacing':
      case 'fixed':
      case 'show-confirm-bar':
      case 'disable-default-padding':
        return true; // keyboard placement is the WebView's business on the web
    }
    return false;
  }
}

defineBuiltin('input', { create: (el) => createTextField(el, false), set: setTextField });
defineBuiltin('textarea', { create: (el) => createTextField(el, true), set: setTextField });
