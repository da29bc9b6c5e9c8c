/**
 * label: a tap on it acts on its control: the one its `for` names (by id), else the first
 * button, checkbox, radio, switch or input inside it.
 */
import { ACTIVATE } from '../render/attrs.js';
import { defineBuiltin } from './registry.js';

const CONTROLS = 'wx-button, wx-checkbox, wx-radio, wx-switch, wx-input, wx-textarea';

defineBuiltin('label', {
  create(el) {
    (el as any)[ACTIVATE] = () => {
      const forId = el.getAttribute('for');
      const control = (forId ? document.getElementById(forId) : el.querySelector(CONTROLS)) as HTMLElement | null;
      if (!control) return;
      const act = (control as any)[ACTIVATE] as (() => void) | undefined;
      if (act) act();
      else (control.querySelector('input, textarea') as HTMLElement | null)?.focus();
    };
  },
  set(el, name, value) {
    if (name === 'for') {
      if (value) el.setAttribute('for', String(value));
      else el.removeAttribute('for');
      return true;
    }
    return false;
  },
});
