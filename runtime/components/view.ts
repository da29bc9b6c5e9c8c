import { setHover } from './hover.js';
import { defineBuiltin } from './registry.js';

const VIEW_HOVER = { cls: 'none', stay: 400 };

/** view: a block container with hover-class. */
defineBuiltin('view', {
  set: (el, name, value) => setHover(el, name, value, VIEW_HOVER),
});
