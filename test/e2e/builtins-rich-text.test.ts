/**
 * rich-text in Chromium: HTML strings and node arrays render; only WeChat's trusted tags and
 * attributes survive hostile input (nothing runs, no handler, no id, no javascript: anywhere);
 * entities, `space`, `user-select`, classes scoped to the component that uses it, taps.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchErrors } from '../helpers/browser.js';
import { buildAndServe, writeProgram, type BuiltSample } from '../helpers/sample.js';

let browser: Browser;
let app: BuiltSample;
let page: Page;
let errors: string[];

const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<img src="javascript:window.__pwned=\'src\'">',
  '<a href="javascript:window.__pwned=\'href\'" onclick="window.__pwned=\'click\'" id="evil">click me</a>',
  '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe>',
  '<style>body { display: none }</style>',
  '<svg><script>window.__pwned = "svg"</script><a xlink:href="javascript:1">svg</a></svg>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>',
  '<form action="javascript:1"><input autofocus onfocus="window.__pwned=\'focus\'"></form>',
  '<object data="javascript:1"></object><embed src="javascript:1"><link rel="import" href="x"><meta http-equiv="refresh" content="0;url=javascript:1"><base href="javascript:1">',
  '<div style="background: url(jav\\ascript:window.__pwned=1)" data-x="1" onmouseover="window.__pwned=\'hover\'">styled</div>',
  '<p style="width: expression(alert(1))">ie</p>',
  '<details open ontoggle="window.__pwned=\'toggle\'">d</details>',
  '<p class="ok" style="color: red">kept</p>',
  // Unclosed: everything after it is inside <math>, and goes with it.
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'"><p>swallowed</p>',
];

const WXML = `
<rich-text id="html" nodes="{{html}}" bindtap="onTap"></rich-text>
<rich-text id="array" nodes="{{array}}"></rich-text>
<view id="hostile"><rich-text wx:for="{{hostile}}" wx:key="*this" nodes="{{item}}"></rich-text></view>
<rich-text id="hostile-array" nodes="{{hostileArray}}"></rich-text>
<rich-text id="spaced" space="nbsp" user-select nodes="{{spaced}}"></rich-text>
<fancy id="fancy"></fancy>
<view id="taps">{{taps}}</view>
`;

const JS = `Page({
  data: {
    html: '<h2 class="title">Title</h2><p>One &amp; two &lt;b&gt; <b>bold</b><br>next line</p><ol start="3" type="a"><li>c</li><li>d</li></ol><img src="https://example.com/a.png" width="20" height="10" alt="pic"><table width="100"><tr><td colspan="2">cell</td></tr></table>',
    array: [{ name: 'DIV', attrs: { class: 'box', style: 'color: rgb(0, 128, 0)' }, children: [{ type: 'text', text: 'Hello&nbsp;World &lt;x&gt;' }, { name: 'span', children: [{ type: 'text', text: '!' }] }] }],
    hostile: ${JSON.stringify(HOSTILE)},
    hostileArray: [
      { name: 'script', children: [{ type: 'text', text: 'window.__pwned = "array-script"' }] },
      { name: 'img', attrs: { src: 'javascript:window.__pwned=1', onerror: 'window.__pwned="array-img"', id: 'x' } },
      { name: 'img', attrs: { src: 'data:image/svg+xml,<svg onload=alert(1)>' } },
      { name: 'div', attrs: { onclick: 'window.__pwned=1', Style: 'color: blue', ID: 'nope' }, children: [{ type: 'text', text: '<img src=x onerror=window.__pwned=1>' }] },
      { type: 'comment', text: 'ignored' },
      { name: 'a', attrs: { href: 'javascript:window.__pwned=1', target: '_blank' }, children: [{ type: 'text', text: 'link' }] },
      { name: 'iframe', attrs: { srcdoc: '<script>parent.__pwned=1</script>' } },
      { name: '__proto__' },
      { name: 'constructor' },
    ],
    spaced: [{ type: 'text', text: 'a  b' }],
    taps: 0,
  },
  onTap() { this.setData({ taps: this.data.taps + 1 }) },
})`;

beforeAll(async () => {
  const dir = writeProgram({
    'app.json': '{"pages": ["pages/a/a"], "usingComponents": {"fancy": "/components/fancy/fancy"}}',
    'pages/a/a.wxml': WXML,
    'pages/a/a.wxss': '.hl { color: rgb(255, 0, 0); }',
    'pages/a/a.js': JS,
    'components/fancy/fancy.json': '{"component": true}',
    'components/fancy/fancy.wxml': '<rich-text nodes="{{nodes}}"></rich-text>',
    'components/fancy/fancy.wxss': '.hl { color: rgb(0, 0, 255); }',
    'components/fancy/fancy.js': "Component({ data: { nodes: '<span class=\"hl\">scoped</span>' } })",
  });
  [browser, app] = await Promise.all([launchBrowser(), buildAndServe(dir)]);
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  errors = watchErrors(page);
  await page.goto(app.server.url);
  await page.locator('#html h2').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('rich-text', () => {
  it('an HTML string: trusted tags with their attributes, entities decoded once', async () => {
    const html = page.locator('#html');
    expect(await html.locator('h2').getAttribute('class')).toBe('title');
    expect(await html.locator('p').textContent()).toBe('One & two <b> boldnext line');
    expect(await html.locator('p b').count()).toBe(1);
    expect(await html.locator('p br').count()).toBe(1);
    expect(await html.locator('ol').evaluate((el) => [el.getAttribute('start'), el.getAttribute('type'), el.children.length])).toEqual(['3', 'a', 2]);
    expect(await html.locator('img').evaluate((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`))).toEqual(['src=https://example.com/a.png', 'width=20', 'height=10', 'alt=pic']);
    expect(await html.locator('td').getAttribute('colspan')).toBe('2');
  });

  it('a node array: names are case-insensitive, class and style kept, text entities decoded', async () => {
    const div = page.locator('#array > div');
    expect(await div.getAttribute('class')).toBe('box');
    expect(await div.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 128, 0)');
    expect(await div.textContent()).toBe('Hello\u00a0World <x>!');
  });

  it('hostile HTML: untrusted tags go with their children, no handler, id, href or script URL survives', async () => {
    // Give anything that could have run a chance to.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    // What is left of each fragment, in the order of HOSTILE.
    const left = await page.locator('#hostile wx-rich-text').evaluateAll((els) => els.map((el) => el.innerHTML));
    expect(left).toEqual(['', '<img>', '<img>', '<a>click me</a>', '', '', '', '', '', '', '<div>styled</div>', '<p>ie</p>', '', '<p class="ok" style="color: red">kept</p>', '']);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
  });

  it('a hostile node array is cleaned the same way, and text stays text', async () => {
    const out = page.locator('#hostile-array');
    const html = await out.evaluate((el) => el.innerHTML);
    expect(html).toBe('<img><img><div style="color: blue">&lt;img src=x onerror=window.__pwned=1&gt;</div><a>link</a>');
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  it('space keeps runs of spaces; user-select makes the text selectable', async () => {
    expect(await page.textContent('#spaced')).toBe('a\u00a0\u00a0b');
    expect(await page.locator('#spaced').evaluate((el) => getComputedStyle(el).userSelect)).toBe('text');
  });

  it('inside a component, only the component’s own styles reach its classes', async () => {
    expect(await page.locator('#fancy span').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 255)');
  });

  it('a tap inside reaches the rich-text’s handler', async () => {
    await page.click('#html h2');
    await expect.poll(() => page.textContent('#taps')).toBe('1');
  });

  it('ran without errors (other than the picture the offline test cannot fetch)', () => {
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
