/**
 * Bytes of a built chunk per source module, read from its source map: each mapped segment of
 * the generated code counts toward the source file it came from (unmapped bytes go to
 * '(unmapped)'). Minified bytes, not gzip: gzip does not split by module.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** One mappings segment ("AAAA") → its numbers (base64 VLQ). */
function decodeSegment(seg) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of seg) {
    const d = DIGIT.get(c);
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * The generated code cut into runs of one source each: [text, source] pairs in order, source
 * '(unmapped)' for bytes no segment maps (text before a line's first segment, newlines).
 */
export function runsBySource(code, map) {
  const lines = code.split('\n');
  const runs = [];
  let src = 0;
  const mapLines = map.mappings.split(';');
  lines.forEach((text, li) => {
    const line = mapLines[li] ?? '';
    const segs = line ? line.split(',').map(decodeSegment) : [];
    let col = 0;
    const starts = [];
    for (const s of segs) {
      col += s[0];
      if (s.length >= 4) src += s[1];
      starts.push([col, s.length >= 4 ? src : -1]);
    }
    const first = starts.length ? Math.min(starts[0][0], text.length) : text.length;
    if (first > 0) runs.push([text.slice(0, first), '(unmapped)']);
    for (let i = 0; i < starts.length; i++) {
      const [from, source] = starts[i];
      const to = i + 1 < starts.length ? starts[i + 1][0] : text.length;
      if (to > from) runs.push([text.slice(from, to), source >= 0 ? map.sources[source] : '(unmapped)']);
    }
    if (li < lines.length - 1) runs.push(['\n', '(unmapped)']);
  });
  return runs;
}

export function bytesBySource(code, map) {
  const counts = new Map();
  for (const [text, source] of runsBySource(code, map)) counts.set(source, (counts.get(source) ?? 0) + Buffer.byteLength(text));
  return counts;
}

/**
 * The generated code without the bytes that the sources matching `drop` produced: what the chunk
 * would be if those modules' code were not in it (references to them from other modules stay).
 */
export function withoutSources(code, map, drop) {
  return runsBySource(code, map)
    .filter(([, source]) => !drop(source))
    .map(([text]) => text)
    .join('');
}
