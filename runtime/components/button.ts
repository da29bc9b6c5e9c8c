import { enableDefaultHover, setHover } from './hover.js';
import { defineBuiltin } from './registry.js';

const BUTTON_HOVER = { cls: 'button-hover', stay: 70 };
const REFLECTED = new Set(['type', 'size', 'plain', 'disabled', 'loading', 'form-type', 'open-type']);

/** button: WeChat's look (base.css) with its default hover class; attributes reflect for styling. */
defineBuiltin('button', {
  create(el) {
    el.setAttribute('role', 'button');
    el.tabIndex = 0;
    enableDefaultHover(el, BUTTON_HOVER);
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
