import type { WxmlAttribute, WxmlDocument, WxmlElement, WxmlNode } from './ast.js';
import type { ErrorCode } from '../errors.js';

export type ParseErrorReporter = (code: ErrorCode, args: string[], start: number, end?: number) => void;

/**
 * Tags that never have children. WeChat accepts them unclosed (`<input>`, `<image src="">`), so a
 * later `</input>` is simply dropped rather than reported.
 */
const VOID_TAGS = new Set(['import', 'include', 'input', 'image', 'icon', 'progress', 'br', 'img', 'cover-image']);
/** Tags whose content is raw text, not markup. */
const RAW_TAGS = new Set(['wxs']);

/**
 * How deep elements may nest. Everything that walks the tree (generation, `check`, the runtime
 * renderer) recurses per level; past this depth the content is left out with WX2017 rather than
 * overflowing the stack. Real templates stay far below it.
 */
export const MAX_NESTING = 128;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
const isTagStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/**
 * A tolerant WXML parser. It never throws: problems are reported through `report` and parsing
 * recovers (unclosed tags are closed at their parent's end; stray `<` is text; a closing tag
 * with no opener is dropped). `{{ }}` spans are opaque, so `<` and quotes inside them are fine.
 */
export function parseWxml(source: string, report: ParseErrorReporter): WxmlDocument {
  const root: WxmlElement = { type: 'element', tag: '#root', attrs: [], children: [], start: 0, end: source.length };
  const stack: WxmlElement[] = [root];
  // How many elements of each tag are open: a closing tag nothing matches is known at once,
  // without scanning the whole stack (thousands of stray closing tags stay linear).
  const openCount = new Map<string, number>();
  const popped = (el: WxmlElement): void => void openCount.set(el.tag, openCount.get(el.tag)! - 1);
  let tooDeep = false;
  let pos = 0;
  let textStart = 0;
  const len = source.length;

  const flushText = (end: number): void => {
    if (end > textStart) {
      const parent = stack[stack.length - 1]!;
      parent.children.push({ type: 'text', value: source.slice(textStart, end), start: textStart, end });
    }
  };

  while (pos < len) {
    const c = source.charCodeAt(pos);
    if (c === 123 /* { */ && source.charCodeAt(pos + 1) === 123) {
      // Skip over a binding in text so that `<` inside it is not a tag.
      const close = source.indexOf('}}', pos + 2);
      if (close < 0) {
        report('WX2003', [], pos, pos + 2);
        pos = len;
        break;
      }
      pos = close + 2;
      continue;
    }
    if (c !== 60 /* < */) {
      pos++;
      continue;
    }
    const next = source.charCodeAt(pos + 1);
    if (source.startsWith('<!--', pos)) {
      flushText(pos);
      const close = source.indexOf('-->', pos + 4);
      if (close < 0) {
        report('WX2007', [], pos, pos + 4);
        pos = len;
      } else pos = close + 3;
      textStart = pos;
      continue;
    }
    if (next === 47 /* / */ && isTagStart(source.charCodeAt(pos + 2))) {
      flushText(pos);
      pos = parseClosingTag(pos);
      textStart = pos;
      continue;
    }
    if (isTagStart(next)) {
      flushText(pos);
      pos = parseOpeningTag(pos);
      textStart = pos;
      continue;
    }
    // A stray `<` (e.g. `a < b` in text): WeChat keeps it as text.
    pos++;
  }
  flushText(len);
  for (let i = stack.length - 1; i > 0; i--) {
    const el = stack[i]!;
    report('WX2001', [el.tag], el.start, el.start + el.tag.length + 1);
    el.end = len;
  }
  return { children: root.children };

  function parseClosingTag(start: number): number {
    let p = start + 2;
    const nameStart = p;
    while (p < len && !isSpace(source.charCodeAt(p)) && source[p] !== '>') p++;
    const tag = source.slice(nameStart, p).toLowerCase();
    const gt = source.indexOf('>', p);
    const end = gt < 0 ? len : gt + 1;
    if (VOID_TAGS.has(tag)) return end;
    if (!openCount.get(tag)) {
      report('WX2002', [tag], start, end);
      return end;
    }
    let i = stack.length - 1;
    while (i > 0 && stack[i]!.tag !== tag) i--;
    while (stack.length - 1 > i) {
      const el = stack.pop()!;
      popped(el);
      report('WX2001', [el.tag], el.start, el.start + el.tag.length + 1);
      el.end = start;
    }
    const el = stack.pop()!;
    popped(el);
    el.end = end;
    return end;
  }

  function parseOpeningTag(start: number): number {
    let p = start + 1;
    const nameStart = p;
    while (p < len) {
      const ch = source.charCodeAt(p);
      if (isSpace(ch) || ch === 62 /* > */ || (ch === 47 && source.charCodeAt(p + 1) === 62)) break;
      p++;
    }
    const tag = source.slice(nameStart, p).toLowerCase();
    const el: WxmlElement = { type: 'element', tag, attrs: [], children: [], start, end: start };
    let selfClosing = false;
    // Attributes.
    for (;;) {
      while (p < len && isSpace(source.charCodeAt(p))) p++;
      if (p >= len) {
        report('WX2001', [tag], start, start + tag.length + 1);
        break;
      }
      if (source.charCodeAt(p) === 62) {
        p++;
        break;
      }
      if (source.charCodeAt(p) === 47 && source.charCodeAt(p + 1) === 62) {
        selfClosing = true;
        p += 2;
        break;
      }
      const attr = parseAttribute(p);
      if (!attr) {
        report('WX2008', [], p, p + 1);
        p++;
        continue;
      }
      el.attrs.push(attr);
      p = attr.end;
    }
    el.end = p;
    // Too deep: parsed (so that closing tags still match) but kept out of the tree.
    if (stack.length <= MAX_NESTING) stack[stack.length - 1]!.children.push(el);
    else if (!tooDeep) {
      tooDeep = true;
      report('WX2017', [String(MAX_NESTING)], start, start + tag.length + 1);
    }
    if (selfClosing || VOID_TAGS.has(tag)) return p;
    if (RAW_TAGS.has(tag)) {
      // Case-insensitive search from here on (lowercasing the file per tag was quadratic, and
      // toLowerCase can change the length of the text before it, e.g. for 'İ').
      const closeRe = new RegExp(`</${tag}`, 'gi');
      closeRe.lastIndex = p;
      const close = closeRe.exec(source)?.index ?? -1;
      if (close < 0) {
        report('WX2001', [tag], start, start + tag.length + 1);
        el.raw = source.slice(p);
        el.rawStart = p;
        el.end = len;
        return len;
      }
      el.raw = source.slice(p, close);
      el.rawStart = p;
      const gt = source.indexOf('>', close);
      el.end = gt < 0 ? len : gt + 1;
      return el.end;
    }
    stack.push(el);
    openCount.set(tag, (openCount.get(tag) ?? 0) + 1);
    return p;
  }

  function parseAttribute(start: number): WxmlAttribute | null {
    let p = start;
    while (p < len) {
      const ch = source.charCodeAt(p);
      if (isSpace(ch) || ch === 61 /* = */ || ch === 62 || ch === 34 || ch === 39) break;
      if (ch === 47 && source.charCodeAt(p + 1) === 62) break;
      p++;
    }
    if (p === start) return null;
    const name = source.slice(start, p);
    let q = p;
    while (q < len && isSpace(source.charCodeAt(q))) q++;
    if (source.charCodeAt(q) !== 61) {
      return { name, value: null, start, end: p, valueStart: p };
    }
    q++;
    while (q < len && isSpace(source.charCodeAt(q))) q++;
    const quote = source.charCodeAt(q);
    if (quote === 34 || quote === 39) {
      const valueStart = q + 1;
      let r = valueStart;
      let inBinding = false;
      // Where the open binding closes (-1: never). Looked up once per binding, not per character,
      // so that an unterminated `{{` followed by many quotes stays linear.
      let bindingClose = -1;
      while (r < len) {
        if (!inBinding && source.startsWith('{{', r)) {
          inBinding = true;
          bindingClose = source.indexOf('}}', r + 2);
          r += 2;
          continue;
        }
        if (inBinding && source.startsWith('}}', r)) {
          inBinding = false;
          r += 2;
          continue;
        }
        // Inside {{ }} the attribute's own quote may appear in string literals.
        if (source.charCodeAt(r) === quote && !(inBinding && bindingClose >= 0)) break;
        r++;
      }
      return { name, value: source.slice(valueStart, r), start, end: Math.min(len, r + 1), valueStart };
    }
    // Unquoted value: up to whitespace or the end of the tag (but `{{ }}` may hold spaces).
    const valueStart = q;
    let r = q;
    while (r < len) {
      if (source.startsWith('{{', r)) {
        const close = source.indexOf('}}', r + 2);
        r = close < 0 ? len : close + 2;
        continue;
      }
      const ch = source.charCodeAt(r);
      if (isSpace(ch) || ch === 62 || (ch === 47 && source.charCodeAt(r + 1) === 62)) break;
      r++;
    }
    return { name, value: source.slice(valueStart, r), start, end: r, valueStart };
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  copy: '\u00a9', reg: '\u00ae', times: '\u00d7', divide: '\u00f7', middot: '\u00b7', hellip: '\u2026',
  mdash: '\u2014', ndash: '\u2013', yen: '\u00a5',
};

/** Decodes XML/HTML character references in text outside bindings. Unknown ones are kept. */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[body] ?? m;
  });
}
