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

/** Computes 1-based line and column for an offset. */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1, offset: end };
}

/** A code frame: the offending line with two lines of context and a caret marker. */
export function codeFrame(source: string, start: SourcePosition, end?: SourcePosition): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, start.line - 2);
  const last = Math.min(lines.length, start.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const mark = n === start.line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`);
    if (n === start.line) {
      const spanEnd = end && end.line === start.line ? Math.max(end.column, start.column + 1) : start.column + 1;
      const pad = text.slice(0, start.column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}${'^'.repeat(Math.max(1, spanEnd - start.column))}`);
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
