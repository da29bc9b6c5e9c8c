// @vitest-environment happy-dom
/**
 * wx.canIUse for components, attributes and their values, from common/builtinAttributes.ts; and
 * the table against the runtime: every built-in is described, and every attribute it calls
 * working is one its component module really handles.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wx } from '../../runtime/api/index.js';
import '../../runtime/index.js';
import '../../runtime/components/index.js';
import { builtinFor } from '../../runtime/components/registry.js';
import { BUILTIN_MODULES, BUILTIN_TAGS } from '../../common/builtins.js';
import { BUILTIN_ATTRIBUTES, BUILTIN_EVENTS, WORKS, attributeInfo, canUseComponent, componentSupport, isCommonAttribute, isKnownAttribute, type Support } from '../../common/builtinAttributes.js';

const can = wx.canIUse as (s: unknown) => boolean;

describe('wx.canIUse', () => {
  it('answers for components', () => {
    expect(can('view')).toBe(true);
    expect(can('scroll-view')).toBe(true);
    expect(can('picker')).toBe(true);
    expect(can('video')).toBe(true);
    expect(can('live-pusher')).toBe(false);
    expect(can('ad')).toBe(false);
    expect(can('rich-text')).toBe(true);
    expect(can('movable-view.inertia')).toBe(true);
    expect(can('official-account')).toBe(false);
    expect(can('not-a-component')).toBe(false);
  });

  it('answers for attributes and their values', () => {
    expect(can('image.mode.widthFix')).toBe(true);
    expect(can('image.mode.top left')).toBe(true);
    expect(can('image.mode.stretch')).toBe(false);
    expect(can('image.lazy-load')).toBe(true);
    expect(can('button.open-type.getPhoneNumber')).toBe(true); // Telegram's contact request
    expect(can('button.open-type.share')).toBe(true);
    expect(can('button.open-type.contact')).toBe(false);
    expect(can('button.open-type.launchApp')).toBe(false);
    expect(can('button.open-type')).toBe(true); // in part
    expect(can('button.form-type.submit')).toBe(true);
    expect(can('navigator.open-type.switchTab')).toBe(true);
    expect(can('navigator.open-type.exit')).toBe(false);
    expect(can('navigator.target.miniProgram')).toBe(false);
    expect(can('picker.mode.date')).toBe(true);
    expect(can('picker.mode.region')).toBe(false);
    expect(can('input.type.nickname')).toBe(true); // partial: a plain text field
    expect(can('scroll-view.refresher-enabled')).toBe(true);
    expect(can('scroll-view.enhanced')).toBe(false);
    expect(can('scroll-view.scroll-into-view')).toBe(true);
    expect(can('progress.activeColor')).toBe(true);
    expect(can('progress.active-color')).toBe(true);
    expect(can('view.hover-class')).toBe(true);
    expect(can('view.no-such-attribute')).toBe(false);
    expect(can('view.hover-class.x')).toBe(false);
    expect(can('video.src')).toBe(true);
    expect(can('video.show-play-btn')).toBe(false);
    expect(can('live-player.src')).toBe(false);
  });

  it('still answers for APIs and their parameters', () => {
    expect(can('request')).toBe(true);
    expect(can('wx.showToast')).toBe(true);
    expect(can('getSystemInfoSync.return.screenWidth')).toBe(true);
    expect(can('setStorage.object.encrypt')).toBe(false);
    expect(can('setStorage.object.key')).toBe(true);
    expect(can('startSoterAuthentication')).toBe(false);
    expect(can('toString')).toBe(false);
    expect(can('')).toBe(false);
    expect(can(undefined)).toBe(false);
  });
});

describe('common/builtinAttributes.ts', () => {
  it('describes every built-in tag', () => {
    for (const tag of BUILTIN_TAGS) {
      if (tag === 'page') continue;
      expect(BUILTIN_ATTRIBUTES[tag], tag).toBeDefined();
    }
    for (const tag of Object.keys(BUILTIN_ATTRIBUTES)) expect(BUILTIN_TAGS, tag).toContain(tag);
    for (const tag of Object.keys(BUILTIN_EVENTS)) expect(BUILTIN_TAGS, tag).toContain(tag);
  });

  it('a tag with a runtime module works (at least in part); one without does not, unless it behaves right as a plain element', () => {
    // The "unavailable" module only draws a notice for WeChat-only components.
    const works = (tag: string): boolean => !!BUILTIN_MODULES[tag] && BUILTIN_MODULES[tag] !== 'unavailable';
    for (const tag of BUILTIN_TAGS) {
      if (tag === 'page') continue;
      const s = componentSupport(tag);
      if (works(tag)) expect(s.status, tag).not.toBe('unsupported');
      else if (tag === 'root-portal') expect(s.status, tag).toBe('partial');
      else expect(s.status, tag).toBe('unsupported');
      if (s.status !== 'supported') expect(s.note, tag).toBeTruthy();
    }
  });

  it('every unsupported or partial item says why or what differs', () => {
    for (const [tag, attrs] of Object.entries(BUILTIN_ATTRIBUTES)) {
      for (const [name, info] of Object.entries(attrs)) {
        if (info.support.status !== 'supported') expect(info.support.note, `${tag}.${name}`).toBeTruthy();
        for (const [v, s] of Object.entries(info.values ?? {})) if (s.status !== 'supported') expect(s.note, `${tag}.${name}.${v}`).toBeTruthy();
        expect(['string', 'boolean', 'number', 'color', 'array', 'object', 'number | string'], `${tag}.${name}`).toContain(info.type);
      }
    }
  });

  it('marks what the issue names', () => {
    expect(attributeInfo('button', 'open-type')?.values?.contact).toEqual({ status: 'unsupported', note: 'WeChat customer service does not exist on Telegram' });
    expect(attributeInfo('button', 'open-type')?.support.status).toBe('partial');
    expect(attributeInfo('button', 'open-type')?.values?.getPhoneNumber?.status).toBe('partial');
    expect(attributeInfo('image', 'mode')?.values?.widthFix).toEqual({ status: 'supported' });
    expect(attributeInfo('image', 'mode')?.support).toEqual({ status: 'supported' });
    expect(attributeInfo('input', 'type')?.support.status).toBe('partial');
    expect(attributeInfo('navigator', 'open-type')?.support).toEqual({ status: 'partial', note: 'not with "exit"' });
    expect(attributeInfo('text', 'user-select')?.type).toBe('boolean');
    expect(attributeInfo('text', 'space')?.values && Object.keys(attributeInfo('text', 'space')!.values!)).toEqual(['ensp', 'emsp', 'nbsp']);
    expect(attributeInfo('picker', 'mode')?.values?.region?.status).toBe('unsupported');
    expect(attributeInfo('navigator', 'target')?.values?.miniProgram?.status).toBe('unsupported');
    expect(attributeInfo('progress', 'active-color')).toBe(attributeInfo('progress', 'activeColor'));
    expect(attributeInfo('scroll-view', 'type')?.support).toEqual({ status: 'unsupported', note: "only WeChat's Skyline renderer has it" });
    expect(BUILTIN_EVENTS.button).toContain('getphonenumber');
  });

  it('knows the attributes every element takes', () => {
    for (const a of ['id', 'class', 'style', 'hidden', 'slot', 'data-id', 'mark:x', 'bindtap', 'bind:tap', 'catchtap', 'capture-bind:tap', 'capture-catch:tap', 'mut-bind:tap', 'wx:if', 'wx:for', 'generic:item', 'change:prop', 'model:value', 'aria-label']) {
      expect(isCommonAttribute(a), a).toBe(true);
      expect(isKnownAttribute('view', a), a).toBe(true);
    }
    expect(isKnownAttribute('view', 'hover-class')).toBe(true);
    expect(isKnownAttribute('view', 'src')).toBe(false);
    expect(isKnownAttribute('unknown-tag', 'src')).toBe(false);
  });

  it('what the table calls working, the runtime component handles', () => {
    // Attributes that work without code of their own: the browser does what WeChat's does.
    const native = new Set(['scroll-view.using-sticky', 'scroll-view.enable-passive', 'scroll-view.scroll-anchoring', 'swiper-item.skip-hidden-item-layout', 'textarea.fixed', 'input.adjust-position', 'textarea.adjust-position']);
    for (const tag of Object.keys(WORKS)) {
      const impl = builtinFor(tag);
      if (!BUILTIN_MODULES[tag] || BUILTIN_MODULES[tag] === 'unavailable') continue;
      expect(impl, tag).toBeDefined();
      for (const [name, info] of Object.entries(BUILTIN_ATTRIBUTES[tag]!)) {
        if (info.support.status === 'unsupported' || native.has(`${tag}.${name}`)) continue;
        const el = document.createElement(`wx-${tag}`);
        document.body.appendChild(el);
        impl!.create?.(el);
        const sample = info.values ? Object.keys(info.values).find((v) => info.values![v]!.status !== 'unsupported') : info.type === 'boolean' ? true : info.type === 'number' ? 1 : info.type === 'array' ? [] : 'x';
        expect(impl!.set(el, name, sample), `${tag}.${name}`).toBe(true);
        el.remove();
      }
    }
  });

  it('canUseComponent is the runtime half of the table', () => {
    for (const [tag, attrs] of Object.entries(BUILTIN_ATTRIBUTES)) {
      expect(canUseComponent(tag), tag).toBe(componentSupport(tag).status !== 'unsupported');
      for (const [name, info] of Object.entries(attrs)) {
        expect(canUseComponent(tag, name), `${tag}.${name}`).toBe(info.support.status !== 'unsupported');
        for (const [v, s] of Object.entries(info.values ?? {})) expect(canUseComponent(tag, name, v), `${tag}.${name}.${v}`).toBe(s.status !== 'unsupported');
      }
    }
  });
});

/** docs/compatibility.md: the table as a page, kept current (UPDATE_DOCS=1 rewrites it). */
function compatibilityDoc(): string {
  const SKYLINE = "only WeChat's Skyline renderer has it";
  const code = (s: string): string => '`' + s + '`';
  const tags = Object.keys(BUILTIN_ATTRIBUTES).sort();
  const count = { supported: 0, partial: 0, unsupported: 0 };
  for (const t of tags) count[componentSupport(t).status]++;
  const out = [
    '# Built-in components on Telegram',
    '',
    'Generated by `test/runtime/can-i-use.test.ts` from `common/builtinAttributes.ts`, the table `wx.canIUse` and',
    '`wx2tg check` read (`UPDATE_DOCS=1 npx vitest run test/runtime/can-i-use.test.ts` rewrites it; the test fails when it is stale).',
    'Supported: as in WeChat. Partial: works, with the difference given. Unsupported: does nothing here (the tag renders as a',
    'plain element; the attribute is ignored). Attributes every element takes (id, class, style, hidden, data-*, events, wx:*) work',
    'everywhere and are not listed.',
    '',
    `**${tags.length} components: ${count.supported} supported, ${count.partial} partial, ${count.unsupported} unsupported.**`,
    '',
  ];
  const line = (name: string, s: Support): string => `${code(name)}${s.note ? ` — ${s.note}` : ''}`;
  for (const tag of tags) {
    const support = componentSupport(tag);
    out.push(`## ${tag} — ${support.status}${support.note ? `: ${support.note}` : ''}`, '');
    const works: string[] = [];
    const partial: string[] = [];
    const no: string[] = [];
    const skyline: string[] = [];
    for (const [name, info] of Object.entries(BUILTIN_ATTRIBUTES[tag]!)) {
      const values = Object.entries(info.values ?? {});
      if (info.support.status === 'supported') works.push(values.length ? `${code(name)} (${values.map(([v]) => v).join(', ')})` : code(name));
      else if (info.support.status === 'partial') {
        partial.push(line(name, info.support));
        for (const [v, vs] of values) if (vs.status !== 'supported') (vs.status === 'partial' ? partial : no).push(line(`${name}="${v}"`, vs));
      } else if (info.support.note === SKYLINE) skyline.push(code(name));
      else if (info.support.note === support.note) no.push(code(name));
      else no.push(line(name, info.support));
    }
    if (works.length) out.push(`- Supported: ${works.join(', ')}`);
    for (const p of partial) out.push(`- Partial: ${p}`);
    const plain = no.filter((n) => !n.includes(' — '));
    if (plain.length) out.push(`- Unsupported: ${plain.join(', ')}`);
    for (const n of no.filter((x) => x.includes(' — '))) out.push(`- Unsupported: ${n}`);
    if (skyline.length) out.push(`- Skyline only (unsupported): ${skyline.join(', ')}`);
    if (BUILTIN_EVENTS[tag]) out.push(`- Events: ${BUILTIN_EVENTS[tag]!.join(', ')}`);
    if (!works.length && !partial.length && !no.length && !skyline.length && !BUILTIN_EVENTS[tag]) out.push('- No attributes of its own.');
    out.push('');
  }
  return out.join('\n');
}

describe('docs/compatibility.md', () => {
  it('lists every built-in and attribute as the table has them', () => {
    const file = path.resolve(import.meta.dirname, '../../docs/compatibility.md');
    const doc = compatibilityDoc();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, doc);
    expect(readFileSync(file, 'utf8') === doc, 'docs/compatibility.md is stale: UPDATE_DOCS=1 npx vitest run test/runtime/can-i-use.test.ts').toBe(true);
  });
});

