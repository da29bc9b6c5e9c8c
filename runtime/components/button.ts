import { ACTIVATE } from '../render/attrs.js';
import { resetForm, submitForm } from './form.js';
import { enableDefaultHover, setHover } from './hover.js';
import { defineBuiltin } from './registry.js';

/** form-type="submit"/"reset": after a tap, the enclosing <form> submits or resets. */
function activateButton(el: HTMLElement): void {
  if (el.hasAttribute('disabled')) return;
  const openType = el.getAttribute('open-type');
  // open-type: share, getPhoneNumber, getUserInfo, chooseAvatar, … (runtime/api/openType.ts).
  if (openType) void import('../api/openType.js').then((m) => m.runOpenType(el, openType));
  const type = el.getAttribute('form-type');
  if (type !== 'submit' && type !== 'reset') return;
  const form = el.closest('wx-form') as HTMLElement | null;
  if (!form) return;
  if (type === 'submit') submitForm(form);
  else resetForm(form);
}

const BUTTON_HOVER = { cls: 'button-hover', stay: 70 };
const REFLECTED = new Set(['type', 'size', 'plain', 'disabled', 'loading', 'form-type', 'open-type']);

/** button: WeChat's look (base.css) with its default hover class; attributes reflect for styling. */
defineBuiltin('button', {
  create(el) {
    el.setAttribute('role', 'button');
    el.tabIndex = 0;
    enableDefaultHover(el, BUTTON_HOVER);
    (el as any)[ACTIVATE] = () => activateButton(el);
  },
  set(el, name, value) {
    if (setHover(el, name, value, BUTTON_HOVER)) return true;
    if (REFLECTED.has(name)) {
      if (value === false || value == null || value === 'false') el.removeAttribute(name);
      else el.setAttribute(name, value === true ? '' : String(value));
      if (name === 'disabled') el.setAttribute('aria-disabled', String(el.hasAttribute('disabled')));
      return true;
    }
    return false;
  },
});
