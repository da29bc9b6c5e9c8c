/**
 * What checkbox, radio and switch share: a checked state toggled by a tap (activation), a
 * disabled state, a colour, and reporting to a group or a form.
 */
import { ACTIVATE, FORM_FIELD, type FormField } from '../render/attrs.js';

export interface ChoiceState {
  checked: boolean;
  disabled: boolean;
  value: string;
  color: string;
  box: HTMLElement;
}

const STATE = Symbol('wx2tg.choice');

export function choiceState(el: Element): ChoiceState | undefined {
  return (el as any)[STATE] as ChoiceState | undefined;
}

export function truthy(value: unknown): boolean {
  return value === true || value === '' || (value !== false && value != null && value !== 'false' && value !== 0);
}

/** Creates the inner box and the state; `onActivate` runs on a tap unless disabled. */
export function createChoice(el: HTMLElement, boxClass: string, role: string, onActivate: (el: HTMLElement, s: ChoiceState) => void): ChoiceState {
  const box = document.createElement('div');
  box.className = boxClass;
  el.prepend(box);
  el.setAttribute('role', role);
  el.tabIndex = 0;
  const s: ChoiceState = { checked: false, disabled: false, value: '', color: '', box };
  (el as any)[STATE] = s;
  const activate = (): void => {
    if (!s.disabled) onActivate(el, s);
  };
  (el as any)[ACTIVATE] = activate;
  el.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      activate();
    }
  });
  return s;
}

export function renderChecked(el: HTMLElement, s: ChoiceState): void {
  el.toggleAttribute('checked', s.checked);
  el.setAttribute('aria-checked', String(s.checked));
  el.toggleAttribute('disabled', s.disabled);
  el.setAttribute('aria-disabled', String(s.disabled));
  if (s.color) el.style.setProperty('--wx-choice-color', s.color);
}

/** Common attributes; returns false for ones the caller handles. */
export function setChoiceAttribute(el: HTMLElement, s: ChoiceState, name: string, value: unknown): boolean {
  switch (name) {
    case 'checked':
      s.checked = truthy(value);
      break;
    case 'disabled':
      s.disabled = truthy(value);
      break;
    case 'value':
      s.value = value == null ? '' : String(value);
      break;
    case 'color':
      s.color = value == null ? '' : String(value);
      break;
    default:
      return false;
  }
  renderChecked(el, s);
  return true;
}

/**
 * The form field of a checkbox-group or radio-group: its value comes from the choices inside;
 * reset puts back the checked states the group started with.
 */
export function groupField(group: HTMLElement, childTag: string, valueOf: () => unknown): { setName(n: string): void } {
  let name = '';
  let initial: Set<Element> | null = null;
  queueMicrotask(() => (initial = new Set([...group.querySelectorAll(childTag)].filter((c) => choiceState(c)?.checked))));
  const field: FormField = {
    name: () => name,
    value: valueOf,
    reset: () => {
      for (const c of group.querySelectorAll(childTag)) {
        const s = choiceState(c)!;
        s.checked = !!initial?.has(c);
        renderChecked(c as HTMLElement, s);
      }
    },
  };
  (group as any)[FORM_FIELD] = field;
  return { setName: (n) => (name = n) };
}
