// @vitest-environment happy-dom
/**
 * WXS event responses (WeChat's "WXS响应事件"): wxs handlers get (event, ownerInstance) with
 * event.instance, act through ComponentDescriptor (setStyle/addClass/callMethod/getState/…),
 * `return false` stops the event; `change:prop` observers run at first render and whenever the
 * property is set. Also componentGenerics chosen by the parent (`generic:x`) or defaulted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchWxEvent, setHandlerInvoker } from '../../runtime/render/events.js';
import { invokeHandler } from '../../runtime/render/invoke.js';
import { loadWxsHooks } from '../../runtime/render/wxsHooks.js';
import { flushAll } from '../../runtime/core/scheduler.js';
import { onError } from '../../runtime/core/errors.js';
import { component, openPage, page } from '../helpers/units.js';

const errors: string[] = [];
beforeAll(async () => {
  // In an app the first template with wxs starts this load; here it is awaited up front.
  await loadWxsHooks();
  setHandlerInvoker(invokeHandler);
  onError((message) => errors.push(message));
});

const WXS = `<wxs module="m">
var moves = 0;
function drag(e, owner) {
  var st = e.instance.getState();
  st.n = (st.n || 0) + 1;
  e.instance.setStyle({ transform: 'translateX(' + e.detail.x + 'px)', 'margin-left': '10rpx' });
  owner.callMethod('report', { n: st.n, id: e.instance.getDataset().id });
  return false;
}
function mark(e, owner) {
  var box = owner.selectComponent('.box');
  if (box.hasClass('on')) box.removeClass('on'); else box.addClass('on');
}
function obs(newV, oldV, owner, inst) {
  inst.setStyle('width:' + newV + 'px');
  owner.callMethod('seen', [newV, oldV]);
}
module.exports = { drag: drag, mark: mark, obs: obs };
</wxs>`;

describe('wxs event handlers', () => {
  it('get event.instance and ownerInstance; setStyle wins over the template and survives its updates; return false stops bubbling', async () => {
    const log: unknown[] = [];
    const p = await page('pages/w/w', {
      wxml: `${WXS}<view bindtap="outer"><view id="d" data-id="knob" style="color:{{color}}" bindtap="{{m.drag}}">drag</view></view>`,
      options: { data: { color: 'red' }, outer() { log.push('outer'); }, report(a: unknown) { log.push(a); } },
    });
    const inst = await openPage(p);
    const d = document.querySelector('#d') as HTMLElement;
    dispatchWxEvent(d, 'tap', { x: 40, y: 0 });
    dispatchWxEvent(d, 'tap', { x: 50, y: 0 });
    expect(log).toEqual([{ n: 1, id: 'knob' }, { n: 2, id: 'knob' }]);
    expect(d.style.transform).toBe('translateX(50px)');
    expect(d.style.marginLeft).toBe('calc(10 * var(--rpx))');
    expect(d.style.color).toBe('red');
    inst.setData({ color: 'blue' });
    flushAll();
    expect(d.style.color).toBe('blue');
    expect(d.style.transform).toBe('translateX(50px)');
  });

  it('addClass/removeClass/hasClass go through the component’s class scoping and outlive template class updates', async () => {
    const c = await component('components/k/k', {
      wxml: `${WXS}<view class="box {{extra}}" bindtap="{{m.mark}}">k</view>`,
      options: { data: { extra: 'a' } },
    });
    const p = await page('pages/k/k', { wxml: '<k id="k"/>', using: { k: c }, options: {} });
    const inst = await openPage(p);
    const box = document.querySelector('#k wx-view') as HTMLElement;
    dispatchWxEvent(box, 'tap', {});
    expect(box.className.split(' ')).toContain(`${c.prefix}--on`);
    const comp = inst.selectComponent('#k') as any;
    comp.setData({ extra: 'b' });
    flushAll();
    expect(box.className.split(' ').sort()).toEqual([`${c.prefix}--b`, `${c.prefix}--box`, `${c.prefix}--on`].sort());
    dispatchWxEvent(box, 'tap', {});
    expect(box.className.split(' ')).not.toContain(`${c.prefix}--on`);
  });

  it('ownerInstance of a component calls the component’s methods and its triggerEvent reaches the page', async () => {
    const log: unknown[] = [];
    const c = await component('components/t/t', {
      wxml: `<wxs module="h">module.exports = { go: function (e, owner) { owner.callMethod('inner', 7); owner.triggerEvent('picked', { v: 1 }); } };</wxs><view id="go" bindtap="{{h.go}}">go</view>`,
      options: { methods: { inner(n: number) { log.push(['inner', n, this.is]); } } },
    });
    const p = await page('pages/t/t', { wxml: '<t bind:picked="onPicked"/>', using: { t: c }, options: { onPicked(e: any) { log.push(['picked', e.detail]); } } });
    await openPage(p);
    dispatchWxEvent(document.querySelector('#go')!, 'tap', {});
    expect(log).toEqual([['inner', 7, 'components/t/t'], ['picked', { v: 1 }]]);
  });

  it('a throwing wxs handler is reported with the page named, and other handlers still run', async () => {
    errors.length = 0;
    const log: string[] = [];
    const p = await page('pages/e/e', {
      wxml: `<wxs module="b">module.exports = { boom: function () { throw new Error('wxs boom'); } };</wxs><view bindtap="after"><view id="x" bindtap="{{b.boom}}">x</view></view>`,
      options: { after() { log.push('after'); } },
    });
    await openPage(p);
    dispatchWxEvent(document.querySelector('#x')!, 'tap', {});
    expect(errors.some((e) => e.includes('page pages/e/e') && e.includes('wxs boom'))).toBe(true);
    expect(log).toEqual(['after']);
  });
});

describe('change:prop wxs observers', () => {
  it('run once with the first value, then whenever the property is set (changed or not), with the old value', async () => {
    const seen: unknown[] = [];
    const p = await page('pages/o/o', {
      wxml: `${WXS}<view id="o" change:w="{{m.obs}}" w="{{width}}">o</view>`,
      options: { data: { width: 10, other: 0 }, seen(a: unknown) { seen.push(a); } },
    });
    const inst = await openPage(p);
    const o = document.querySelector('#o') as HTMLElement;
    expect(seen).toEqual([[10, undefined]]);
    expect(o.style.width).toBe('10px');
    inst.setData({ width: 20 });
    flushAll();
    inst.setData({ width: 20 });
    flushAll();
    inst.setData({ other: 1 });
    flushAll();
    expect(seen).toEqual([[10, undefined], [20, 10], [20, 20]]);
    expect(o.style.width).toBe('20px');
  });
});

describe('change:prop at first render', () => {
  it('runs once the whole template is in place, so it can reach other elements (weui slideview does)', async () => {
    const c = await component('components/s/s', {
      wxml: `<wxs module="h">module.exports = { shown: function (v, o, owner) { owner.selectComponent('.right').setStyle({ width: v + 'px' }); } };</wxs><view><view class="left" change:show="{{h.shown}}" show="{{size}}">l</view></view><view class="right">r</view>`,
      options: { data: { size: 42 } },
    });
    const p = await page('pages/s/s', { wxml: '<s id="s"/>', using: { s: c }, options: {} });
    errors.length = 0;
    await openPage(p);
    expect(errors).toEqual([]);
    const right = [...document.querySelectorAll('#s wx-view')].find((v) => v.textContent === 'r') as HTMLElement;
    expect(right.style.width).toBe('42px');
  });
});

describe('componentGenerics', () => {
  it('the parent’s generic:x picks the implementation; without it the default is used', async () => {
    const radio = await component('components/radio/radio', { wxml: '<text>radio {{label}}</text>', options: { properties: { label: String } } });
    const check = await component('components/check/check', { wxml: '<text>check {{label}}</text>', options: { properties: { label: String } } });
    const group = await component('components/group/group', {
      wxml: '<selectable wx:for="{{items}}" label="{{item}}"/>',
      options: { properties: { items: Array } },
      config: { component: true, componentGenerics: { selectable: { default: 'components/check/check' } } },
    });
    (group as any).generics = { selectable: check };
    const p = await page('pages/g/g', {
      wxml: '<group id="a" items="{{[1,2]}}" generic:selectable="custom-radio"/><group id="b" items="{{[3]}}"/>',
      using: { group, 'custom-radio': radio },
      options: {},
    });
    await openPage(p);
    expect(document.querySelector('#a')!.textContent).toBe('radio 1radio 2');
    expect(document.querySelector('#b')!.textContent).toBe('check 3');
  });
});
