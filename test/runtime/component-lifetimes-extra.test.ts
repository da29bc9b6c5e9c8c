// @vitest-environment happy-dom
/**
 * The rest of the component model's fine print: `moved` and relations' `linkChanged` when a
 * keyed list reorders components, options.virtualHost, animate's keyframe mapping, and
 * unhandled rejections reaching App.onUnhandledRejection / wx.onUnhandledRejection.
 */
import { describe, expect, it } from 'vitest';
import { component, openPage, page, settle } from '../helpers/units.js';
import { toCssKeyframe } from '../../runtime/core/animate.js';
import { offUnhandledRejection, onUnhandledRejection, reportRejection } from '../../runtime/core/errors.js';

describe('moved and linkChanged', () => {
  it('a keyed reorder moves the component (no re-creation): moved, then linkChanged on both sides; getRelationNodes follows the new order', async () => {
    const log: string[] = [];
    const cell = await component('components/cell/cell', {
      wxml: '<view>{{title}}</view>',
      options: {
        properties: { title: String },
        relations: { '../group/group': { type: 'parent', linkChanged(t: any) { log.push(`cell(${(this as any).data.title}).linkChanged(${t.is})`); } } },
        lifetimes: {
          created() { log.push('created'); },
          moved() { log.push(`cell(${(this as any).data.title}).moved`); },
          detached() { log.push('detached'); },
        },
      },
    });
    const group = await component('components/group/group', {
      wxml: '<slot/>',
      options: {
        relations: { '../cell/cell': { type: 'child', linkChanged(t: any) { log.push(`group.linkChanged(${t.data.title})`); } } },
        methods: { titles() { return (this as any).getRelationNodes('../cell/cell').map((c: any) => c.data.title); } },
      },
    });
    const p = await page('pages/p/p', {
      wxml: '<group id="g"><cell wx:for="{{items}}" wx:key="*this" title="{{item}}"/></group>',
      using: { group, cell },
      options: { data: { items: ['a', 'b', 'c'] } },
    });
    const inst = await openPage(p);
    log.length = 0;
    inst.setData({ items: ['c', 'a', 'b'] });
    await settle();
    // Only "c" moved (a and b keep their relative order).
    expect(log).toEqual(['cell(c).moved', 'group.linkChanged(c)', 'cell(c).linkChanged(components/group/group)']);
    expect((inst.selectComponent('#g') as any).titles()).toEqual(['c', 'a', 'b']);
  });
});

describe('options.virtualHost', () => {
  it('the host takes no box; class goes to externalClasses "class" and style to a style property', async () => {
    const v = await component('components/v/v', {
      wxml: '<view class="inner class" style="{{style}}">v</view>',
      options: { options: { virtualHost: true }, externalClasses: ['class'], properties: { style: String } },
    });
    const plain = await component('components/n/n', { wxml: '<view class="inner">n</view>', options: { properties: { style: String } } });
    const p = await page('pages/v/v', { wxml: '<v id="v" class="big" style="color: red"/><n id="n" class="big" style="color: blue"/>', using: { v, n: plain }, options: {} });
    await openPage(p);
    const host = document.querySelector('#v') as HTMLElement;
    expect(host.style.display).toBe('contents');
    expect(host.style.color).toBe('');
    expect(host.className.split(' ')).not.toContain('big');
    const inner = host.querySelector('wx-view') as HTMLElement;
    expect(inner.className.split(' ')).toContain('big');
    expect(inner.style.color).toBe('red');
    // Without virtualHost the host keeps its class and style.
    const n = document.querySelector('#n') as HTMLElement;
    expect(n.style.display).toBe('');
    expect(n.style.color).toBe('blue');
    expect(n.className.split(' ')).toContain('big');
  });
});

describe('animate keyframes', () => {
  it('map WeChat fields to CSS: transform functions with units, lengths in px, ease, offset', () => {
    expect(toCssKeyframe({ offset: 0.5, ease: 'ease-in', translate: [10, '2rem'], rotate: 45, scale: [2, 2], opacity: 0.5, width: 100, backgroundColor: '#f00', transformOrigin: 'left top' })).toEqual({
      offset: 0.5,
      easing: 'ease-in',
      transform: 'translate(10px,2rem) rotate(45deg) scale(2,2)',
      opacity: '0.5',
      width: '100px',
      backgroundColor: '#f00',
      transformOrigin: 'left top',
    });
    expect(toCssKeyframe({ rotate3d: [0, 0, 1, 90], skew: [10, 20], translateY: 5 }).transform).toBe('rotate3d(0,0,1,90deg) skew(10deg,20deg) translateY(5px)');
  });
});

describe('unhandled rejections', () => {
  it('reach App.onUnhandledRejection and wx.onUnhandledRejection listeners with {reason, promise}', () => {
    const seen: unknown[] = [];
    const listener = (res: { reason: unknown }): void => void seen.push(['wx', res.reason]);
    onUnhandledRejection(listener);
    const promise = Promise.resolve();
    expect(reportRejection('boom', promise, (res: any) => seen.push(['app', res.reason, res.promise === promise]))).toBe(true);
    expect(seen).toEqual([['app', 'boom', true], ['wx', 'boom']]);
    offUnhandledRejection(listener);
    expect(reportRejection('again', promise, undefined)).toBe(false);
  });
});
