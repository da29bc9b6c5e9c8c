import { ERRORS, formatMessage, type ErrorCode, type Severity } from './errors.js';

/** A position in a source file: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

export interface Diagnostic {
  code: ErrorCode;
  severity: Severity;
  message: string;
  /** Path as given to the compiler (absolute or relative to the program root). */
  file: string;
  start?: SourcePosition;
  end?: SourcePosition;
  /** A few lines of source with a caret under the span. */
  frame?: string;
}

export type DiagnosticSink = (d: Diagnostic) => void;

/**
 * Where each line of a source starts, computed once per source: a file with thousands of
 * problems (say a long file of unclosed tags) must not rescan the whole text for each one.
 */
class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The text of a 1-based line, without its line break. */
  text(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.source.length : next - 1; // before the \n
    if (end > start && this.source.charCodeAt(end - 1) === 13) end--; // and a \r before it
    return this.source.slice(start, end);
  }
}

let lastIndex: LineIndex | null = null;
function lineIndex(source: string): LineIndex {
  if (lastIndex?.source !== source) lastIndex = new LineIndex(source);
  return lastIndex;
}

/** Computes 1-based line and column for an offset. */
export function positionAt(source: string, offset: number): SourcePosition {
  const end = Math.max(0, Math.min(offset, source.length));
  const index = lineIndex(source);
  const line = index.lineOf(end);
  return { line, column: end - index.starts[line - 1]! + 1, offset: end };
}

/** Longest part of a source line a frame shows: minified or generated files have huge lines. */
const FRAME_WIDTH = 400;

/** A code frame: the offending line with two lines of context and a caret marker. */
export function codeFrame(source: string, start: SourcePosition, end?: SourcePosition): string {
  const index = lineIndex(source);
  const first = Math.max(1, start.line - 2);
  const last = Math.min(index.starts.length, start.line + 1);
  const width = String(last).length;
  // On a long line, show a window around the column (and the same window of its neighbours).
  const from = start.column - 1 > FRAME_WIDTH - 80 ? start.column - 1 - (FRAME_WIDTH >> 2) : 0;
  const clip = (text: string): string => {
    const cut = text.slice(from, from + FRAME_WIDTH);
    return (from > 0 ? '…' : '') + cut + (text.length > from + FRAME_WIDTH ? '…' : '');
  };
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = index.text(n);
    const mark = n === start.line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${clip(text)}`);
    if (n === start.line) {
      const spanEnd = end && end.line === start.line ? Math.max(end.column, start.column + 1) : start.column + 1;
      const pad = (from > 0 ? ' ' : '') + text.slice(from, start.column - 1).replace(/[^\t]/g, ' ');
      const carets = Math.max(1, Math.min(spanEnd - start.column, FRAME_WIDTH - (start.column - 1 - from)));
      out.push(`  ${' '.repeat(width)} | ${pad}${'^'.repeat(carets)}`);
    }
  }
  return out.join('\n');
}

/** Builds a diagnostic from a catalog code, locating it in `source` when an offset is given. */
export function makeDiagnostic(
  code: ErrorCode,
  args: readonly string[],
  file: string,
  source?: string,
  startOffset?: number,
  endOffset?: number,
): Diagnostic {
  const d: Diagnostic = { code, severity: ERRORS[code].severity, message: formatMessage(code, args), file };
  if (source !== undefined && startOffset !== undefined) {
    d.start = positionAt(source, startOffset);
    if (endOffset !== undefined) d.end = positionAt(source, endOffset);
    d.frame = codeFrame(source, d.start, d.end);
  }
  return d;
}

/** `file:line:column - error WX1234: message` followed by the frame. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.start ? `${d.file}:${d.start.line}:${d.start.column}` : d.file;
  const head = `${where} - ${d.severity} ${d.code}: ${d.message}`;
  return d.frame ? `${head}\n${d.frame}` : head;
}

/** Thrown when a build cannot go on; carries every diagnostic collected so far. */
export class CompileError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n\n'));
    this.name = 'CompileError';
    this.diagnostics = diagnostics;
  }
}
