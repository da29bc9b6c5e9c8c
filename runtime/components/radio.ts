/**
 * radio and radio-group: a tap checks one radio and unchecks the others of its group, which
 * fires change with the checked value and is a form field under its `name`.
 */
import { modelChanged } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { choiceState, createChoice, groupField, renderChecked, setChoiceAttribute } from './choice.js';
import { defineBuiltin } from './registry.js';

function checkedValue(group: Element): string {
  const c = [...group.querySelectorAll('wx-radio')].find((r) => choiceState(r)?.checked);
  return c ? choiceState(c)!.value : '';
}

defineBuiltin('radio', {
  create(el) {
    createChoice(el, 'wx-radio__input', 'radio', (radio, s) => {
      if (s.checked) return; // a radio cannot be unchecked by tapping it
      const group = radio.closest('wx-radio-group');
      for (const other of group ? group.querySelectorAll('wx-radio') : []) {
        const o = choiceState(other)!;
        if (o.checked) {
          o.checked = false;
          renderChecked(other as HTMLElement, o);
        }
      }
      s.checked = true;
      renderChecked(radio, s);
      if (group) {
        dispatchWxEvent(group, 'change', { value: s.value });
        modelChanged(group, 'value', s.value);
      }
    });
  },
  set: (el, name, value) => setChoiceAttribute(el, choiceState(el)!, name, value),
});

defineBuiltin('radio-group', {
  create(el) {
    (el as any).__field = groupField(el, 'wx-radio', () => checkedValue(el));
  },
  set(el, name, value) {
    if (name === 'name') {
      (el as any).__field.setName(value == null ? '' : String(value));
      return true;
    }
    return false;
  },
});
