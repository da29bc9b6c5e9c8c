/**
 * icon: WeChat's icon types drawn as inline SVG (no icon font), with `size` (px, default 23) and
 * `color` (each type's own colour by default).
 */
import { defineBuiltin } from './registry.js';

const C = '<circle cx="12" cy="12" r="11" fill="currentColor"/>';
const WHITE = 'fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';
const TYPES: Record<string, [string, string]> = {
  success: ['#07c160', `${C}<path ${WHITE} d="M6.5 12.5l3.5 3.5 7.5-8"/>`],
  success_no_circle: ['#07c160', '<path fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" d="M3.5 12.5l5.5 5.5L20.5 6"/>'],
  info: ['#10aeff', `${C}<path ${WHITE} d="M12 10.5v7M12 6.8v.4"/>`],
  warn: ['#fa5151', `${C}<path ${WHITE} d="M12 6.5v7M12 16.8v.4"/>`],
  waiting: ['#10aeff', `${C}<path ${WHITE} d="M12 6.5V12l3.5 2.5"/>`],
  cancel: ['#fa5151', `${C}<path ${WHITE} d="M8 8l8 8M16 8l-8 8"/>`],
  download: ['#07c160', `${C}<path ${WHITE} d="M12 6.5v9M8 12l4 4 4-4"/>`],
  search: ['#b2b2b2', '<g fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"><circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5L21 21"/></g>'],
  clear: ['#b2b2b2', `${C}<path ${WHITE} d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>`],
  info_circle: ['#10aeff', '<g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"><circle cx="12" cy="12" r="10"/><path d="M12 10.5v7M12 6.8v.4"/></g>'],
  success_circle: ['#07c160', '<g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.5 3.5L17 9"/></g>'],
};

function render(el: HTMLElement): void {
  const type = el.getAttribute('type') ?? '';
  const def = TYPES[type];
  if (!def) {
    el.replaceChildren();
    return;
  }
  const size = el.dataset.size ?? '23';
  el.style.color = el.dataset.color || def[0];
  // Static markup from the table above; only a number and a known type reach it.
  el.innerHTML = `<svg viewBox="0 0 24 24" width="${Number(size) || 23}" height="${Number(size) || 23}" aria-hidden="true">${def[1]}</svg>`;
}

defineBuiltin('icon', {
  create(el) {
    el.setAttribute('role', 'img');
  },
  set(el, name, value) {
    if (name === 'type') el.setAttribute('type', String(value ?? ''));
    else if (name === 'size') el.dataset.size = String(parseFloat(String(value ?? 23)) || 23);
    else if (name === 'color') el.dataset.color = value == null ? '' : String(value);
    else return false;
    render(el);
    return true;
  },
});
