// @vitest-environment happy-dom
/**
 * The component model against WeChat's documented behaviour (and glass-easel's tests where the
 * docs are silent): lifetimes order, properties, observers, behaviors, events across component
 * boundaries, relations, slots, style scoping, selectComponent.
 */
import { describe, expect, it } from 'vitest';
import { Behavior } from '../../runtime/core/definition.js';
import { dispatchWxEvent, setHandlerInvoker } from '../../runtime/render/events.js';
import { domOps } from '../../runtime/render/domOps.js';
import type { Instance } from '../../runtime/core/instance.js';
import { component, openPage, page, settle } from '../helpers/units.js';

// Route template events to methods, as the shell does.
setHandlerInvoker((data, handler, event) => {
  const owner = data.scope!.ts.owner as unknown as Instance;
  const fn = typeof handler === 'string' ? owner.__method(handler) : null;
  fn?.call(owner, event);
});

const tap = (el: Element): boolean => dispatchWxEvent(el, 'tap', { x: 0, y: 0 });

describe('lifetimes', () => {
  it('created bottom-up, attached top-down, page onLoad after, ready bottom-up, detached bottom-up', async () => {
    const log: string[] = [];
    const lt = (name: string) => ({
      created() { log.push(`${name}.created`); },
      attached() { log.push(`${name}.attached`); },
      ready() { log.push(`${name}.ready`); },
      detached() { log.push(`${name}.detached`); },
    });
    const b = await component('components/b/b', { wxml: '<view>b</view>', options: { lifetimes: lt('B') } });
    const a = await component('components/a/a', { wxml: '<view>a<b-comp/></view>', options: { lifetimes: lt('A'), pageLifetimes: { show() { log.push('A.show'); } } }, using: { 'b-comp': b } });
    const p = await page('pages/p/p', {
      wxml: '<a-comp/>',
      using: { 'a-comp': a },
      options: { onLoad() { log.push('page.onLoad'); }, onShow() { log.push('page.onShow'); }, onReady() { log.push('page.onReady'); } },
    });
    const inst = await openPage(p);
    expect(log).toEqual(['B.created', 'A.created', 'A.attached', 'B.attached', 'page.onLoad', 'A.show', 'page.onShow', 'B.ready', 'A.ready', 'page.onReady']);
    log.length = 0;
    inst.__detachTree();
    expect(log).toEqual(['B.detached', 'A.detached']);
  });

  it('the lifetimes section wins over the legacy top-level form; behaviors run first, once each', async () => {
    const log: string[] = [];
    const base = Behavior({ lifetimes: { attached() { log.push('base'); } } });
    const mid = Behavior({ behaviors: [base], attached() { log.push('mid'); } });
    const c = await component('components/c/c', {
      wxml: '<view/>',
      options: { behaviors: [mid, base], attached() { log.push('legacy'); }, lifetimes: { attached() { log.push('own'); } } },
    });
    await openPage(await page('pages/p/p', { wxml: '<c/>', using: { c }, options: {} }));
    expect(log).toEqual(['base', 'mid', 'own']);
  });
});

describe('properties', () => {
  it('parent values arrive after created and before attached, coerced by type', async () => {
    const seen: Record<string, unknown> = {};
    const c = await component('components/c/c', {
      wxml: '<view id="v">{{count}}/{{label}}/{{flag}}</view>',
      options: {
        properties: { count: Number, label: { type: String, value: 'none' }, flag: Boolean, anything: null },
        lifetimes: {
          created() { seen.created = this.data.count; },
          attached() { seen.attached = this.data.count; seen.flag = this.data.flag; seen.label = this.data.label; },
        },
      },
    });
    const p = await page('pages/p/p', { wxml: '<c count="12" flag="false" label="{{undef}}"/>', using: { c }, options: { data: {} } });
    await openPage(p);
    expect(seen).toEqual({ created: 0, attached: 12, flag: true, label: 'none' });
    expect(document.querySelector('#v')!.textContent).toBe('12/none/true');
  });

  it('updates from the parent reach the component; the property observer fires only on change', async () => {
    const calls: unknown[][] = [];
    const c = await component('components/c/c', {
      wxml: '<text>{{value}}</text>',
      options: { properties: { value: { type: Number, observer(n: unknown, o: unknown) { calls.push([n, o]); } } } },
    });
    const pInst = await openPage(await page('pages/p/p', { wxml: '<c value="{{n}}"/>', using: { c }, options: { data: { n: 1 } } }));
    expect(calls).toEqual([[1, 0]]);
    pInst.setData({ n: 2 });
    await settle();
    pInst.setData({ n: 2 });
    await settle();
    expect(calls).toEqual([[1, 0], [2, 1]]);
    expect(document.querySelector('c wx-text')!.textContent).toBe('2');
  });

  it('an observer that sets its own property to what it already holds does not fire again', async () => {
    let calls = 0;
    const c = await component('components/c/c', {
      wxml: '<view>{{buttons.length}}</view>',
      options: {
        properties: {
          buttons: {
            type: Array,
            observer(this: any) {
              calls++;
              // weui's slideview does this: decorate the items, set them back.
              const buttons = this.data.buttons;
              buttons.forEach((b: any, i: number) => (b.className = `btn-${i}`));
              this.setData({ buttons });
            },
          },
        },
      },
    });
    await openPage(await page('pages/p/p', { wxml: '<c buttons="{{list}}"/>', using: { c }, options: { data: { list: [{ text: 'a' }, { text: 'b' }] } } }));
    expect(calls).toBe(1);
    expect(document.querySelector('c')!.textContent).toBe('2');
  });

  it('a page built with Component() receives the query in its properties and hooks from methods', async () => {
    const seen: unknown[] = [];
    const p = await page('pages/p/p', {
      via: 'Component',
      wxml: '<text>{{id}}-{{name}}</text>',
      options: { properties: { id: Number, name: String }, methods: { onLoad(q: Record<string, string>) { seen.push(this.data.id, q.name); } } },
    });
    await openPage(p, { id: '42', name: 'x' });
    expect(seen).toEqual([42, 'x']);
    expect(document.querySelector('wx-text')!.textContent).toBe('42-x');
  });
});

describe('observers', () => {
  it('fire once per setData, whenever a watched field is set, with current values', async () => {
    const calls: unknown[][] = [];
    const c = await component('components/c/c', {
      wxml: '<view/>',
      options: {
        data: { a: 1, b: 2, o: { x: { y: 1 } } },
        observers: {
          'a, b'(a: unknown, b: unknown) { calls.push(['ab', a, b]); },
          'o.x'(x: unknown) { calls.push(['o.x', x]); },
          'o.**'(o: unknown) { calls.push(['o.**', o]); },
        },
      },
    });
    const pInst = await openPage(await page('pages/p/p', { wxml: '<c id="c"/>', using: { c }, options: {} }));
    const comp = pInst.selectComponent('#c') as Instance;
    comp.setData({ a: 5, b: 6 });
    comp.setData({ a: 5 });
    expect(calls).toEqual([['ab', 5, 6], ['ab', 5, 6]]);
    calls.length = 0;
    comp.setData({ 'o.x.y': 2 });
    expect(calls).toEqual([['o.**', { x: { y: 2 } }]]);
    calls.length = 0;
    comp.setData({ o: { x: 3 } });
    expect(calls).toEqual([['o.x', 3], ['o.**', { x: 3 }]]);
  });
});

describe('behaviors', () => {
  it('merge properties, data and methods by priority; hasBehavior sees nested ones; definitionFilter applies', async () => {
    const inner = Behavior({ data: { shared: { a: 1 }, v: 'inner' }, methods: { who() { return 'inner'; }, only() { return 'inner-only'; } } });
    const outer = Behavior({
      behaviors: [inner],
      data: { shared: { b: 2 } },
      methods: { who() { return 'outer'; } },
      definitionFilter(def: Record<string, any>) { def.data = { ...(def.data ?? {}), filtered: true }; },
    });
    const c = await component('components/c/c', { wxml: '<view/>', options: { behaviors: [outer, 'wx://form-field'], data: { v: 'own' } } });
    const pInst = await openPage(await page('pages/p/p', { wxml: '<c id="c"/>', using: { c }, options: {} }));
    const comp = pInst.selectComponent('#c') as any;
    expect(comp.data.shared).toEqual({ a: 1, b: 2 });
    expect(comp.data.v).toBe('own');
    expect(comp.data.filtered).toBe(true);
    expect(comp.who()).toBe('outer');
    expect(comp.only()).toBe('inner-only');
    expect(comp.hasBehavior(inner)).toBe(true);
    expect(comp.hasBehavior('wx://form-field')).toBe(true);
    expect(comp.data).toHaveProperty('name', '');
  });
});

describe('events across component boundaries', () => {
  async function setup(options: Record<string, unknown>) {
    const log: string[] = [];
    const my = await component('components/my/my', {
      wxml: '<view bindcustomevent="m"><slot/></view>',
      options: { methods: { m() { log.push('M'); }, fire() { (this as any).triggerEvent('customevent', { n: 1 }, options); } } },
    });
    const another = await component('components/another/another', {
      wxml: '<view bindcustomevent="a"><slot/></view>',
      options: { methods: { a(e: any) { log.push(`A:${e.target.id || 'slot'}`); } } },
    });
    const p = await page('pages/p/p', {
      wxml: '<another id="outer" bindcustomevent="p1"><my id="inner" bindcustomevent="p2"/></another>',
      using: { my, another },
      options: { p1(e: any) { log.push(`P1:${e.target.id}`); }, p2(e: any) { log.push(`P2:${e.target.id}:${e.detail.n}`); } },
    });
    const inst = await openPage(p);
    return { log, inner: inst.selectComponent('#inner') as any };
  }

  it('without bubbles only the host hears it', async () => {
    const { log, inner } = await setup({});
    inner.fire();
    expect(log).toEqual(['P2:inner:1']);
  });

  it('bubbles follows the page tree, skipping the slot’s component', async () => {
    const { log, inner } = await setup({ bubbles: true });
    inner.fire();
    expect(log).toEqual(['P2:inner:1', 'P1:inner']);
  });

  it('bubbles + composed enters the slot’s component and comes out again', async () => {
    const { log, inner } = await setup({ bubbles: true, composed: true });
    inner.fire();
    expect(log).toEqual(['P2:inner:1', 'A:slot', 'P1:inner']);
  });

  it('a tap inside a component reaches the page with the component as target', async () => {
    const seen: unknown[] = [];
    const c = await component('components/c/c', { wxml: '<view id="deep" class="x">tap me</view>', options: {} });
    const p = await page('pages/p/p', { wxml: '<view bindtap="t"><c id="comp" data-k="v"/></view>', using: { c }, options: { t(e: any) { seen.push(e.target.id, e.target.dataset.k); } } });
    await openPage(p);
    tap(document.querySelector('#deep')!);
    expect(seen).toEqual(['comp', 'v']);
  });
});

describe('relations', () => {
  it('link each child right after its attached, parent callback first; getRelationNodes in order', async () => {
    const log: string[] = [];
    const item = await component('components/cell/cell', {
      wxml: '<view>{{title}}</view>',
      options: {
        properties: { title: String },
        relations: { '../group/group': { type: 'parent', linked() { log.push(`cell(${(this as any).data.title}).linked`); } } },
        lifetimes: { attached() { log.push(`cell(${(this as any).data.title}).attached`); } },
      },
    });
    const group = await component('components/group/group', {
      wxml: '<view class="group"><slot/></view>',
      options: {
        relations: { '../cell/cell': { type: 'child', linked(t: any) { log.push(`group.linked(${t.data.title})`); }, unlinked(t: any) { log.push(`group.unlinked(${t.data.title})`); } } },
        methods: { titles() { return (this as any).getRelationNodes('../cell/cell').map((c: any) => c.data.title); } },
      },
    });
    const p = await page('pages/p/p', {
      wxml: '<group id="g"><cell wx:for="{{items}}" wx:key="*this" title="{{item}}"/></group>',
      using: { group, cell: item },
      options: { data: { items: ['a', 'b'] } },
    });
    const inst = await openPage(p);
    expect(log).toEqual(['cell(a).attached', 'group.linked(a)', 'cell(a).linked', 'cell(b).attached', 'group.linked(b)', 'cell(b).linked']);
    const g = inst.selectComponent('#g') as any;
    expect(g.titles()).toEqual(['a', 'b']);
    log.length = 0;
    inst.setData({ items: ['b'] });
    await settle();
    expect(log).toEqual(['group.unlinked(a)']);
    expect(g.titles()).toEqual(['b']);
  });
});

describe('slots and style scoping', () => {
  it('single-slot mode puts every child in the one slot; multipleSlots routes by name and hides unmatched', async () => {
    const single = await component('components/s/s', { wxml: '<view class="box"><slot name="ignored"/></view>', options: {} });
    const multi = await component('components/m/m', {
      wxml: '<view class="head"><slot name="head"/></view><view class="body"><slot/></view>',
      options: { options: { multipleSlots: true } },
    });
    const p = await page('pages/p/p', {
      wxml: '<s><text slot="x">one</text><text>two</text></s><m><text slot="head">H</text><text>B</text><text slot="nowhere">N</text></m>',
      using: { s: single, m: multi },
      options: {},
    });
    await openPage(p);
    const [box, head, body] = ['s', 'm', 'm'].map((t) => document.querySelector(t)!);
    expect(box!.textContent).toBe('onetwo');
    expect(head!.querySelector(`[class$="--head"]`)!.textContent).toBe('H');
    expect(body!.querySelector(`[class$="--body"]`)!.textContent).toBe('B');
    expect(document.body.textContent).not.toContain('N');
  });

  it('component classes are prefixed; externalClasses take the parent’s classes; apply-shared adds raw ones', async () => {
    const iso = await component('components/iso/iso', { wxml: '<view id="i" class="title my-class">x</view>', options: { externalClasses: ['my-class'] } });
    const shared = await component('components/sh/sh', { wxml: '<view id="s" class="title">y</view>', options: { options: { addGlobalClass: true } } });
    const p = await page('pages/p/p', { wxml: '<iso my-class="red big"/><sh/>', using: { iso, sh: shared }, options: {} });
    await openPage(p);
    const i = document.querySelector('#i')!;
    expect(i.className.split(' ')).toEqual([`${iso.prefix}--title`, 'red', 'big']);
    expect(document.querySelector('#s')!.className.split(' ')).toEqual([`${shared.prefix}--title`, 'title']);
    expect(document.querySelector('iso')!.classList.contains(`${iso.prefix}-host`)).toBe(true);
  });

  it('selectComponent finds hosts of this template; export() decides what it returns', async () => {
    const c = await component('components/c/c', { wxml: '<view/>', options: { behaviors: ['wx://component-export'], export() { return { api: 1 }; } } });
    const d = await component('components/d/d', { wxml: '<view/>', options: {} });
    const inst = await openPage(await page('pages/p/p', { wxml: '<c class="one"/><d class="two"/><d class="two"/>', using: { c, d }, options: {} }));
    expect(inst.selectComponent('.one')).toEqual({ api: 1 });
    expect(inst.selectAllComponents('.two').length).toBe(2);
    expect(inst.selectComponent('.none')).toBeNull();
  });
});

describe('fine-grained updates inside components', () => {
  it('setData on one path of a component writes only that component’s binding', async () => {
    const c = await component('components/c/c', { wxml: '<view>{{a}}</view><view>{{b}}</view>', options: { data: { a: 1, b: 2 } } });
    const inst = await openPage(await page('pages/p/p', { wxml: '<view>{{x}}</view><c id="c1"/><c id="c2"/>', using: { c }, options: { data: { x: 0 } } }));
    domOps.take();
    (inst.selectComponent('#c2') as Instance).setData({ a: 9 });
    await settle();
    expect(domOps.take()).toEqual({ inserts: 0, removes: 0, texts: 1, attrs: 0 });
    expect(document.querySelector('#c2')!.textContent).toBe('92');
    expect(document.querySelector('#c1')!.textContent).toBe('12');
  });
});

describe('fault containment', () => {
  it('a throwing lifetime or a component without a definition is reported, and the page still renders', async () => {
    const { onError, offError } = await import('../../runtime/core/errors.js');
    const messages: string[] = [];
    const listener = (m: string) => messages.push(m);
    onError(listener);
    const origError = console.error;
    console.error = () => {};
    try {
      const broken = await component('components/broken/broken', { wxml: '<view>broken</view>', options: { lifetimes: { attached() { throw new Error('boom'); } } } });
      const missing = await component('components/missing/missing', { wxml: '<view/>', options: {} });
      missing.def = undefined;
      const ok = await component('components/ok/ok', { wxml: '<view id="ok">fine</view>', options: {} });
      await openPage(await page('pages/p/p', { wxml: '<broken/><missing/><ok/><view id="after">{{x}}</view>', using: { broken, missing, ok }, options: { data: { x: 'still here' } } }));
      expect(document.querySelector('#ok')!.textContent).toBe('fine');
      expect(document.querySelector('#after')!.textContent).toBe('still here');
      expect(messages.some((m) => m.startsWith('component components/broken/broken lifetimes.attached: boom'))).toBe(true);
      expect(messages.some((m) => m.includes('page pages/p/p <missing>') && m.includes('did not call Component()'))).toBe(true);
    } finally {
      console.error = origError;
      offError(listener);
    }
  });
});
