// @vitest-environment happy-dom
/**
 * wx2tg/testing: a test written the way miniprogram-simulate tests are (load, render, attach,
 * querySelector, dispatchEvent, triggerLifeTime, instance), run against our own sample components.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as simulate from '../../testing/index.js';

const COMPONENTS = path.resolve(import.meta.dirname, '../../samples/components');

describe('wx2tg/testing (miniprogram-simulate style)', () => {
  it('loads a component by path, renders it with properties, and drives it with events', async () => {
    const id = simulate.load(path.join(COMPONENTS, 'components/stepper/stepper'), 'stepper', { rootPath: COMPONENTS });
    const comp = simulate.render(id, { value: 2, max: 3, name: 'qty' });
    const parent = document.createElement('parent-wrapper');
    comp.attach(parent);
    expect(comp.instance.data.value).toBe(2);
    expect(comp.querySelector('.stepper__value')!.dom.textContent).toBe('2');
    const changes: unknown[] = [];
    comp.addEventListener('change', (e) => changes.push(e.detail));
    comp.querySelector('#qty-plus')!.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(comp.instance.data.value).toBe(3);
    expect(comp.querySelector('.stepper__value')!.dom.textContent).toBe('3');
    comp.querySelector('#qty-plus')!.dispatchEvent('tap'); // max reached
    await simulate.sleep(0);
    expect(changes).toEqual([{ value: 3 }]);
    expect(comp.instance.hasBehavior('wx://form-field')).toBe(true);
  });

  it('loads components with their usingComponents and relations, and inline definitions', async () => {
    const group = simulate.load(path.join(COMPONENTS, 'components/cell-group/cell-group'), undefined, { rootPath: COMPONENTS });
    const cell = simulate.load(path.join(COMPONENTS, 'components/cell/cell'), undefined, { rootPath: COMPONENTS });
    const page = simulate.load({
      template: '<group title="T"><cell wx:for="{{items}}" wx:key="*this" title="{{item}}"/></group>',
      usingComponents: { group, cell },
      data: { items: ['a', 'b', 'c'] },
    });
    const comp = simulate.render(page);
    comp.attach(document.createElement('div'));
    await simulate.sleep(0);
    expect(comp.dom.textContent).toContain('T (3)');
    comp.setData({ items: ['a'] });
    await simulate.sleep(0);
    expect(comp.dom.textContent).toContain('T (1)');
    expect(simulate.match(comp.querySelector('group')!.dom, comp.querySelector('group')!.dom.outerHTML)).toBe(true);
  });

  it('triggers lifetimes and page lifetimes by hand', () => {
    const log: string[] = [];
    const id = simulate.load({ template: '<view>{{n}}</view>', data: { n: 0 }, lifetimes: { detached() { log.push('detached'); } }, pageLifetimes: { show() { log.push('show'); } } });
    const comp = simulate.render(id);
    comp.triggerPageLifeTime('show');
    comp.triggerLifeTime('detached');
    expect(log).toEqual(['show', 'detached']);
    expect(comp.toJSON()).toEqual({ tagName: id, attrs: [], children: [{ tagName: 'view', attrs: [], children: ['0'] }] });
  });
});
