/**
 * A generated mini-program for the compile benchmark: `pages` pages (a fifth of them in two
 * subpackages), `components` components that use each other and slots, wxs modules (shared files
 * and inline), shared templates and includes, page and component scripts with the usual
 * lifecycle, handlers and path-key setData, and stylesheets in rpx with @import. About 1 MB of
 * WXML/WXSS/JS/WXS with the defaults. Written into a folder at bench time; never committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function write(root, rel, text) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const json = (v) => JSON.stringify(v, null, 2) + '\n';

function componentFiles(i, count) {
  const child = i + 1 < count && i % 3 !== 2 ? `c${i + 1}` : null;
  const wxml = [
    `<wxs module="fmt" src="../../wxs/format.wxs" />`,
    `<view class="c${i} {{active ? 'c${i}--on' : ''}} ~outer" bindtap="onTap" data-index="{{index}}">`,
    `  <view class="c${i}__head">`,
    `    <text class="c${i}__title">{{title}}</text>`,
    `    <text class="c${i}__price" wx:if="{{price > 0}}">{{fmt.money(price)}}</text>`,
    `    <text class="c${i}__free" wx:else>free</text>`,
    `  </view>`,
    `  <view class="c${i}__tags">`,
    `    <text wx:for="{{tags}}" wx:key="*this" class="c${i}__tag">#{{item}}</text>`,
    `  </view>`,
    child ? `  <${child} title="{{title}} · inner" price="{{price * 2}}" tags="{{tags}}" />` : '',
    `  <slot />`,
    `  <slot name="footer" />`,
    `</view>`,
  ]
    .filter(Boolean)
    .join('\n');
  const js = `Component({
  options: { multipleSlots: true },
  externalClasses: ['outer'],
  properties: {
    title: { type: String, value: 'component ${i}' },
    price: { type: Number, value: 0 },
    tags: { type: Array, value: [] },
    index: Number
  },
  data: { active: false, taps: 0 },
  observers: {
    'price, tags': function (price, tags) {
      this.setData({ summary: price + ':' + (tags ? tags.length : 0) });
    }
  },
  lifetimes: {
    attached() {
      this.setData({ active: this.data.index % 2 === 0 });
    },
    detached() {}
  },
  methods: {
    onTap() {
      this.setData({ taps: this.data.taps + 1, active: !this.data.active });
      this.triggerEvent('pick', { index: this.data.index, taps: this.data.taps }, { bubbles: true });
    }
  }
});
`;
  const wxss = `.c${i} { display: flex; flex-direction: column; padding: 24rpx 32rpx; margin-bottom: 16rpx; border-radius: 12rpx; background: #fff; }
.c${i}--on { border: 2rpx solid #07c160; }
.c${i}__head { display: flex; justify-content: space-between; align-items: center; }
.c${i}__title { font-size: 30rpx; color: #333; }
.c${i}__price { font-size: 28rpx; color: #e64340; }
.c${i}__free { font-size: 24rpx; color: #999; }
.c${i}__tags { display: flex; flex-wrap: wrap; gap: 8rpx; margin-top: 12rpx; }
.c${i}__tag { font-size: 22rpx; padding: 4rpx 12rpx; background: #f2f2f2; border-radius: 8rpx; }
`;
  return { wxml, js, wxss, json: json({ component: true, usingComponents: child ? { [child]: `../${child}/${child}` } : {} }) };
}

function pageFiles(p, depth, components) {
  const up = '../'.repeat(depth);
  const a = `c${p % components}`;
  const b = `c${(p * 7 + 3) % components}`;
  const rows = [];
  for (let i = 0; i < 2; i++) {
    rows.push(
      `  <view class="item item-${i} {{selected === ${i} ? 'item--on' : ''}}" data-id="{{list[${i}].id}}" bindtap="onPick" style="height: {{rowHeight + ${i}}}rpx">`,
      `    <text class="item__title">{{list[${i}].title}} · {{util.short(list[${i}].desc, 12)}}</text>`,
      `    <text class="item__price">{{fmt.money(list[${i}].price)}}</text>`,
      `    <view wx:if="{{list[${i}].stock > 10}}" class="badge">in stock</view>`,
      `    <view wx:elif="{{list[${i}].stock > 0}}" class="badge badge--low">{{list[${i}].stock}} left</view>`,
      `    <view wx:else class="badge badge--out">sold out</view>`,
      `  </view>`,
    );
  }
  const wxml = `<wxs module="fmt" src="${up}wxs/format.wxs" />
<wxs module="util">
var short = function (s, n) { return s && s.length > n ? s.substring(0, n) + '…' : s; };
module.exports = { short: short };
</wxs>
<import src="${up}templates/cards.wxml" />
<include src="${up}templates/header.wxml" />
<view class="page page-${p}">
  <${a} title="{{title}}" price="{{total}}" tags="{{tags}}" index="{{0}}" outer="page-outer" bind:pick="onComponentPick">
    <view class="slot-body">{{subtitle}}</view>
    <view slot="footer" class="slot-footer">{{list.length}} items</view>
  </${a}>
${rows.join('\n')}
  <block wx:for="{{groups}}" wx:key="id" wx:for-item="group" wx:for-index="gi">
    <view class="group" id="group-{{group.id}}">
      <text class="group__name">{{gi + 1}}. {{group.name}}</text>
      <view wx:for="{{group.items}}" wx:key="id" class="group__item {{item.done ? 'done' : ''}}" data-group="{{gi}}" data-index="{{index}}" catchtap="toggle">
        <text>{{item.label}}</text>
        <${b} wx:if="{{item.featured}}" title="{{item.label}}" price="{{item.price}}" tags="{{item.tags}}" index="{{index}}" />
      </view>
    </view>
  </block>
  <template is="card" data="{{...hero, compact: true}}" />
  <template is="{{selected % 2 ? 'row' : 'card'}}" data="{{title: title, price: total}}" />
  <input class="search" value="{{query}}" placeholder="Search page ${p}" bindinput="onInput" />
  <button class="more" type="primary" loading="{{loading}}" bindtap="loadMore">Load more</button>
</view>
`;
  const js = `const util = require('${up}utils/util.js');
const api = require('${up}utils/api.js');

Page({
  data: {
    title: 'Page ${p}',
    subtitle: 'generated page number ${p}',
    total: ${p * 100},
    tags: ['a${p}', 'b${p}', 'c${p}'],
    selected: -1,
    rowHeight: 88,
    query: '',
    loading: false,
    hero: { title: 'Hero ${p}', price: ${p * 3} },
    list: util.range(6).map(function (i) {
      return { id: 'p${p}-' + i, title: 'Item ' + i, desc: 'A description of item ' + i + ' on page ${p}', price: i * 199, stock: i * 4 };
    }),
    groups: []
  },
  onLoad(query) {
    this.setData({ groups: api.groups(${p}, 3, 4), query: query.q || '' });
  },
  onShow() {},
  onReady() {},
  onPullDownRefresh() {
    this.setData({ groups: api.groups(${p} + 1, 3, 4) });
    wx.stopPullDownRefresh();
  },
  onReachBottom() {
    this.loadMore();
  },
  onPick(e) {
    const id = e.currentTarget.dataset.id;
    const index = this.data.list.findIndex(function (x) { return x.id === id; });
    this.setData({ selected: index });
  },
  toggle(e) {
    const g = e.currentTarget.dataset.group;
    const i = e.currentTarget.dataset.index;
    const key = 'groups[' + g + '].items[' + i + '].done';
    this.setData({ [key]: !this.data.groups[g].items[i].done });
  },
  onComponentPick(e) {
    wx.showToast({ title: 'picked ' + e.detail.index, icon: 'none' });
  },
  onInput(e) {
    this.setData({ query: e.detail.value });
  },
  loadMore() {
    if (this.data.loading) return;
    this.setData({ loading: true });
    setTimeout(() => {
      const more = api.groups(${p} + this.data.groups.length, 1, 4);
      this.setData({ ['groups[' + this.data.groups.length + ']']: more[0], loading: false });
    }, 10);
  },
  onShareAppMessage() {
    return { title: this.data.title, path: '/pages/p${p}/index' };
  }
});
`;
  const wxss = `@import "${up}styles/common.wxss";
.page-${p} { padding: 24rpx; background: #f7f7f7; min-height: 100vh; }
.page-${p} .item { display: flex; align-items: center; justify-content: space-between; padding: 0 32rpx; background: #fff; border-bottom: 1rpx solid #eee; }
.page-${p} .item--on { background: #e8f7ee; }
.item__title { flex: 1; font-size: 30rpx; color: #222; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.item__price { width: 160rpx; text-align: right; font-size: 28rpx; color: #e64340; }
.badge { margin-left: 16rpx; font-size: 22rpx; padding: 2rpx 10rpx; border-radius: 6rpx; background: #07c160; color: #fff; }
.badge--low { background: #fa9d3b; }
.badge--out { background: #b2b2b2; }
.group { margin-top: 24rpx; padding: 16rpx; background: #fff; border-radius: 12rpx; }
.group__name { font-size: 28rpx; font-weight: 600; }
.group__item { padding: 12rpx 0; border-top: 1rpx solid #f0f0f0; }
.group__item.done text { text-decoration: line-through; color: #999; }
.search { margin: 24rpx 0; padding: 12rpx 20rpx; background: #fff; border-radius: 40rpx; }
.more { margin-top: 32rpx; }
view.slot-body, view.slot-footer { font-size: 24rpx; color: #666; }
`;
  return { wxml, js, wxss, json: json({ navigationBarTitleText: `Page ${p}`, enablePullDownRefresh: p % 4 === 0 }) };
}

/** Writes the program into `root`; returns its size in bytes by kind. */
export function generateProgram(root, { pages = 200, components = 24 } = {}) {
  const bytes = { wxml: 0, wxss: 0, js: 0, wxs: 0, json: 0 };
  const put = (rel, text) => {
    write(root, rel, text);
    const ext = path.extname(rel).slice(1);
    bytes[ext] = (bytes[ext] ?? 0) + Buffer.byteLength(text);
  };
  const usingComponents = {};
  for (let i = 0; i < components; i++) {
    usingComponents[`c${i}`] = `/components/c${i}/c${i}`;
    const f = componentFiles(i, components);
    for (const ext of ['wxml', 'js', 'wxss', 'json']) put(`components/c${i}/c${i}.${ext}`, f[ext]);
  }
  const main = [];
  const subpackages = [
    { root: 'pkgA', name: 'pkgA', pages: [] },
    { root: 'pkgB', name: 'pkgB', pages: [] },
  ];
  for (let p = 0; p < pages; p++) {
    const sub = p % 5 === 4 ? subpackages[p % 2] : null;
    const rel = `pages/p${p}/index`;
    const depth = sub ? 3 : 2;
    const f = pageFiles(p, depth, components);
    const dir = sub ? `${sub.root}/${rel}` : rel;
    for (const ext of ['wxml', 'js', 'wxss', 'json']) put(`${dir}.${ext}`, f[ext]);
    (sub ? sub.pages : main).push(rel);
  }
  put('app.json', json({ pages: main, subpackages, usingComponents, window: { navigationBarTitleText: 'Generated', backgroundColor: '#f7f7f7' }, style: 'v2' }));
  put('project.config.json', json({ appid: 'touristappid', projectname: 'generated', miniprogramRoot: './' }));
  put('app.js', `App({\n  globalData: { user: null },\n  onLaunch() {\n    this.globalData.launchedAt = Date.now();\n  }\n});\n`);
  put('app.wxss', `@import "styles/common.wxss";\npage { background: #f7f7f7; font-size: 28rpx; }\n`);
  put('styles/common.wxss', `.row { display: flex; align-items: center; }\n.muted { color: #999; }\n.card { background: #fff; border-radius: 16rpx; padding: 24rpx; margin: 16rpx 0; }\n.header { padding: 32rpx; font-size: 36rpx; font-weight: 600; }\n`);
  put('templates/cards.wxml', `<template name="card">\n  <view class="card {{compact ? 'card--compact' : ''}}">\n    <text class="card__title">{{title}}</text>\n    <text class="card__price muted">{{price}}</text>\n  </view>\n</template>\n<template name="row">\n  <view class="row"><text>{{title}}</text><text class="muted">{{price}}</text></view>\n</template>\n`);
  put('templates/header.wxml', `<view class="header">{{title}}<text class="muted" wx:if="{{subtitle}}"> — {{subtitle}}</text></view>\n`);
  put('wxs/format.wxs', `var money = function (cents) {\n  var n = Math.round(cents) / 100;\n  return '¥' + n.toFixed(2);\n};\nvar pad = function (s, n) {\n  s = '' + s;\n  while (s.length < n) s = '0' + s;\n  return s;\n};\nmodule.exports = { money: money, pad: pad };\n`);
  put('utils/util.js', `function range(n) {\n  var out = [];\n  for (var i = 0; i < n; i++) out.push(i);\n  return out;\n}\nmodule.exports = { range: range };\n`);
  put('utils/api.js', `function groups(seed, count, size) {\n  var out = [];\n  for (var g = 0; g < count; g++) {\n    var items = [];\n    for (var i = 0; i < size; i++) items.push({ id: seed + '-' + g + '-' + i, label: 'Task ' + i + ' of group ' + g, done: (seed + i) % 3 === 0, featured: i === 0, price: (seed + i) * 10, tags: ['t' + i] });\n    out.push({ id: seed + '-' + g, name: 'Group ' + g, items: items });\n  }\n  return out;\n}\nmodule.exports = { groups: groups };\n`);
  return bytes;
}
