/**
 * switch: type="switch" (the sliding toggle) or "checkbox"; a tap toggles it and fires change
 * with {value: checked}; model:checked writes back; a form field under its `name`.
 */
import { FORM_FIELD, modelChanged, type FormField } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { choiceState, createChoice, renderChecked, setChoiceAttribute } from './choice.js';
import { defineBuiltin } from './registry.js';

defineBuiltin('switch', {
  create(el) {
    const s = createChoice(el, 'wx-switch__input', 'switch', (sw, st) => {
      st.checked = !st.checked;
      renderChecked(sw, st);
      dispatchWxEvent(sw, 'change', { value: st.checked });
      modelChanged(sw, 'checked', st.checked);
    });
    let name = '';
    let initial: boolean | null = null;
    const field: FormField = {
      name: () => name,
      value: () => s.checked,
      reset: () => {
        s.checked = initial ?? false;
        renderChecked(el, s);
      },
    };
    (el as any)[FORM_FIELD] = field;
    (el as any).__setName = (n: string) => (name = n);
    queueMicrotask(() => (initial = s.checked));
    el.setAttribute('type', 'switch');
  },
  set(el, name, value) {
    const s = choiceState(el)!;
    if (name === 'name') {
      (el as any).__setName(value == null ? '' : String(value));
      return true;
    }
    if (name === 'type') {
      el.setAttribute('type', value === 'checkbox' ? 'checkbox' : 'switch');
      return true;
    }
    return setChoiceAttribute(el, s, name, value);
  },
});
