// @vitest-environment happy-dom
/**
 * Data cannot reach the prototype chain or become code: setData paths through __proto__ are
 * refused, an own "__proto__" key stays a field, on* attributes from data are not set, wxs
 * timers take functions only, and the runtime rpx conversion stays linear on hostile input.
 */
import { describe, expect, it } from 'vitest';
import { cloneData, parsePath } from '../../runtime/core/path.js';
import { Instance } from '../../runtime/core/instance.js';
import { flushAll } from '../../runtime/core/scheduler.js';
import { applyAttribute } from '../../runtime/render/attrs.js';
import { ComponentDescriptor } from '../../runtime/render/descriptor.js';
import { convertRpxInStyle } from '../../runtime/shell/rpx.js';

describe('hardening', () => {
  it('setData refuses paths through __proto__, constructor or prototype; the page is not polluted', () => {
    expect(parsePath('__proto__.polluted')).toBeNull();
    expect(parsePath('a.constructor.prototype.x')).toBeNull();
    expect(parsePath('list[0].__proto__')).toBeNull();
    const inst = new Instance('page test', {});
    inst.setData({ '__proto__.polluted': 'yes', 'a.constructor.prototype.polluted': 'yes', ok: 1 });
    flushAll();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(inst.data.ok).toBe(1);
  });

  it('an own "__proto__" key of data (JSON.parse makes those) stays a plain field', () => {
    const copy = cloneData(JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  });

  it('on* attributes given by data are never set on an element', () => {
    const el = document.createElement('wx-unknown-tag');
    applyAttribute(el, 'unknown-tag', 'onclick', 'window.__hit = 1');
    applyAttribute(el, 'unknown-tag', 'OnMouseOver', 'window.__hit = 1');
    applyAttribute(el, 'unknown-tag', 'title', 'kept');
    expect(el.getAttribute('onclick')).toBeNull();
    expect(el.getAttribute('onmouseover')).toBeNull();
    expect(el.getAttribute('title')).toBe('kept');
  });

  it('a wxs ComponentDescriptor runs timers given a function only', () => {
    const d = new ComponentDescriptor(document.createElement('div'));
    expect(d.setTimeout('globalThis.__ran = 1' as unknown as () => void, 0)).toBe(0);
    expect(d.requestAnimationFrame('x' as unknown as FrameRequestCallback)).toBe(0);
  });

  it('rpx conversion in inline styles does not hang on a long run of digits (the old pattern took seconds)', () => {
    // A hang shows as this test's timeout; the input is 20,000 digits.
    const out = convertRpxInStyle('1'.repeat(20000) + 'px 1rpx');
    expect(out.endsWith('calc(1 * var(--rpx))')).toBe(true);
    expect(convertRpxInStyle('margin: -2.5rpx .5rpx; width: calc(100% - 20rpx)')).toBe('margin: calc(-2.5 * var(--rpx)) calc(.5 * var(--rpx)); width: calc(100% - calc(20 * var(--rpx)))');
  });
});
