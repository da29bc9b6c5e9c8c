/**
 * picker: a tap on it opens a bottom sheet, as WeChat's does.
 *  - selector: range (strings, or objects shown by range-key), value = index;
 *  - multiSelector: one column per range entry, value = indexes, columnchange as a column moves;
 *  - time (HH:mm) and date (YYYY-MM-DD, fields year/month/day): the platform's own time/date input
 *    inside the sheet, limited by start/end.
 * Confirm fires change {value}; cancel fires cancel. model:value writes back; a form field under
 * its `name`. mode="region" needs China's region list, which is not bundled: it reports that.
 */
import { ACTIVATE, FORM_FIELD, modelChanged, type FormField } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

interface PickerState {
  mode: string;
  range: unknown[];
  rangeKey: string;
  value: unknown;
  initial: unknown;
  start: string;
  end: string;
  fields: string;
  disabled: boolean;
  name: string;
  headerText: string;
}

const STATE = Symbol('wx2tg.picker');

function label(item: unknown, key: string): string {
  if (item && typeof item === 'object' && key) return String((item as Record<string, unknown>)[key] ?? '');
  return String(item ?? '');
}

function sheet(title: string, body: HTMLElement, onConfirm: () => void, onCancel: () => void): HTMLElement {
  const el = document.createElement('wx-picker-sheet');
  el.setAttribute('role', 'dialog');
  const panel = document.createElement('div');
  panel.className = 'wx-picker-sheet__panel';
  const bar = document.createElement('div');
  bar.className = 'wx-picker-sheet__bar';
  const cancel = document.createElement('button');
  cancel.className = 'wx-picker-sheet__cancel';
  cancel.textContent = 'Cancel';
  const head = document.createElement('div');
  head.className = 'wx-picker-sheet__title';
  head.textContent = title;
  const ok = document.createElement('button');
  ok.className = 'wx-picker-sheet__confirm';
  ok.textContent = 'OK';
  bar.append(cancel, head, ok);
  panel.append(bar, body);
  el.appendChild(panel);
  const close = (): void => el.remove();
  cancel.addEventListener('click', () => (close(), onCancel()));
  ok.addEventListener('click', () => (close(), onConfirm()));
  el.addEventListener('click', (e) => e.target === el && (close(), onCancel()));
  document.body.appendChild(el);
  return el;
}

function column(options: string[], selected: number, onSelect: (i: number) => void): HTMLElement {
  const col = document.createElement('div');
  col.className = 'wx-picker-sheet__column';
  col.setAttribute('role', 'listbox');
  options.forEach((text, i) => {
    const opt = document.createElement('div');
    opt.className = 'wx-picker-sheet__option';
    opt.setAttribute('role', 'option');
    opt.textContent = text;
    opt.setAttribute('aria-selected', String(i === selected));
    opt.addEventListener('click', () => {
      for (const o of col.children) o.setAttribute('aria-selected', 'false');
      opt.setAttribute('aria-selected', 'true');
      onSelect(i);
    });
    col.appendChild(opt);
  });
  requestAnimationFrame(() => (col.children[selected] as HTMLElement | undefined)?.scrollIntoView({ block: 'center' }));
  return col;
}

function open(el: HTMLElement, s: PickerState): void {
  const commit = (value: unknown): void => {
    s.value = value;
    dispatchWxEvent(el, 'change', { value });
    modelChanged(el, 'value', value);
  };
  const cancel = (): void => void dispatchWxEvent(el, 'cancel', {});
  if (s.mode === 'selector') {
    let chosen = Number(s.value) || 0;
    const body = document.createElement('div');
    body.className = 'wx-picker-sheet__columns';
    body.appendChild(column(s.range.map((r) => label(r, s.rangeKey)), chosen, (i) => (chosen = i)));
    sheet(s.headerText, body, () => commit(chosen), cancel);
    return;
  }
  if (s.mode === 'multiSelector') {
    const columns = s.range.map((r) => (Array.isArray(r) ? r : []));
    const chosen = columns.map((_, c) => (Array.isArray(s.value) ? Number((s.value as unknown[])[c]) || 0 : 0));
    const body = document.createElement('div');
    body.className = 'wx-picker-sheet__columns';
    columns.forEach((col, c) =>
      body.appendChild(
        column(col.map((r) => label(r, s.rangeKey)), chosen[c]!, (i) => {
          chosen[c] = i;
          dispatchWxEvent(el, 'columnchange', { column: c, value: i });
        }),
      ),
    );
    sheet(s.headerText, body, () => commit([...chosen]), cancel);
    return;
  }
  if (s.mode === 'time' || s.mode === 'date') {
    const input = document.createElement('input');
    input.className = 'wx-picker-sheet__native';
    const month = s.mode === 'date' && s.fields === 'month';
    const year = s.mode === 'date' && s.fields === 'year';
    input.type = s.mode === 'time' ? 'time' : month ? 'month' : year ? 'number' : 'date';
    if (s.start) input.min = s.start;
    if (s.end) input.max = s.end;
    input.value = String(s.value ?? '');
    const body = document.createElement('div');
    body.className = 'wx-picker-sheet__columns';
    body.appendChild(input);
    sheet(s.headerText, body, () => input.value && commit(input.value), cancel);
    requestAnimationFrame(() => input.focus());
    return;
  }
  console.warn(`[wx2tg] picker mode="${s.mode}" is not supported on Telegram (the region list is not bundled)`);
}

defineBuiltin('picker', {
  create(el) {
    const s: PickerState = { mode: 'selector', range: [], rangeKey: '', value: 0, initial: undefined, start: '', end: '', fields: 'day', disabled: false, name: '', headerText: '' };
    (el as any)[STATE] = s;
    el.setAttribute('role', 'button');
    (el as any)[ACTIVATE] = () => !s.disabled && open(el, s);
    const field: FormField = {
      name: () => s.name,
      value: () => s.value,
      reset: () => {
        s.value = s.initial;
      },
    };
    (el as any)[FORM_FIELD] = field;
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as PickerState;
    switch (name) {
      case 'mode':
        s.mode = String(value ?? 'selector');
        return true;
      case 'range':
        s.range = Array.isArray(value) ? value : [];
        return true;
      case 'range-key':
        s.rangeKey = String(value ?? '');
        return true;
      case 'value':
        s.value = value;
        if (s.initial === undefined) s.initial = value;
        return true;
      case 'start':
        s.start = String(value ?? '');
        return true;
      case 'end':
        s.end = String(value ?? '');
        return true;
      case 'fields':
        s.fields = String(value ?? 'day');
        return true;
      case 'disabled':
        s.disabled = !!value && value !== 'false';
        el.toggleAttribute('disabled', s.disabled);
        return true;
      case 'name':
        s.name = String(value ?? '');
        return true;
      case 'header-text':
        s.headerText = String(value ?? '');
        return true;
      case 'custom-item':
      case 'level':
        return true;
    }
    return false;
  },
});
