import { makeDiagnostic, type Diagnostic } from './diagnostics.js';

export type JsonResult<T> = { ok: true; value: T } | { ok: false; diagnostic: Diagnostic };

/**
 * JSON.parse with a located diagnostic on failure. V8's messages carry either
 * "at position N" or "(line L column C)"; both are turned into an offset.
 */
export function parseJson<T = unknown>(source: string, file: string): JsonResult<T> {
  try {
    return { ok: true, value: JSON.parse(source) as T };
  } catch (e) {
    const msg = (e as Error).message;
    let offset = source.length;
    const pos = /at position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    if (pos) offset = Number(pos[1]);
    else if (lc) offset = offsetOf(source, Number(lc[1]), Number(lc[2]));
    const reason = msg.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return { ok: false, diagnostic: makeDiagnostic('WX1002', [reason], file, source, offset) };
  }
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', offset);
    if (nl < 0) return source.length;
    offset = nl + 1;
  }
  return offset + column - 1;
}
