/** A piece of an attribute value or text: literal text, or the source of one `{{ }}` binding. */
export type Part = { kind: 'text'; value: string; offset: number } | { kind: 'expr'; code: string; offset: number };

/**
 * Splits `a {{b}} c` into parts. `offset` is where `value` starts in the file. An unterminated
 * `{{` is reported by the parser already; here the rest is kept as text.
 */
export function splitInterpolation(value: string, offset: number): Part[] {
  const parts: Part[] = [];
  let pos = 0;
  while (pos < value.length) {
    const open = value.indexOf('{{', pos);
    if (open < 0) break;
    const close = value.indexOf('}}', open + 2);
    if (close < 0) break;
    if (open > pos) parts.push({ kind: 'text', value: value.slice(pos, open), offset: offset + pos });
    // `{{a}}}` (an object literal ending in `}`): WeChat takes the last of a run of braces.
    let end = close;
    while (value.charCodeAt(end + 2) === 125) end++;
    parts.push({ kind: 'expr', code: value.slice(open + 2, end), offset: offset + open + 2 });
    pos = end + 2;
  }
  if (pos < value.length) parts.push({ kind: 'text', value: value.slice(pos), offset: offset + pos });
  return parts;
}

export function hasInterpolation(value: string): boolean {
  const open = value.indexOf('{{');
  return open >= 0 && value.indexOf('}}', open + 2) >= 0;
}
