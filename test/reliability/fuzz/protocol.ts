/** Messages between the fuzz harness and its worker thread. */
export type Target = 'wxml' | 'expr' | 'wxss' | 'wxs' | 'json' | 'program';

export type FuzzJob =
  | { id: number; target: Exclude<Target, 'program'>; source: string }
  | { id: number; target: 'program'; program: string; file: string; source: string };

export interface FuzzResult {
  id: number;
  /** Time the compiler took on this input, in ms. */
  ms: number;
  /** Broken promises (an exception, a diagnostic without a location, invalid output…); empty when all held. */
  problems: string[];
  /** Diagnostic codes reported (for the figures: which errors the fuzzer reached). */
  codes: string[];
  /** Codes of program-level diagnostics that came without a line:column (a missing file, say). */
  unlocated?: string[];
}
