/**
 * text: `space` (ensp/emsp/nbsp keep runs of spaces), `user-select`/`selectable`, `decode`
 * (entities are decoded by the compiler already, so nothing is left to do at run time).
 */
import { defineBuiltin } from './registry.js';

const SPACE: Record<string, string> = { ensp: '\u2002', emsp: '\u2003', nbsp: '\u00a0' };

defineBuiltin('text', {
  set(el, name, value) {
    switch (name) {
      case 'selectable':
      case 'user-select':
        el.style.userSelect = value && value !== 'false' ? 'text' : '';
        el.style.webkitUserSelect = el.style.userSelect;
        return true;
      case 'space':
        // Runs of spaces are shown, each as the chosen space character's width.
        el.style.whiteSpace = value && SPACE[String(value)] ? 'pre-wrap' : '';
        el.setAttribute('space', String(value ?? ''));
        return true;
      case 'decode':
        return true;
    }
    return false;
  },
});
