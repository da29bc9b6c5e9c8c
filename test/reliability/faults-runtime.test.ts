// @vitest-environment happy-dom
/**
 * Fault containment in the runtime (issue 12): user code that throws — a page lifecycle, an event
 * handler, a data observer, a property observer, a wxs function evaluated in a binding — reaches
 * wx.onError / App.onError with the page or component named and the place, and the rest of the
 * page keeps rendering and answering. (A throwing component lifetime and a throwing wxs event
 * handler are covered in test/runtime/components.test.ts and wxs-events.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchWxEvent, setHandlerInvoker } from '../../runtime/render/events.js';
import { invokeHandler } from '../../runtime/render/invoke.js';
import { offError, onError, setAppErrorHandler } from '../../runtime/core/errors.js';
import { component, openPage, page, settle } from '../helpers/units.js';

const heard: string[] = [];
const appHeard: string[] = [];
const listener = (m: string): void => void heard.push(m);
const quiet = console.error;

beforeAll(() => {
  setHandlerInvoker(invokeHandler);
  onError(listener);
  setAppErrorHandler((m) => appHeard.push(m));
  console.error = () => {};
});
afterAll(() => {
  offError(listener);
  setAppErrorHandler(null);
  console.error = quiet;
});
beforeEach(() => {
  heard.length = 0;
  appHeard.length = 0;
});

const text = (sel: string): string | null | undefined => document.querySelector(sel)?.textContent;
/** The one report that mentions `what`, as wx.onError and App.onError both heard it. */
function report(what: string): string {
  const hits = heard.filter((m) => m.includes(what));
  expect(hits.length, `${what} in ${JSON.stringify(heard)}`).toBe(1);
  expect(appHeard).toContain(hits[0]);
  return hits[0]!;
}

describe('a throwing piece of user code is reported, named, and contained', () => {
  it('page onLoad and onShow: reported with the page and hook; the page renders and updates', async () => {
    const inst = await openPage(
      await page('pages/life/life', {
        wxml: '<view id="v">{{n}}</view><view id="t" bindtap="inc">t</view>',
        options: {
          data: { n: 1 },
          onLoad() {
            throw new Error('load boom');
          },
          onShow() {
            throw new Error('show boom');
          },
          inc() {
            this.setData({ n: this.data.n + 1 });
          },
        },
      }),
    );
    expect(report('load boom')).toMatch(/^page pages\/life\/life onLoad: load boom/);
    expect(report('show boom')).toMatch(/^page pages\/life\/life onShow: show boom/);
    expect(text('#v')).toBe('1');
    dispatchWxEvent(document.querySelector('#t')!, 'tap', {});
    await settle();
    expect(text('#v')).toBe('2');
    inst.setData({ n: 10 });
    await settle();
    expect(text('#v')).toBe('10');
  });

  it('an event handler: reported with the page and handler; the same and other handlers still run afterwards', async () => {
    let calls = 0;
    const inst = await openPage(
      await page('pages/h/h', {
        wxml: '<view id="outer" bindtap="outer"><view id="bad" bindtap="bad">bad</view></view><view id="v">{{n}}</view>',
        options: {
          data: { n: 0 },
          bad() {
            calls++;
            throw new Error('handler boom');
          },
          outer() {
            this.setData({ n: this.data.n + 1 });
          },
        },
      }),
    );
    dispatchWxEvent(document.querySelector('#bad')!, 'tap', {});
    await settle();
    const m = report('handler boom');
    expect(m).toContain('page pages/h/h');
    expect(m).toContain('bad');
    expect(text('#v')).toBe('1'); // the event still bubbled to the outer handler
    dispatchWxEvent(document.querySelector('#bad')!, 'tap', {});
    await settle();
    expect(calls).toBe(2);
    expect(text('#v')).toBe('2');
    expect(inst.data.n).toBe(2);
  });

  it('a component data observer and a property observer: reported with the component and observer; data still flows', async () => {
    const c = await component('components/obs/obs', {
      wxml: '<view class="shown">{{label}}-{{count}}</view>',
      options: {
        properties: {
          label: {
            type: String,
            value: '',
            observer(v: string) {
              if (v === 'bad') throw new Error('property observer boom');
            },
          },
        },
        data: { count: 0 },
        observers: {
          count(n: number) {
            if (n === 2) throw new Error('data observer boom');
          },
        },
        methods: {
          bump() {
            this.setData({ count: this.data.count + 1 });
          },
        },
      },
    });
    const inst = await openPage(await page('pages/o/o', { wxml: '<obs id="c" label="{{l}}"/><view id="v">{{l}}</view>', using: { obs: c }, options: { data: { l: 'ok' } } }));
    const child = inst.selectComponent('#c') as any;
    inst.setData({ l: 'bad' });
    await settle();
    const p = report('property observer boom');
    expect(p).toContain('component components/obs/obs');
    expect(text('#v')).toBe('bad');
    expect(text('#c')).toBe('bad-0');
    child.bump();
    child.bump();
    await settle();
    const d = report('data observer boom');
    expect(d).toContain('component components/obs/obs');
    expect(d).toContain('observers["count"]');
    expect(text('#c')).toBe('bad-2');
    child.bump();
    inst.setData({ l: 'fine' });
    await settle();
    expect(text('#c')).toBe('fine-3');
  });

  it('a wxs function that throws while a binding is evaluated: reported with the page and template file; other bindings update', async () => {
    const inst = await openPage(
      await page('pages/w/w', {
        wxml: `<wxs module="m">module.exports = { f: function (x) { if (x === 'bad') throw new Error('wxs binding boom'); return '[' + x + ']'; } };</wxs>
<view id="a">{{m.f(x)}}</view>
<view id="b">{{y}}</view>`,
        options: { data: { x: 'ok', y: 1 } },
      }),
    );
    expect(text('#a')).toBe('[ok]');
    inst.setData({ x: 'bad', y: 2 });
    await settle();
    const m = report('wxs binding boom');
    expect(m).toContain('page pages/w/w');
    // The template file is named; text bindings carry no line in the IR (element attributes do).
    expect(m).toContain('pages/w/w.wxml');
    expect(text('#b')).toBe('2');
    inst.setData({ x: 'back', y: 3 });
    await settle();
    expect(text('#a')).toBe('[back]');
    expect(text('#b')).toBe('3');
  });

  it('a throwing App.onError or onError listener does not stop the others, nor the page', async () => {
    const second: string[] = [];
    const throwing = (): void => {
      throw new Error('listener boom');
    };
    const after = (m: string): void => void second.push(m);
    onError(throwing);
    onError(after);
    setAppErrorHandler(() => {
      throw new Error('app handler boom');
    });
    try {
      const inst = await openPage(
        await page('pages/l/l', {
          wxml: '<view id="v">{{n}}</view>',
          options: {
            data: { n: 1 },
            onReady() {
              throw new Error('ready boom');
            },
          },
        }),
      );
      expect(second.some((m) => m.includes('ready boom'))).toBe(true);
      inst.setData({ n: 2 });
      await settle();
      expect(text('#v')).toBe('2');
    } finally {
      offError(throwing);
      offError(after);
      setAppErrorHandler((m) => appHeard.push(m));
    }
  });
});
