/**
 * `@tokenhub/cli`: the `tokenhub-image` command, also usable from code (`runCli`).
 * @packageDocumentation
 */
export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export type { CommandIO, GenerateFlags } from './generate.js';
export { MAX_LOCAL_IMAGE_BYTES, sniffImageType } from './image-input.js';
export { type BoxSpec, parseBox, parseParam } from './parse-values.js';
export { createProgram, runCli } from './program.js';
export { UsageError } from './usage-error.js';
