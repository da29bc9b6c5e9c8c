/**
 * rich-text: `nodes` as an HTML string or as WeChat's node array ({name, attrs, children} element
 * nodes and {type: 'text', text} text nodes). Only WeChat's trusted tags and attributes survive:
 * an untrusted tag is dropped with everything inside it, `class` and `style` are allowed on every
 * tag, `id`, event handlers and every other attribute are not, and <img> shows network pictures
 * only. `space` keeps runs of spaces (ensp / emsp / nbsp); `user-select` makes the text selectable.
 *
 * Strings are parsed by DOMParser into an inert document (nothing runs, nothing loads) and the
 * result is rebuilt element by element with createElement / setAttribute / createTextNode; no
 * markup is ever written into the page.
 */
import { ownerOf } from '../render/attrs.js';
import { defineBuiltin } from './registry.js';
import { flag } from './util.js';

/** WeChat's trusted tags → the attributes each may keep besides class and style. */
const TRUSTED: Record<string, string[]> = {};
for (const tag of 'a abbr address article aside b bdi big blockquote br caption center cite code dd del div dl dt em fieldset font footer h1 h2 h3 h4 h5 h6 header hr i ins label legend li mark nav p pre q rt ruby s section small span strong sub sup tbody tfoot thead tt u ul'.split(' ')) TRUSTED[tag] = [];
TRUSTED.bdo = ['dir'];
TRUSTED.col = TRUSTED.colgroup = ['span', 'width'];
TRUSTED.img = ['alt', 'src', 'height', 'width'];
TRUSTED.ol = ['start', 'type'];
TRUSTED.table = ['width'];
TRUSTED.td = TRUSTED.th = TRUSTED.tr = ['colspan', 'height', 'rowspan', 'width'];

const SPACE: Record<string, string> = { ensp: '\u2002', emsp: '\u2003', nbsp: '\u00a0' };

interface RichState {
  nodes: unknown;
  space: string;
}

const STATE = Symbol('wx2tg.richText');

interface NodeSpec {
  type?: string;
  name?: string;
  attrs?: Record<string, unknown>;
  children?: NodeSpec[];
  text?: string;
  /** Text that came out of the HTML parser: its entities are decoded already. */
  decoded?: boolean;
}

/** A style value without anything that could reach script or old IE expressions. */
function safeStyle(style: string): string {
  const probe = style.replace(/\/\*[\s\S]*?\*\/|\\|\s+/g, '');
  return /javascript:|vbscript:|expression\(|behavior:|-moz-binding/i.test(probe) ? '' : style;
}

/** Network pictures only, as WeChat (no javascript:, data: or local paths). */
function safeSrc(src: string): string | null {
  return /^https?:\/\//i.test(src.trim()) ? src.trim() : null;
}

const entities = new Map<string, string>();
/** Decodes HTML entities in a text node's text (the text itself stays text). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (entity) => {
    let out = entities.get(entity);
    if (out === undefined) {
      // Only `&name;` reaches the parser: no markup can.
      out = new DOMParser().parseFromString(`<!doctype html><body>${entity}`, 'text/html').body.textContent ?? entity;
      entities.set(entity, out);
    }
    return out;
  });
}

function build(spec: NodeSpec, out: Node, ctx: { mapClass: (c: string) => string; space: string }): void {
  if (!spec || typeof spec !== 'object') return;
  if (spec.type === 'text') {
    let text = spec.decoded ? String(spec.text ?? '') : decodeEntities(String(spec.text ?? ''));
    if (ctx.space) text = text.replace(/ /g, ctx.space);
    out.appendChild(document.createTextNode(text));
    return;
  }
  if (spec.type !== undefined && spec.type !== 'node') return;
  const name = String(spec.name ?? '').toLowerCase();
  const allowed = Object.prototype.hasOwnProperty.call(TRUSTED, name) ? TRUSTED[name]! : null;
  // An untrusted node goes with all its children.
  if (!allowed) return;
  const el = document.createElement(name);
  const attrs = spec.attrs && typeof spec.attrs === 'object' ? spec.attrs : {};
  for (const key of Object.keys(attrs)) {
    const attr = key.toLowerCase();
    const value = String(attrs[key] ?? '');
    if (attr === 'class') el.className = ctx.mapClass(value);
    else if (attr === 'style') {
      const style = safeStyle(value);
      if (style) el.setAttribute('style', style);
    } else if (allowed.includes(attr)) {
      if (attr === 'src') {
        const src = safeSrc(value);
        if (src) el.setAttribute('src', src);
      } else el.setAttribute(attr, value);
    }
  }
  if (Array.isArray(spec.children)) for (const child of spec.children) build(child, el, ctx);
  out.appendChild(el);
}

/** An HTML string → the node array it stands for (parsed in an inert document). */
function parseHtml(html: string): NodeSpec[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const convert = (n: Node): NodeSpec | null => {
    if (n.nodeType === Node.TEXT_NODE) return { type: 'text', text: n.textContent ?? '', decoded: true };
    if (n.nodeType !== Node.ELEMENT_NODE) return null;
    const e = n as Element;
    const attrs: Record<string, string> = {};
    for (const a of e.attributes) attrs[a.name] = a.value;
    return { name: e.tagName.toLowerCase(), attrs, children: [...e.childNodes].map(convert).filter((c): c is NodeSpec => c !== null) };
  };
  return [...doc.body.childNodes].map(convert).filter((c): c is NodeSpec => c !== null);
}

function render(el: HTMLElement, s: RichState): void {
  const owner = ownerOf(el) as { __mapClass?(c: string): string } | undefined;
  const ctx = {
    mapClass: (c: string) => (owner?.__mapClass ? owner.__mapClass(c) : c),
    space: SPACE[s.space] ?? '',
  };
  const list: NodeSpec[] = typeof s.nodes === 'string' ? parseHtml(s.nodes) : Array.isArray(s.nodes) ? (s.nodes as NodeSpec[]) : s.nodes && typeof s.nodes === 'object' ? [s.nodes as NodeSpec] : [];
  const frag = document.createDocumentFragment();
  for (const spec of list) build(spec, frag, ctx);
  el.replaceChildren(frag);
}

defineBuiltin('rich-text', {
  create(el) {
    (el as any)[STATE] = { nodes: [], space: '' } satisfies RichState;
  },
  set(el, name, value) {
    const s = (el as any)[STATE] as RichState;
    switch (name) {
      case 'nodes':
        s.nodes = value;
        render(el, s);
        return true;
      case 'space':
        s.space = String(value ?? '');
        render(el, s);
        return true;
      case 'user-select':
        el.toggleAttribute('user-select', flag(value));
        return true;
      case 'mode':
        return true;
    }
    return false;
  },
});
