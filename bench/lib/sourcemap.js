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

export function bytesBySource(code, map) {
  const lines = code.split('\n');
  const counts = new Map();
  const add = (k, n) => counts.set(k, (counts.get(k) ?? 0) + n);
  let src = 0;
  const mapLines = map.mappings.split(';');
  mapLines.forEach((line, li) => {
    const text = lines[li] ?? '';
    const segs = line ? line.split(',').map(decodeSegment) : [];
    let col = 0;
    let mapped = 0;
    const starts = [];
    for (const s of segs) {
      col += s[0];
      if (s.length >= 4) src += s[1];
      starts.push([col, s.length >= 4 ? src : -1]);
    }
    for (let i = 0; i < starts.length; i++) {
      const [from, source] = starts[i];
      const to = i + 1 < starts.length ? starts[i + 1][0] : text.length;
      const n = Math.max(0, to - from);
      mapped += n;
      add(source >= 0 ? map.sources[source] : '(unmapped)', n);
    }
    // The rest of the line, and its newline, belong to no module.
    add('(unmapped)', Math.max(0, text.length + (li < lines.length - 1 ? 1 : 0) - mapped));
  });
  return counts;
}
