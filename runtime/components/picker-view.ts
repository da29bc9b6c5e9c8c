/**
 * picker-view and picker-view-column: a picker embedded in the page. Each column's children are
 * its rows, made as tall as the indicator (as WeChat does); a column scrolls by touch or mouse
 * drag (with a fling), by the mouse wheel, by the arrow keys, or by a tap on a row, and always
 * comes to rest on a row. Attributes: value (one index per column), indicator-style/-class,
 * mask-style/-class, immediate-change. Events on picker-view: pickstart, change {value} (after the
 * column settles, or on release with immediate-change), pickend; model:value writes back.
 *
 * The rows stay where the template put them: a column moves them together through one custom
 * property (--wx-pv-y), so the program's own row styles are never touched.
 */
import { modelChanged, ownerOf } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';
import { flag, releaseVelocity, stateOf, type Sample } from './util.js';

interface ViewState {
  indicator: HTMLElement;
  mask: HTMLElement;
  indicatorClass: string;
  maskClass: string;
  maskStyle: string;
  value: number[];
  immediate: boolean;
  /** Row height (the indicator's) and the indicator's top, in px, once laid out. */
  rowHeight: number;
  top: number;
  /** Columns moving (dragged, wheeled or settling); pickend fires when none are. */
  busy: Set<HTMLElement>;
}

interface ColumnState {
  index: number;
  /** Scroll position in px: index × rowHeight at rest. */
  offset: number;
  settle?: ReturnType<typeof setTimeout>;
  wheelEnd?: ReturnType<typeof setTimeout>;
}

const VIEW = Symbol('wx2tg.pickerView');
const COLUMN = Symbol('wx2tg.pickerViewColumn');

function viewOf(col: Element): HTMLElement | null {
  const p = col.parentElement;
  return p && p.tagName === 'WX-PICKER-VIEW' ? p : null;
}

function columns(view: HTMLElement): HTMLElement[] {
  return [...view.children].filter((c) => c.tagName === 'WX-PICKER-VIEW-COLUMN') as HTMLElement[];
}

function rows(col: HTMLElement): number {
  return col.children.length;
}

function values(view: HTMLElement): number[] {
  return columns(view).map((c) => stateOf<ColumnState>(c, COLUMN)?.index ?? 0);
}

/** A class written in the owner's stylesheet, mapped through its style scoping. */
function ownClass(el: Element, cls: string): string {
  const owner = ownerOf(el) as { __mapClass?(c: string): string } | undefined;
  return owner?.__mapClass ? owner.__mapClass(cls) : cls;
}

/** Measures the indicator and places every column (also when the picker is resized). */
function layout(view: HTMLElement): void {
  const s = stateOf<ViewState>(view, VIEW);
  const h = s.indicator.offsetHeight;
  if (!h || !view.clientHeight) return; // not laid out yet: the ResizeObserver calls again
  s.rowHeight = h;
  s.top = Math.round((view.clientHeight - h) / 2);
  s.indicator.style.top = `${s.top}px`;
  s.mask.style.setProperty('--wx-pv-top', `${s.top}px`);
  for (const [i, col] of columns(view).entries()) {
    const c = stateOf<ColumnState>(col, COLUMN);
    if (!c) continue;
    if (s.value[i] !== undefined && !s.busy.has(col)) c.index = clampIndex(col, s.value[i]!);
    c.index = clampIndex(col, c.index);
    col.style.setProperty('--wx-pv-item', `${h}px`);
    if (!s.busy.has(col)) moveTo(col, c, c.index * h, false);
  }
}

function clampIndex(col: HTMLElement, i: number): number {
  return Math.max(0, Math.min(rows(col) - 1, Math.floor(i) || 0));
}

function moveTo(col: HTMLElement, c: ColumnState, offset: number, animate: boolean, ms = 300): void {
  const view = viewOf(col);
  const top = view ? stateOf<ViewState>(view, VIEW).top : 0;
  c.offset = offset;
  col.style.setProperty('--wx-pv-duration', animate ? `${ms}ms` : '0ms');
  col.style.setProperty('--wx-pv-y', `${top - offset}px`);
}

function pickStart(view: HTMLElement, col: HTMLElement): void {
  const s = stateOf<ViewState>(view, VIEW);
  if (!s.busy.size) dispatchWxEvent(view, 'pickstart', { value: values(view) });
  s.busy.add(col);
}

/** Brings a column to rest on row `index`; change fires after the move (or at once with immediate-change). */
function settle(view: HTMLElement, col: HTMLElement, index: number, ms: number): void {
  const s = stateOf<ViewState>(view, VIEW);
  const c = stateOf<ColumnState>(col, COLUMN);
  const next = clampIndex(col, index);
  const changed = next !== c.index;
  c.index = next;
  moveTo(col, c, next * s.rowHeight, ms > 0, ms);
  const report = (): void => {
    if (!changed) return;
    const value = values(view);
    s.value = value;
    dispatchWxEvent(view, 'change', { value });
    modelChanged(view, 'value', value);
  };
  if (s.immediate) report();
  clearTimeout(c.settle);
  c.settle = setTimeout(() => {
    if (!s.immediate) report();
    s.busy.delete(col);
    if (!s.busy.size) dispatchWxEvent(view, 'pickend', { value: values(view) });
  }, ms);
}

function listenColumn(col: HTMLElement, c: ColumnState): void {
  let drag: { y: number; offset: number; id: number; moved: boolean; samples: Sample[] } | null = null;
  const ctx = (): { view: HTMLElement; s: ViewState } | null => {
    const view = viewOf(col);
    const s = view && stateOf<ViewState>(view, VIEW);
    if (!view || !s) return null;
    if (!s.rowHeight) layout(view);
    return s.rowHeight ? { view, s } : null;
  };
  col.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const x = ctx();
    if (!x) return;
    clearTimeout(c.settle);
    // Catch a column that is still settling where it is now.
    const y = new DOMMatrix(getComputedStyle(col.firstElementChild ?? col).transform).m42;
    if (x.s.busy.has(col) && col.firstElementChild) moveTo(col, c, x.s.top - y, false);
    col.setPointerCapture?.(e.pointerId);
    drag = { y: e.clientY, offset: c.offset, id: e.pointerId, moved: false, samples: [[e.timeStamp, e.clientX, e.clientY]] };
    pickStart(x.view, col);
  });
  col.addEventListener('pointermove', (e) => {
    if (!drag || drag.id !== e.pointerId) return;
    const x = ctx()!;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dy) > 3) drag.moved = true;
    const max = (rows(col) - 1) * x.s.rowHeight;
    let offset = drag.offset - dy;
    // Past either end the rows follow the finger at a third of its speed.
    if (offset < 0) offset /= 3;
    else if (offset > max) offset = max + (offset - max) / 3;
    moveTo(col, c, offset, false);
    drag.samples.push([e.timeStamp, e.clientX, e.clientY]);
    if (drag.samples.length > 5) drag.samples.shift();
    e.preventDefault();
  });
  const end = (e: PointerEvent): void => {
    if (!drag || drag.id !== e.pointerId) return;
    const d = drag;
    drag = null;
    const x = ctx()!;
    const h = x.s.rowHeight;
    if (!d.moved) {
      // A tap on a row brings that row to the indicator.
      const rect = col.getBoundingClientRect();
      const tapped = Math.floor((e.clientY - rect.top - x.s.top + c.offset) / h);
      settle(x.view, col, tapped, 300);
      return;
    }
    const v = releaseVelocity(d.samples, e.timeStamp).vy; // px per ms, downwards
    // A fling carries on for a while (about 300 ms worth of its speed).
    const projected = c.offset - v * 300;
    const index = Math.round(projected / h);
    const rowsMoved = Math.abs(clampIndex(col, index) * h - c.offset) / h;
    settle(x.view, col, index, Math.min(900, 250 + rowsMoved * 60));
  };
  col.addEventListener('pointerup', end);
  col.addEventListener('pointercancel', end);
  col.addEventListener(
    'wheel',
    (e) => {
      const x = ctx();
      if (!x || rows(col) < 2) return;
      e.preventDefault();
      if (!x.s.busy.has(col) || !c.wheelEnd) pickStart(x.view, col);
      clearTimeout(c.settle);
      const h = x.s.rowHeight;
      const delta = e.deltaMode === 1 ? e.deltaY * h : e.deltaMode === 2 ? e.deltaY * h * 5 : e.deltaY;
      const max = (rows(col) - 1) * h;
      moveTo(col, c, Math.max(-h / 2, Math.min(max + h / 2, c.offset + delta)), false);
      clearTimeout(c.wheelEnd);
      // When the wheel stops, come to rest on the nearest row.
      c.wheelEnd = setTimeout(() => {
        c.wheelEnd = undefined;
        settle(x.view, col, Math.round(c.offset / h), 200);
      }, 120);
    },
    { passive: false },
  );
  col.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'Home' ? -Infinity : e.key === 'End' ? Infinity : 0;
    const x = step && ctx();
    if (!x) return;
    e.preventDefault();
    pickStart(x.view, col);
    settle(x.view, col, Number.isFinite(step) ? c.index + step : step < 0 ? 0 : rows(col) - 1, 200);
  });
}

defineBuiltin('picker-view', {
  create(el) {
    const mask = document.createElement('div');
    mask.className = 'wx-picker-view__mask';
    const indicator = document.createElement('div');
    indicator.className = 'wx-picker-view__indicator';
    el.append(mask, indicator);
    const s: ViewState = { indicator, mask, indicatorClass: '', maskClass: '', maskStyle: '', value: [], immediate: false, rowHeight: 0, top: 0, busy: new Set() };
    (el as any)[VIEW] = s;
    // Laid out when it first gets a size, again when that changes, and when columns or rows come and go.
    new ResizeObserver(() => layout(el)).observe(el);
    new MutationObserver(() => layout(el)).observe(el, { childList: true, subtree: true });
  },
  set(el, name, value) {
    const s = stateOf<ViewState>(el, VIEW);
    switch (name) {
      case 'value':
        s.value = Array.isArray(value) ? value.map((v) => Number(v) || 0) : [];
        layout(el);
        return true;
      case 'indicator-style':
        s.indicator.style.cssText = value == null ? '' : String(value);
        layout(el);
        return true;
      case 'indicator-class':
        s.indicator.className = `wx-picker-view__indicator ${ownClass(el, String(value ?? ''))}`.trim();
        layout(el);
        return true;
      case 'mask-style':
        s.mask.style.cssText = value == null ? '' : String(value);
        if (s.top) s.mask.style.setProperty('--wx-pv-top', `${s.top}px`);
        return true;
      case 'mask-class':
        s.mask.className = `wx-picker-view__mask ${ownClass(el, String(value ?? ''))}`.trim();
        return true;
      case 'immediate-change':
        s.immediate = flag(value);
        return true;
    }
    return false;
  },
});

defineBuiltin('picker-view-column', {
  create(el) {
    const c: ColumnState = { index: 0, offset: 0 };
    (el as any)[COLUMN] = c;
    el.tabIndex = 0;
    el.setAttribute('role', 'listbox');
    listenColumn(el, c);
  },
  set: () => false,
});
