/**
 * Where each key of a JSON document stands: path ("window.navigationBarTitleText",
 * "tabBar.list.0.pagePath") → offset of the key's opening quote. The document is already known
 * to be valid JSON (the project loader parsed it); anything unexpected just ends the scan.
 */
export function jsonKeyOffsets(source: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = (): void => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(source.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const c = source[i];
    if (c === '{') {
      i++;
      ws();
      while (i < source.length && source[i] !== '}') {
        const at = i;
        const key = str();
        const keyPath = path ? `${path}.${key}` : key;
        if (!out.has(keyPath)) out.set(keyPath, at);
        ws();
        i++; // :
        value(keyPath);
        ws();
        if (source[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      for (let n = 0; i < source.length && source[i] !== ']'; n++) {
        const before = i;
        value(`${path}.${n}`);
        if (i === before) throw new Error('unexpected token');
        ws();
        if (source[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < source.length && !/[\s,}\]]/.test(source[i]!)) i++;
  };
  try {
    value('');
  } catch {
    /* keep what was found */
  }
  return out;
}
