/**
 * The fuzz worker: runs one input through one compiler entry point and checks the result. It
 * runs in its own thread so that the harness can stop it when an input takes too long (a hang
 * in synchronous code cannot be interrupted from inside).
 *
 * Checks on every input: nothing is thrown; every diagnostic has a code of the catalog with its
 * severity, a file, a 1-based line:column inside the source and a code frame. On inputs without
 * errors: generated JavaScript parses as an ES module, generated CSS parses again.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import postcss from 'postcss';
import { compileWxml } from '../../../compiler/wxml/index.js';
import { compileExpression } from '../../../compiler/wxml/expression.js';
import { compileWxss, type StyleScope } from '../../../compiler/wxss/index.js';
import { compileWxsFile } from '../../../compiler/wxs/index.js';
import { parseJson } from '../../../compiler/json.js';
import { CompileError, type Diagnostic } from '../../../compiler/diagnostics.js';
import { ERRORS } from '../../../compiler/errors.js';
import { isBuiltinTag, TEMPLATE_ONLY_TAGS } from '../../../common/builtins.js';
import { isKnownAttribute } from '../../../common/builtinAttributes.js';
import type { FuzzJob, FuzzResult } from './protocol.js';
import { moduleSyntaxError } from './syntax.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const { work } = workerData as { work: string };
// Files a fuzzed stylesheet may @import (one of them imports itself: a cycle).
writeFileSync(path.join(work, 'a.wxss'), '.imported { width: 10rpx }\n@import "b.wxss";');
writeFileSync(path.join(work, 'b.wxss'), 'view { color: red }');
writeFileSync(path.join(work, 'cycle.wxss'), '@import "cycle.wxss";\n.c { top: 1rpx }');
writeFileSync(path.join(work, 'abs.wxss'), 'page { margin: 0 }');
writeFileSync(path.join(work, 'broken.wxss'), '.x { color: ');

/** Programs copied once; a job overwrites one file, compiles, and puts the file back. */
const programs = new Map<string, string>();
function programDir(name: string): string {
  let dir = programs.get(name);
  if (!dir) {
    dir = path.join(work, 'programs', name.replace(/\W/g, '_'));
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(path.join(REPO, name), dir, { recursive: true });
    programs.set(name, dir);
  }
  return dir;
}

function checkDiagnostics(diags: readonly Diagnostic[], problems: string[], sources: Record<string, string> | null): void {
  for (const d of diags) {
    const entry = (ERRORS as Record<string, { severity: string }>)[d.code];
    const id = `${d.code} "${String(d.message).slice(0, 80)}"`;
    if (!entry) {
      problems.push(`diagnostic with a code outside the catalog: ${id}`);
      continue;
    }
    if (entry.severity !== d.severity) problems.push(`${id}: severity ${d.severity}, catalog says ${entry.severity}`);
    if (!d.file) problems.push(`${id}: no file`);
    if (typeof d.message !== 'string' || !d.message) problems.push(`${id}: no message`);
    if (sources === null) continue; // program-level: a location is optional (e.g. a missing file)
    if (!d.start) {
      problems.push(`${id}: no line:column`);
      continue;
    }
    const src = sources[d.file];
    const { line, column, offset } = d.start;
    if (!(line >= 1 && column >= 1 && offset >= 0)) problems.push(`${id}: bad position ${line}:${column} @${offset}`);
    if (src !== undefined && offset > src.length) problems.push(`${id}: offset ${offset} past the end (${src.length})`);
    if (!d.frame) problems.push(`${id}: no code frame`);
  }
}

function checkModule(code: string, what: string, problems: string[]): void {
  const error = moduleSyntaxError(code);
  if (error) problems.push(`${what} is not valid JavaScript: ${error}`);
}

const WXML_SCOPE_TAGS = (tag: string): boolean => isBuiltinTag(tag) || TEMPLATE_ONLY_TAGS.includes(tag) || tag === 'my-comp';

function runWxml(source: string, problems: string[]): string[] {
  const file = 'pages/fuzz/fuzz.wxml';
  const sources: Record<string, string> = { [file]: source, 'pages/fuzz/inc.wxml': INCLUDED };
  const result = compileWxml(source, {
    file,
    resolve: (src, kind) => (src.includes('missing') ? null : `/virtual/${kind}/${src}`),
    // inc.wxml is a fixed file; self.wxml includes this very source again (a cycle, possibly branching).
    readInclude: (src) => (src === 'inc.wxml' ? { source: INCLUDED, file: 'pages/fuzz/inc.wxml' } : src === 'self.wxml' ? { source, file } : null),
    knownTag: WXML_SCOPE_TAGS,
    knownAttribute: isKnownAttribute,
  });
  checkDiagnostics(result.diagnostics, problems, sources);
  if (!result.diagnostics.some((d) => d.severity === 'error')) checkModule(result.code, 'template module', problems);
  return result.diagnostics.map((d) => d.code);
}
const INCLUDED = '<view class="inc">{{incText}}</view><template name="hidden"><text/></template>';

function runExpr(source: string, problems: string[]): string[] {
  const codes: string[] = [];
  for (const asObject of [false, true]) {
    const result = compileExpression(source, 0, { locals: new Set(['item', 'index']), wxs: new Set(['m', 'this']) }, (code, _args, offset, length) => {
      codes.push(code);
      if (!(code in ERRORS)) problems.push(`expression diagnostic outside the catalog: ${code}`);
      if (!(offset >= 0 && offset <= source.length)) problems.push(`${code}: offset ${offset} outside the expression (length ${source.length})`);
      if (!(length >= 0)) problems.push(`${code}: negative length`);
    }, asObject);
    if (result) {
      const error = moduleSyntaxError(`export default (d,s,w)=>(${result.code});`);
      if (error) problems.push(`compiled expression${asObject ? ' (object form)' : ''} is not valid JavaScript: ${error}: ${result.code.slice(0, 200)}`);
    }
  }
  return codes;
}

const SCOPES: StyleScope[] = [{ kind: 'app' }, { kind: 'page', route: 'pages/a"]{}/index' }, { kind: 'component', prefix: 'c1x' }];

function runWxss(source: string, problems: string[], variant: number): string[] {
  const file = path.join(work, 'fuzz.wxss');
  const sources: Record<string, string> = { [file]: source };
  for (const f of ['a.wxss', 'b.wxss', 'cycle.wxss', 'abs.wxss', 'broken.wxss']) sources[path.join(work, f)] = readFileSync(path.join(work, f), 'utf8');
  const result = compileWxss(source, file, work, SCOPES[variant % SCOPES.length]);
  // compileWxss may terminate `@import` lines first, so the located source is that text.
  checkDiagnostics(result.diagnostics, problems, null);
  for (const d of result.diagnostics) {
    if (!d.start || !d.frame) problems.push(`${d.code}: no line:column or code frame`);
  }
  if (!result.diagnostics.some((d) => d.severity === 'error')) {
    try {
      postcss.parse(result.css);
    } catch (e) {
      problems.push(`generated CSS does not parse: ${(e as Error).message}`);
    }
    if (/<\/style/i.test(result.css) && !/<\/style/i.test(source)) problems.push('generated CSS gained a </style>');
  }
  return result.diagnostics.map((d) => d.code);
}

function runWxs(source: string, problems: string[]): string[] {
  const file = 'utils/fuzz.wxs';
  const result = compileWxsFile(source, file, (spec) => (spec.includes('missing') ? null : `/virtual/${spec}`));
  checkDiagnostics(result.diagnostics, problems, { [file]: source });
  if (!result.diagnostics.some((d) => d.severity === 'error')) checkModule(result.code, 'wxs module', problems);
  // The same body inline in a template goes through the WXML path.
  const inline = compileWxml(`<wxs module="m">${source}</wxs><view>{{m.f0(1)}}</view>`, { file: 't.wxml', resolve: (s) => `/virtual/${s}`, readInclude: () => null });
  checkDiagnostics(inline.diagnostics, problems, { 't.wxml': `<wxs module="m">${source}</wxs><view>{{m.f0(1)}}</view>` });
  if (!inline.diagnostics.some((d) => d.severity === 'error')) checkModule(inline.code, 'template with inline wxs', problems);
  return result.diagnostics.map((d) => d.code);
}

function runJson(source: string, problems: string[]): string[] {
  const result = parseJson(source, 'app.json');
  if (!result.ok) {
    checkDiagnostics([result.diagnostic], problems, { 'app.json': source });
    return [result.diagnostic.code];
  }
  return [];
}

// The whole-program compile pulls in TypeScript (seconds to load): only when a program job comes.
let compileProgram: typeof import('../../../compiler/compile.js').compileProgram | null = null;
let checkProgram: typeof import('../../../compiler/check/index.js').checkProgram | null = null;
async function loadProgramCompiler(): Promise<void> {
  compileProgram ??= (await import('../../../compiler/compile.js')).compileProgram;
  checkProgram ??= (await import('../../../compiler/check/index.js')).checkProgram;
}

/** One file of a real sample replaced, then the whole front end run (project, wxml, wxs, wxss, scripts). */
function runProgram(job: Extract<FuzzJob, { target: 'program' }>, problems: string[], unlocated: string[]): string[] {
  const dir = programDir(job.program);
  const target = path.join(dir, job.file);
  const original = readFileSync(target, 'utf8');
  writeFileSync(target, job.source);
  try {
    let diags: Diagnostic[];
    let wxml: Map<string, string> | null = null;
    try {
      const out = compileProgram!(dir);
      diags = out.diagnostics;
      wxml = out.wxml;
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      diags = e.diagnostics;
    }
    checkDiagnostics(diags, problems, null);
    for (const d of diags) {
      if (d.start && !d.frame) problems.push(`${d.code}: a line:column without a code frame`);
      if (!d.start) unlocated.push(d.code);
    }
    if (wxml) {
      for (const [f, code] of wxml) checkModule(code, `template module ${path.relative(dir, f)}`, problems);
      // `wx2tg check` reads the same program again, with scanners of its own.
      try {
        checkProgram!(dir);
      } catch (e) {
        if (!(e instanceof CompileError)) problems.push(`wx2tg check threw ${(e as Error)?.name}: ${(e as Error)?.message}\n${((e as Error)?.stack ?? '').split('\n').slice(1, 5).join('\n')}`);
      }
    }
    return diags.map((d) => d.code);
  } finally {
    writeFileSync(target, original);
  }
}

function run(job: FuzzJob): FuzzResult {
  const problems: string[] = [];
  const t0 = performance.now();
  let codes: string[] = [];
  const unlocated: string[] = [];
  try {
    switch (job.target) {
      case 'wxml':
        codes = runWxml(job.source, problems);
        break;
      case 'expr':
        codes = runExpr(job.source, problems);
        break;
      case 'wxss':
        codes = runWxss(job.source, problems, job.id);
        break;
      case 'wxs':
        codes = runWxs(job.source, problems);
        break;
      case 'json':
        codes = runJson(job.source, problems);
        break;
      case 'program':
        codes = runProgram(job, problems, unlocated);
        break;
    }
  } catch (e) {
    const err = e as Error;
    problems.push(`threw ${err?.name ?? typeof e}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}`);
  }
  return { id: job.id, ms: performance.now() - t0, problems, codes, unlocated };
}

parentPort!.on('message', async (job: FuzzJob | { id: number; target: 'warm' }) => {
  if (job.target === 'warm' || job.target === 'program') await loadProgramCompiler();
  parentPort!.postMessage(job.target === 'warm' ? { id: job.id, ms: 0, problems: [], codes: [] } : run(job));
});
parentPort!.postMessage({ id: -2, ms: 0, problems: [], codes: [] }); // ready
