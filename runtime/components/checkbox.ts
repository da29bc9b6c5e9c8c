/**
 * checkbox and checkbox-group: a tap toggles the box; the group fires change with the values of
 * the checked boxes inside it (in document order) and is a form field under its `name`.
 */
import { modelChanged } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { choiceState, createChoice, groupField, renderChecked, setChoiceAttribute } from './choice.js';
import { defineBuiltin } from './registry.js';

function groupValues(group: Element): string[] {
  return [...group.querySelectorAll('wx-checkbox')].filter((c) => choiceState(c)?.checked).map((c) => choiceState(c)!.value);
}

defineBuiltin('checkbox', {
  create(el) {
    createChoice(el, 'wx-checkbox__input', 'checkbox', (box, s) => {
      s.checked = !s.checked;
      renderChecked(box, s);
      const group = box.closest('wx-checkbox-group');
      if (group) {
        const value = groupValues(group);
        dispatchWxEvent(group, 'change', { value });
        modelChanged(group, 'value', value);
      }
    });
  },
  set: (el, name, value) => setChoiceAttribute(el, choiceState(el)!, name, value),
});

defineBuiltin('checkbox-group', {
  create(el) {
    (el as any).__field = groupField(el, 'wx-checkbox', () => groupValues(el));
  },
  set(el, name, value) {
    if (name === 'name') {
      (el as any).__field.setName(value == null ? '' : String(value));
      return true;
    }
    return false;
  },
});
