/**
 * The `tokenhub-mock` command without process wiring: parses flags, starts the gateway and
 * prints where it listens. Kept separate from cli.ts so tests can run it in-process.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startMockGateway } from './server.js';
import type { MockGateway, MockGatewayOptions } from './types.js';

/** Usage text of `tokenhub-mock --help`. */
export const CLI_USAGE = `Usage: tokenhub-mock [options]

Runs a mock TokenHub image gateway (POST /v1/images/generations) on loopback.

Options:
  --port <n>              port to listen on (default 0: a free port)
  --host <address>        interface to bind (default 127.0.0.1)
  --api-key-file <path>   require "Authorization: Bearer <key>" with the key in this file
  --latency <ms>          delay before answering a generation (default 0)
  --image-ttl <ms>        lifetime of image links (default 86400000, 24 h)
  --max-image-side <px>   longest side of returned PNGs (default 512)
  --verbose               log one line per request to stderr
  -h, --help              show this help
`;

/** How many requests the CLI's gateway keeps for `GET /__mock/requests`. */
export const cliRecordedRequests = 1000;

/** A started CLI run. */
export interface CliRun {
  /** The running gateway. */
  gateway: MockGateway;
  /** The line printed on start. */
  banner: string;
}

/** Where the CLI writes. */
export interface CliIo {
  /** Standard output. */
  out: (text: string) => void;
  /** Standard error. */
  err: (text: string) => void;
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new Error(`--${name} must be a number >= 0, got ${JSON.stringify(value)}`);
  }
  return number;
}

/**
 * Runs the command. Resolves with the running gateway, or `undefined` after `--help`.
 * @throws Error naming the flag for a bad flag value or an unreadable key file.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
): Promise<CliRun | undefined> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key-file': { type: 'string' },
      latency: { type: 'string' },
      'image-ttl': { type: 'string' },
      'max-image-side': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(CLI_USAGE);
    return undefined;
  }
  const options: MockGatewayOptions = {
    port: numberFlag('port', values.port),
    host: values.host,
    latencyMs: numberFlag('latency', values.latency),
    imageTtlMs: numberFlag('image-ttl', values['image-ttl']),
    maxImageSide: numberFlag('max-image-side', values['max-image-side']),
    // A server that runs for a whole demo session keeps only recent requests (bodies can be MBs).
    maxRecordedRequests: cliRecordedRequests,
  };
  const keyFile = values['api-key-file'];
  if (keyFile !== undefined) {
    let key: string;
    try {
      key = (await readFile(keyFile, 'utf8')).trim();
    } catch (error) {
      throw new Error(
        `--api-key-file: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (key === '') throw new Error(`--api-key-file: ${keyFile} is empty`);
    options.apiKey = key;
  }
  if (values.verbose) options.logger = (line) => io.err(`${line}\n`);
  const gateway = await startMockGateway(options);
  const banner = `TokenHub mock gateway listening on ${gateway.url}`;
  io.out(`${banner}\n`);
  return { gateway, banner };
}
