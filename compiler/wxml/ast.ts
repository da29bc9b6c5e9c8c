/** The WXML syntax tree. Offsets are 0-based into the file's source. */
export interface WxmlAttribute {
  name: string;
  /** Raw value (entities not yet decoded), or null for a bare attribute (`<input disabled>`). */
  value: string | null;
  start: number;
  end: number;
  /** Offset of the first character of the value (inside the quotes). */
  valueStart: number;
}

export interface WxmlElement {
  type: 'element';
  tag: string;
  attrs: WxmlAttribute[];
  children: WxmlNode[];
  start: number;
  end: number;
  /** For <wxs> without src: the raw script body. */
  raw?: string;
  rawStart?: number;
}

export interface WxmlText {
  type: 'text';
  /** Raw text (entities not yet decoded). */
  value: string;
  start: number;
  end: number;
}

export type WxmlNode = WxmlElement | WxmlText;

export interface WxmlDocument {
  children: WxmlNode[];
}

export function getAttr(el: WxmlElement, name: string): WxmlAttribute | undefined {
  return el.attrs.find((a) => a.name === name);
}
