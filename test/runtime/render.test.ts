// @vitest-environment happy-dom
/**
 * The template engine against compiled WXML: rendering, fine-grained updates (counted through
 * domOps, so "one setData path → one DOM write" is asserted), keyed list moves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Instance } from '../../runtime/core/instance.js';
import { flushAll } from '../../runtime/core/scheduler.js';
import { domOps } from '../../runtime/render/domOps.js';
import { loadTemplate } from '../helpers/template.js';

async function mount(wxml: string, data: Record<string, unknown>): Promise<{ inst: Instance; root: HTMLElement }> {
  const tpl = await loadTemplate(wxml);
  const inst = new Instance('page test', JSON.parse(JSON.stringify(data)));
  const root = document.createElement('wx-page');
  document.body.replaceChildren(root);
  inst.__render(tpl).mount(root);
  domOps.take();
  return { inst, root };
}

function update(inst: Instance, patch: Record<string, unknown>): ReturnType<typeof domOps.take> {
  inst.setData(patch);
  flushAll();
  return domOps.take();
}

const rows = (n: number): { id: number; label: string }[] => Array.from({ length: n }, (_, i) => ({ id: i, label: `row ${i}` }));

describe('rendering', () => {
  beforeEach(() => domOps.take());

  it('renders text and attribute bindings; undefined and null render as empty', async () => {
    const { root } = await mount('<view id="v" class="a {{cls}}">Hello {{name}}{{missing}}{{nothing}}!</view>', { name: 'World', cls: 'b', nothing: null });
    const v = root.querySelector('#v')!;
    expect(v.tagName).toBe('WX-VIEW');
    expect(v.className).toBe('a b');
    expect(v.textContent).toBe('Hello World!');
  });

  it('switches wx:if / wx:elif / wx:else branches', async () => {
    const { inst, root } = await mount('<view wx:if="{{n > 1}}" id="x">many</view><view wx:elif="{{n == 1}}" id="x">one</view><view wx:else id="x">none</view>', { n: 0 });
    expect(root.textContent).toBe('none');
    update(inst, { n: 1 });
    expect(root.textContent).toBe('one');
    update(inst, { n: 5 });
    expect(root.textContent).toBe('many');
  });

  it('iterates arrays, objects, strings and numbers', async () => {
    const { root } = await mount(
      '<text wx:for="{{arr}}">{{index}}{{item}} </text>|<text wx:for="{{obj}}">{{index}}={{item}} </text>|<text wx:for="abc">{{item}}</text>|<text wx:for="{{3}}">{{item}}</text>',
      { arr: ['a', 'b'], obj: { x: 1, y: 2 } },
    );
    expect(root.textContent).toBe('0a 1b |x=1 y=2 |abc|012');
  });

  it('renders templates with data and re-renders when the data changes', async () => {
    const { inst, root } = await mount('<template name="t"><text>{{title}}:{{n}}</text></template><template is="t" data="{{...info, title: label}}"/>', { info: { n: 1 }, label: 'A' });
    expect(root.textContent).toBe('A:1');
    update(inst, { 'info.n': 2 });
    expect(root.textContent).toBe('A:2');
  });
});

describe('fine-grained updates', () => {
  it('one setData path writes one text node, and nothing else', async () => {
    const { inst, root } = await mount('<view id="a">{{a}}</view><view id="b" class="{{b}}">{{c}}</view>', { a: 1, b: 'x', c: 2 });
    const ops = update(inst, { a: 5 });
    expect(ops).toEqual({ inserts: 0, removes: 0, texts: 1, attrs: 0 });
    expect(root.querySelector('#a')!.textContent).toBe('5');
  });

  it('an unchanged value is not written', async () => {
    const { inst } = await mount('<view>{{a}}</view>', { a: 1 });
    expect(update(inst, { a: 1 })).toEqual({ inserts: 0, removes: 0, texts: 0, attrs: 0 });
  });

  it('changing one row of a 1,000-row keyed list performs O(1) DOM writes', async () => {
    const { inst, root } = await mount('<view wx:for="{{list}}" wx:key="id" class="row {{item.id === sel ? \'on\' : \'\'}}">{{item.label}}</view>', { list: rows(1000), sel: -1 });
    expect(root.querySelectorAll('wx-view').length).toBe(1000);
    const ops = update(inst, { 'list[500].label': 'changed' });
    expect(ops).toEqual({ inserts: 0, removes: 0, texts: 1, attrs: 0 });
    expect(root.querySelectorAll('wx-view')[500]!.textContent).toBe('changed');
  });

  it('selecting a row rewrites only the classes that change', async () => {
    const { inst, root } = await mount('<view wx:for="{{list}}" wx:key="id" class="{{item.id === sel ? \'on\' : \'\'}}">{{item.label}}</view>', { list: rows(1000), sel: -1 });
    expect(update(inst, { sel: 3 })).toEqual({ inserts: 0, removes: 0, texts: 0, attrs: 1 });
    expect(update(inst, { sel: 7 })).toEqual({ inserts: 0, removes: 0, texts: 0, attrs: 2 });
    expect(root.querySelectorAll('.on').length).toBe(1);
  });

  it('moving an item moves one node; swapping two rows moves two', async () => {
    const { inst, root } = await mount('<view wx:for="{{list}}" wx:key="id">{{item.label}}</view>', { list: rows(1000) });
    const list = rows(1000);
    const last = list.pop()!;
    list.unshift(last);
    const ops = update(inst, { list });
    expect(ops).toEqual({ inserts: 1, removes: 0, texts: 0, attrs: 0 });
    expect(root.firstElementChild!.textContent).toBe('row 999');
    const swapped = [...list];
    [swapped[1], swapped[998]] = [swapped[998]!, swapped[1]!];
    expect(update(inst, { list: swapped })).toEqual({ inserts: 2, removes: 0, texts: 0, attrs: 0 });
    const labels = [...root.querySelectorAll('wx-view')].map((e) => e.textContent);
    expect(labels.slice(0, 3)).toEqual(['row 999', 'row 997', 'row 1']);
  });

  it('removing a row removes one node; appending creates only the new rows', async () => {
    const { inst, root } = await mount('<view wx:for="{{list}}" wx:key="id">{{item.label}}</view>', { list: rows(10) });
    const list = rows(10);
    list.splice(4, 1);
    expect(update(inst, { list })).toMatchObject({ removes: 1, inserts: 0 });
    expect(update(inst, { list: [...list, { id: 50, label: 'new' }] })).toMatchObject({ removes: 0 });
    expect(root.lastElementChild!.textContent).toBe('new');
    expect(root.querySelectorAll('wx-view').length).toBe(10);
  });

  it('rows reading a data root outside the loop update when it changes; loop variables shadow data roots', async () => {
    const { inst, root } = await mount('<view wx:for="{{list}}" wx:key="id">{{item.label}}{{suffix}}</view>', { list: rows(3), suffix: '!', item: 'shadowed' });
    expect(root.textContent).toBe('row 0!row 1!row 2!');
    update(inst, { suffix: '?' });
    expect(root.textContent).toBe('row 0?row 1?row 2?');
    expect(update(inst, { item: 'still shadowed' })).toEqual({ inserts: 0, removes: 0, texts: 0, attrs: 0 });
  });

  it('nested lists update through the outer row', async () => {
    const { inst, root } = await mount('<view wx:for="{{groups}}" wx:key="id" wx:for-item="g"><text wx:for="{{g.items}}" wx:key="*this">{{item}},</text></view>', {
      groups: [{ id: 1, items: ['a', 'b'] }, { id: 2, items: ['c'] }],
    });
    const ops = update(inst, { 'groups[1].items[0]': 'z' });
    expect(root.textContent).toBe('a,b,z,');
    expect(ops.texts + ops.inserts).toBeLessThanOrEqual(2);
  });
});

describe('errors in bindings name the template line', () => {
  it('text, wx:if, wx:for and <template is> bindings that throw are reported as file:line', async () => {
    const { onError, offError } = await import('../../runtime/core/errors.js');
    const seen: string[] = [];
    const listener = (m: string): void => void seen.push(m.split(': ')[0]!);
    onError(listener);
    const wxml = [
      '<wxs module="m">module.exports = { boom: function () { throw new Error("boom"); } };</wxs>',
      '<view>{{m.boom()}}</view>',
      '<view wx:if="{{m.boom()}}">x</view>',
      '<view wx:for="{{m.boom()}}">y</view>',
      '<template is="{{m.boom()}}" />',
    ].join('\n');
    await mount(wxml, {});
    offError(listener);
    expect(seen).toEqual(['page test test.wxml:2', 'page test test.wxml:3', 'page test test.wxml:4', 'page test test.wxml:5']);
  });
});

