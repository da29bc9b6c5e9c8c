/**
 * wx2tg's compiler API (`import … from 'wx2tg'`): the phases the CLI runs, for build tools and
 * scripts. See docs/cli.md.
 */
export { compileProgram, compileWxmlFile, type CompiledProgram } from './compile.js';
export { buildProgram, type BuildOptions, type BuildResult } from './build.js';
export { startDevServer, type DevOptions } from './dev.js';
export { checkProgram, type CheckResult, type CheckReport, type CheckItem } from './check/index.js';
export { compileWxml, type WxmlCompileOptions, type WxmlCompileResult } from './wxml/index.js';
export { compileWxss } from './wxss/index.js';
export { compileWxsFile } from './wxs/index.js';
export { CompileError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { ERRORS, type ErrorCode } from './errors.js';
