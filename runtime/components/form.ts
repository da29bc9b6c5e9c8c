/**
 * form: on submit, collects `name` → value from every form field inside it (built-in controls
 * and custom components with the wx://form-field behavior) and fires `submit`; on reset, puts
 * the controls back and fires `reset`. Buttons with form-type="submit"/"reset" trigger them.
 */
import { COMPONENT, FORM_FIELD, type FormField } from '../render/attrs.js';
import { dispatchWxEvent } from '../render/events.js';
import { defineBuiltin } from './registry.js';

interface FieldComponent {
  hasBehavior(b: string): boolean;
  data: Record<string, unknown>;
}

function fieldsOf(form: Element): { name: string; value: () => unknown; reset?: () => void }[] {
  const out: { name: string; value: () => unknown; reset?: () => void }[] = [];
  const walk = (el: Element): void => {
    for (const child of el.children) {
      const field = (child as any)[FORM_FIELD] as FormField | undefined;
      const comp = (child as any)[COMPONENT] as FieldComponent | undefined;
      if (field && field.name()) out.push({ name: field.name(), value: field.value, reset: field.reset });
      else if (comp && comp.hasBehavior('wx://form-field') && comp.data.name) out.push({ name: String(comp.data.name), value: () => comp.data.value });
      if (child.tagName !== 'WX-FORM') walk(child);
    }
  };
  walk(form);
  return out;
}

export function submitForm(form: HTMLElement): void {
  const value: Record<string, unknown> = {};
  for (const f of fieldsOf(form)) value[f.name] = f.value();
  dispatchWxEvent(form, 'submit', { value, target: { id: form.id, dataset: {} } });
}

export function resetForm(form: HTMLElement): void {
  for (const f of fieldsOf(form)) f.reset?.();
  dispatchWxEvent(form, 'reset', {});
}

defineBuiltin('form', {
  set(_el, name) {
    return name === 'report-submit' || name === 'report-submit-timeout';
  },
});
