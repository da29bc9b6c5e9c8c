/**
 * map: without network tiles (and without WeChat's map SDK) there is no map picture to show. What
 * the component does show, honestly labelled: a grid in the map's own projection (Web Mercator at
 * `scale`) centred on latitude/longitude, the markers (pins, labels, callouts with
 * display ALWAYS), polylines, circles and polygons placed where they would be, and an "Open in maps"
 * link (OpenStreetMap, through Telegram's link opener) for the centre. Coordinates are shown as
 * given: WeChat's are GCJ-02 in China, about 500 m off OpenStreetMap's there.
 * Events: tap {latitude, longitude}, markertap / callouttap / labeltap {markerId}, updated.
 * wx.createMapContext: getCenterLocation, moveToLocation, getScale, getRegion, includePoints,
 * translateMarker.
 */
import { dispatchWxEvent } from '../render/events.js';
import { appUrl } from '../shell/assets.js';
import { postEvent } from '../telegram/index.js';
import { MEDIA, provideMediaContext } from './mediaContext.js';
import { defineBuiltin } from './registry.js';
import { num, stateOf } from './util.js';

interface Point {
  latitude: number;
  longitude: number;
}

interface Marker extends Point {
  id?: number;
  title?: string;
  iconPath?: string;
  width?: number;
  height?: number;
  label?: { content?: string; color?: string };
  callout?: { content?: string; display?: string; color?: string; bgColor?: string };
}

interface MapState extends Point {
  scale: number;
  markers: Marker[];
  polyline: { points: Point[]; color?: string; width?: number }[];
  circles: (Point & { radius: number; color?: string; fillColor?: string })[];
  polygons: { points: Point[]; strokeColor?: string; fillColor?: string }[];
  layer: HTMLElement;
  caption: HTMLElement;
  link: HTMLAnchorElement;
  drawQueued: boolean;
}

const STATE = Symbol('wx2tg.map');
const TILE = 256;

/** Web Mercator world pixels at zoom `z`. */
function project(p: Point, z: number): [number, number] {
  const size = TILE * 2 ** z;
  const lat = Math.max(-85.05, Math.min(85.05, p.latitude)) * (Math.PI / 180);
  return [((p.longitude + 180) / 360) * size, ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * size];
}

function unproject(x: number, y: number, z: number): Point {
  const size = TILE * 2 ** z;
  const n = Math.PI - (2 * Math.PI * y) / size;
  return { longitude: (x / size) * 360 - 180, latitude: (180 / Math.PI) * Math.atan(Math.sinh(n)) };
}

function fixed(n: number): string {
  return n.toFixed(5).replace(/\.?0+$/, '');
}

function mapsUrl(s: MapState): string {
  const z = Math.round(s.scale);
  return `https://www.openstreetmap.org/?mlat=${fixed(s.latitude)}&mlon=${fixed(s.longitude)}#map=${z}/${fixed(s.latitude)}/${fixed(s.longitude)}`;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent?: Element): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  parent?.appendChild(e);
  return e;
}

/** Redraws pins and shapes around the centre (once per frame however many attributes changed). */
function draw(host: HTMLElement, s: MapState): void {
  if (s.drawQueued) return;
  s.drawQueued = true;
  requestAnimationFrame(() => {
    s.drawQueued = false;
    const w = host.clientWidth;
    const h = host.clientHeight;
    const [cx, cy] = project(s, s.scale);
    const at = (p: Point): [number, number] => {
      const [x, y] = project(p, s.scale);
      return [x - cx + w / 2, y - cy + h / 2];
    };
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'wx-map__shapes');
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(h));
    const shape = (tag: string, attrs: Record<string, string>): void => {
      const e = document.createElementNS(svgNs, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      svg.appendChild(e);
    };
    for (const line of s.polyline) shape('polyline', { points: (line.points ?? []).map((p) => at(p).join(',')).join(' '), fill: 'none', stroke: line.color ?? '#07c160', 'stroke-width': String(line.width ?? 2) });
    for (const poly of s.polygons) shape('polygon', { points: (poly.points ?? []).map((p) => at(p).join(',')).join(' '), fill: poly.fillColor ?? 'rgba(7,193,96,.15)', stroke: poly.strokeColor ?? '#07c160' });
    for (const c of s.circles) {
      // Metres → pixels at this latitude and zoom.
      const mpp = (156543.03392 * Math.cos((c.latitude * Math.PI) / 180)) / 2 ** s.scale;
      const [x, y] = at(c);
      shape('circle', { cx: String(x), cy: String(y), r: String((c.radius ?? 0) / mpp), fill: c.fillColor ?? 'rgba(16,174,255,.15)', stroke: c.color ?? '#10aeff' });
    }
    const pins = s.markers.map((m) => {
      const [x, y] = at(m);
      const pin = el('div', 'wx-map__marker');
      pin.style.left = `${x}px`;
      pin.style.top = `${y}px`;
      pin.setAttribute('role', 'button');
      pin.tabIndex = 0;
      pin.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), dispatchWxEvent(host, 'markertap', { markerId: m.id })));
      pin.setAttribute('aria-label', m.title ?? m.callout?.content ?? m.label?.content ?? `marker ${m.id ?? ''}`);
      if (m.title) pin.title = m.title;
      const icon = el(m.iconPath ? 'img' : 'span', 'wx-map__pin', pin);
      if (m.iconPath) {
        (icon as HTMLImageElement).src = appUrl(m.iconPath);
        icon.style.width = `${m.width ?? 24}px`;
        icon.style.height = `${m.height ?? 24}px`;
      }
      pin.addEventListener('click', (e) => (e.stopPropagation(), dispatchWxEvent(host, 'markertap', { markerId: m.id })));
      if (m.label?.content) {
        const label = el('span', 'wx-map__label', pin);
        label.textContent = m.label.content;
        if (m.label.color) label.style.color = m.label.color;
        label.addEventListener('click', (e) => (e.stopPropagation(), dispatchWxEvent(host, 'labeltap', { markerId: m.id })));
      }
      if (m.callout?.content && m.callout.display === 'ALWAYS') {
        const bubble = el('span', 'wx-map__callout', pin);
        bubble.textContent = m.callout.content;
        if (m.callout.color) bubble.style.color = m.callout.color;
        if (m.callout.bgColor) bubble.style.background = m.callout.bgColor;
        bubble.addEventListener('click', (e) => (e.stopPropagation(), dispatchWxEvent(host, 'callouttap', { markerId: m.id })));
      }
      return pin;
    });
    s.layer.replaceChildren(svg, ...pins);
    s.caption.textContent = `${fixed(s.latitude)}, ${fixed(s.longitude)} · ${s.markers.length} marker${s.markers.length === 1 ? '' : 's'}`;
    s.link.href = mapsUrl(s);
    host.style.backgroundPosition = `${(-cx + w / 2) % 32}px ${(-cy + h / 2) % 32}px`;
    dispatchWxEvent(host, 'updated', {});
  });
}

/** Centre and scale that show every point (include-points, MapContext.includePoints). */
function include(host: HTMLElement, s: MapState, points: Point[], padding = 20): void {
  if (!points.length) return;
  const lats = points.map((p) => p.latitude);
  const lngs = points.map((p) => p.longitude);
  const sw = { latitude: Math.min(...lats), longitude: Math.min(...lngs) };
  const ne = { latitude: Math.max(...lats), longitude: Math.max(...lngs) };
  let z = 20;
  while (z > 3) {
    const [x0, y0] = project(sw, z);
    const [x1, y1] = project(ne, z);
    if (Math.abs(x1 - x0) <= host.clientWidth - 2 * padding && Math.abs(y1 - y0) <= host.clientHeight - 2 * padding) break;
    z--;
  }
  const [x0, y0] = project(sw, z);
  const [x1, y1] = project(ne, z);
  Object.assign(s, unproject((x0 + x1) / 2, (y0 + y1) / 2, z), { scale: z });
  draw(host, s);
}

type Callbacks = { success?(r: unknown): void; fail?(r: unknown): void; complete?(r: unknown): void };

function reply(name: string, o: Callbacks | undefined, res: Record<string, unknown> = {}): void {
  const r = { ...res, errMsg: `${name}:ok` };
  o?.success?.(r);
  o?.complete?.(r);
}

provideMediaContext('createMapContext', ['getCenterLocation', 'moveToLocation', 'getScale', 'getRegion', 'includePoints', 'translateMarker']);

defineBuiltin('map', {
  create(host) {
    const layer = el('div', 'wx-map__layer', host);
    const bar = el('div', 'wx-map__bar', host);
    const note = el('span', 'wx-map__note', bar);
    note.textContent = 'Map not available offline';
    const caption = el('span', 'wx-map__caption', bar);
    const link = el('a', 'wx-map__open', bar);
    link.textContent = 'Open in maps';
    link.target = '_blank';
    link.rel = 'noopener';
    link.addEventListener('click', (e) => {
      e.stopPropagation();
      // Inside Telegram, links leave through Telegram's own opener.
      if (postEvent('web_app_open_link', { url: link.href })) e.preventDefault();
    });
    const s: MapState = { latitude: 0, longitude: 0, scale: 16, markers: [], polyline: [], circles: [], polygons: [], layer, caption, link, drawQueued: false };
    (host as any)[STATE] = s;
    host.setAttribute('role', 'img');
    // The map makes its own tap (with the coordinates under the pointer), so the page's tap
    // synthesis does not see its pointers.
    host.addEventListener('pointerdown', (e) => e.stopPropagation());
    host.addEventListener('pointerup', (e) => e.stopPropagation());
    host.addEventListener('click', (e) => {
      if (e.target !== host && e.target !== layer && !(e.target as Element).closest('.wx-map__shapes')) return;
      const r = host.getBoundingClientRect();
      const [cx, cy] = project(s, s.scale);
      dispatchWxEvent(host, 'tap', unproject(cx + e.clientX - r.left - r.width / 2, cy + e.clientY - r.top - r.height / 2, s.scale));
    });
    new ResizeObserver(() => draw(host, s)).observe(host);
    (host as any)[MEDIA] = {
      getCenterLocation: (o?: Callbacks) => reply('getCenterLocation', o, { latitude: s.latitude, longitude: s.longitude }),
      getScale: (o?: Callbacks) => reply('getScale', o, { scale: s.scale }),
      moveToLocation: (o?: Callbacks & Partial<Point>) => {
        if (o?.latitude != null && o.longitude != null) Object.assign(s, { latitude: Number(o.latitude), longitude: Number(o.longitude) });
        draw(host, s);
        reply('moveToLocation', o);
      },
      getRegion: (o?: Callbacks) => {
        const [cx, cy] = project(s, s.scale);
        const w = host.clientWidth / 2;
        const h = host.clientHeight / 2;
        reply('getRegion', o, { southwest: unproject(cx - w, cy + h, s.scale), northeast: unproject(cx + w, cy - h, s.scale) });
      },
      includePoints: (o?: Callbacks & { points?: Point[]; padding?: number[] }) => {
        include(host, s, o?.points ?? [], o?.padding?.[0] ?? 20);
        reply('includePoints', o);
      },
      translateMarker: (o?: Callbacks & { markerId?: number; destination?: Point; animationEnd?(): void }) => {
        const m = s.markers.find((x) => x.id === o?.markerId);
        if (m && o?.destination) Object.assign(m, { latitude: o.destination.latitude, longitude: o.destination.longitude });
        draw(host, s);
        reply('translateMarker', o);
        o?.animationEnd?.();
      },
    };
  },
  set(host, name, value) {
    const s = stateOf<MapState>(host, STATE);
    const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
    switch (name) {
      case 'latitude':
        s.latitude = num(value, 0);
        break;
      case 'longitude':
        s.longitude = num(value, 0);
        break;
      case 'scale':
        s.scale = Math.min(20, Math.max(3, num(value, 16)));
        break;
      case 'markers':
      case 'covers':
        s.markers = list<Marker>(value).map((m) => ({ ...m, latitude: Number(m.latitude), longitude: Number(m.longitude) }));
        break;
      case 'polyline':
        s.polyline = list(value);
        break;
      case 'circles':
        s.circles = list(value);
        break;
      case 'polygons':
        s.polygons = list(value);
        break;
      case 'include-points':
        requestAnimationFrame(() => include(host, s, list<Point>(value)));
        return true;
      default:
        // show-location, controls, layer-style, enable-*, setting…: nothing to show them with.
        return /^(min-scale|max-scale|controls|show-location|subkey|layer-style|rotate|skew|enable-.*|show-.*|setting)$/.test(name);
    }
    draw(host, s);
    return true;
  },
});
