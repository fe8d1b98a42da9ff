/** The commander program of `tokenhub-image`. */
import { DEFAULT_BASE_URL, MAX_SEED } from '@tokenhub/image-core';
import { Command, CommanderError, Option } from 'commander';
import { classifyError } from './classify-error.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { type CommandIO, type GenerateFlags, runGenerate } from './generate.js';
import {
  collect,
  integerIn,
  parseBaseURL,
  parseBox,
  parseParam,
  positiveNumber,
} from './parse-values.js';

/** Builds the program; `onExit` receives the exit code of the command that ran. */
export function createProgram(io: CommandIO, onExit: (code: ExitCode) => void): Command {
  const program = new Command('tokenhub-image')
    .description('Generate images with TokenHub from a terminal.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('generate')
    .description(
      'Generate images. The API key comes from TOKENHUB_API_KEY or --api-key-file, never from a flag value.',
    )
    .option('-m, --model <name>', 'model, bare or provider/model', 'wan2.7-image-pro')
    .option('-p, --prompt <text>', 'the prompt')
    .option(
      '--image <url|path>',
      'input image: http(s) URL, data URI or local JPEG/PNG/BMP/WEBP file (repeatable; order = image 1, 2, ...)',
      collect(String),
    )
    .option(
      '--box <image:x1,y1,x2,y2>',
      'a box on input image IMAGE (1-based), original pixels (repeatable)',
      collect(parseBox),
    )
    .option('--size <size>', 'a tier (1K, 2K, 4K) or W*H such as 1280*1280')
    .option('--n <count>', 'number of images', integerIn(1, 100))
    .option('--seed <int>', `seed, 0..${MAX_SEED}`, integerIn(0, MAX_SEED))
    .option('--negative <text>', 'negative prompt (what to keep out)')
    .option('--sequential', 'group generation: one coherent set of up to --n images')
    .option('--thinking', 'enable thinking mode (text-to-image)')
    .option('--no-thinking', 'disable thinking mode')
    .option('--watermark', 'add a watermark')
    .option('--no-watermark', 'no watermark')
    .option('--prompt-extend', 'let the model rewrite the prompt')
    .option('--no-prompt-extend', 'keep the prompt as written')
    .option(
      '--param <key=json>',
      'any other parameter as JSON, e.g. color_palette=[...] (repeatable)',
      collect(parseParam),
    )
    .option('-o, --out <dir>', 'save the images into DIR (streamed, before the links expire)')
    .option('--json', 'print the result as JSON (one object per line in batch mode)')
    .option('--dry-run', 'print the request body and send nothing')
    .option('--curl', 'print the equivalent curl command and send nothing (implies --dry-run)')
    .option(
      '--base-url <url>',
      `gateway origin (default TOKENHUB_BASE_URL or ${DEFAULT_BASE_URL})`,
      parseBaseURL,
    )
    .option(
      '--mock',
      'start a local mock gateway for this run (no key, nothing billed; its links stop working when the command exits, so add --out; not with --base-url)',
    )
    .option('--api-key-file <file>', 'read the API key from FILE instead of TOKENHUB_API_KEY')
    .option('--prompts <file>', 'batch: one prompt per line (blank lines and # comments skipped)')
    .addOption(
      new Option('--concurrency <n>', 'batch: requests in flight at once')
        .default(2)
        .argParser(integerIn(1, 32)),
    )
    .option('--rpm <n>', 'batch: at most N requests started per minute', integerIn(1, 100_000))
    .option('--timeout <seconds>', 'per-attempt timeout in seconds (default 300)', positiveNumber)
    .option('--retries <n>', 'retries on 429/5xx/connection failures (default 2)', integerIn(0, 10))
    .action(async (flags: GenerateFlags) => {
      onExit(await runGenerate(flags, io));
    });

  return program;
}

/**
 * Runs the CLI with `argv` (as `process.argv`) and resolves to the exit code. Bad flags exit 2
 * with commander's message, which names the flag.
 */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT_CODES.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) || error.exitCode === 0
        ? EXIT_CODES.ok
        : EXIT_CODES.badInput;
    }
    const { exitCode: code, message } = classifyError(error);
    io.stderr.write(`error: ${message}\n`);
    return code;
  }
}
