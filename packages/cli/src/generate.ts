/** The `generate` command: one request, or a batch from `--prompts`. */
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_BASE_URL,
  type ImageGenerationResult,
  type ImageRequestBody,
  type ImageRequestBuilder,
  toCurl,
} from '@tokenhub/image-core';
import {
  createTokenHubClient,
  type SavedImage,
  saveImages,
  type TokenHubClient,
} from '@tokenhub/image-core/node';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { resolveApiKey } from './api-key.js';
import { classifyError } from './classify-error.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { createStatusLine, elapsed, formatBytes, type StatusLine } from './progress.js';
import { createRateLimiter } from './rate-limit.js';
import { buildRequest, flagForPath, type RequestFlags } from './request.js';
import { UsageError } from './usage-error.js';

/** Every flag of `generate`, as commander parses them. */
export interface GenerateFlags extends RequestFlags {
  prompts?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  dryRun?: boolean | undefined;
  curl?: boolean | undefined;
  baseUrl?: string | undefined;
  mock?: boolean | undefined;
  apiKeyFile?: string | undefined;
  concurrency: number;
  rpm?: number | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
}

/** Where the command writes. */
export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

interface Job {
  /** 1-based line of the prompts file, or 0 for a single `--prompt`. */
  line: number;
  prompt: string | undefined;
}

interface JobResult {
  job: Job;
  result?: ImageGenerationResult;
  saved?: SavedImage[];
  error?: { exitCode: ExitCode; message: string };
}

async function readPrompts(file: string): Promise<Job[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError('--prompts', `cannot read ${file}`);
  });
  const jobs = text
    .split(/\r?\n/)
    .map((prompt, index) => ({ line: index + 1, prompt: prompt.trim() }))
    .filter((job) => job.prompt !== '' && !job.prompt.startsWith('#'));
  if (jobs.length === 0)
    throw new UsageError('--prompts', `${file} holds no prompt (one per line)`);
  return jobs;
}

function printWarnings(request: ImageRequestBuilder, io: CommandIO, label: string): void {
  for (const warning of request.validate().warnings) {
    const flag = flagForPath(warning.path);
    io.stderr.write(
      `warning${label}: ${flag ? `${flag} (${warning.path})` : warning.path}: ${warning.message}\n`,
    );
  }
}

function resultJSON(outcome: JobResult): Record<string, unknown> {
  const { job, result, saved, error } = outcome;
  return {
    ...(job.line > 0 ? { line: job.line, prompt: job.prompt } : {}),
    ok: error === undefined,
    ...(result
      ? {
          requestId: result.requestId,
          images: result.images.map((image) => ({
            url: image.url,
            ...(image.expiresAt ? { expiresAt: image.expiresAt.toISOString() } : {}),
          })),
          usage: result.usage,
        }
      : {}),
    ...(saved
      ? { saved: saved.map(({ path, bytes, contentType }) => ({ path, bytes, contentType })) }
      : {}),
    ...(error ? { error } : {}),
  };
}

function printHuman(outcome: JobResult, io: CommandIO): void {
  const { job, result, saved, error } = outcome;
  const label = job.line > 0 ? `line ${job.line}: ` : '';
  if (error) io.stderr.write(`${label}error: ${error.message}\n`);
  if (!result) return;
  if (error && !saved) {
    io.stderr.write(`${label}the images were generated but not saved; their links:\n`);
  }
  const lines: string[] = [];
  if (saved) {
    for (const file of saved) lines.push(`${label}saved ${file.path} (${formatBytes(file.bytes)})`);
  } else {
    for (const image of result.images) lines.push(`${label}${image.url}`);
  }
  if (result.requestId) lines.push(`${label}request id ${result.requestId}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

async function runJob(
  job: Job,
  request: ImageRequestBuilder,
  client: TokenHubClient,
  flags: GenerateFlags,
  io: CommandIO,
  bytes: Map<number, number>,
): Promise<JobResult> {
  let result: ImageGenerationResult;
  try {
    result = await client.generateImages(request, { signal: io.signal });
  } catch (error) {
    return { job, error: classifyError(error) };
  }
  if (!flags.out) return { job, result };
  const prefix = job.line > 0 ? `line-${String(job.line).padStart(3, '0')}-` : '';
  try {
    const saved = await saveImages(result, {
      dir: flags.out,
      signal: io.signal,
      ...(prefix ? { filename: (info) => `${prefix}${info.index + 1}.${info.extension}` } : {}),
      onProgress: (progress) => bytes.set(job.line * 1000 + progress.index, progress.bytesWritten),
    });
    return { job, result, saved };
  } catch (error) {
    // The generation is paid for: keep its result, so its links are printed with the error.
    return { job, result, error: classifyError(error) };
  }
}

/** Printed by `--mock` without `--out`: its links point at a gateway that stops with the command. */
const mockLinksWarning =
  'warning: --mock without --out: the image links point at the mock gateway this command started and stop working when it exits; pass --out DIR to keep the images';

/**
 * Runs `generate`. Returns the exit code: for a batch, 0 when every line worked, otherwise the code
 * of the first failed line (in file order).
 */
export async function runGenerate(flags: GenerateFlags, io: CommandIO): Promise<ExitCode> {
  if (flags.prompt !== undefined && flags.prompts !== undefined) {
    throw new UsageError('--prompts', 'use either --prompt or --prompts, not both');
  }
  if (flags.mock && flags.baseUrl !== undefined) {
    throw new UsageError(
      '--base-url',
      'cannot be combined with --mock, which starts its own gateway on a free loopback port for this run only. ' +
        'To keep a mock gateway running, start `tokenhub-mock --port 4010` and pass --base-url http://127.0.0.1:4010 (with any TOKENHUB_API_KEY) instead of --mock',
    );
  }
  const jobs: Job[] = flags.prompts
    ? await readPrompts(flags.prompts)
    : [{ line: 0, prompt: flags.prompt }];
  const batch = flags.prompts !== undefined;

  // Build (and for a single request, validate) everything before any network call.
  const requests = new Map<Job, ImageRequestBuilder>();
  const invalid: JobResult[] = [];
  for (const job of jobs) {
    const request = await buildRequest(flags, job.prompt);
    try {
      request.build();
      requests.set(job, request);
      printWarnings(request, io, job.line > 0 ? ` (line ${job.line})` : '');
    } catch (error) {
      if (!batch) throw error;
      invalid.push({ job, error: classifyError(error) });
    }
  }

  if (flags.dryRun || flags.curl) {
    for (const outcome of invalid) printHuman(outcome, io);
    const baseURL = flags.baseUrl ?? io.env.TOKENHUB_BASE_URL ?? DEFAULT_BASE_URL;
    for (const request of requests.values()) {
      const body: ImageRequestBody = request.toBody();
      io.stdout.write(
        flags.curl
          ? `${toCurl(request, { baseURL })}\n`
          : `${JSON.stringify(body, null, batch ? 0 : 2)}\n`,
      );
    }
    return invalid[0]?.error?.exitCode ?? EXIT_CODES.ok;
  }

  const mock = flags.mock ? await startMockGateway({ port: 0, host: '127.0.0.1' }) : undefined;
  const status: StatusLine = createStatusLine(io.stderr);
  try {
    const client = createTokenHubClient({
      apiKey: mock ? 'mock' : await resolveApiKey(io.env, flags.apiKeyFile),
      baseURL: mock?.url ?? flags.baseUrl ?? io.env.TOKENHUB_BASE_URL,
      ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
      ...(flags.retries !== undefined ? { maxRetries: flags.retries } : {}),
    });
    if (mock && !flags.json)
      io.stderr.write(`using the mock gateway at ${mock.url} (nothing is billed)\n`);
    if (mock && !flags.out) io.stderr.write(`${mockLinksWarning}\n`);

    const started = Date.now();
    const bytes = new Map<number, number>();
    let done = invalid.length;
    const savedBytes = () => [...bytes.values()].reduce((sum, value) => sum + value, 0);
    const render = () => {
      const saving = bytes.size > 0 ? `, saved ${formatBytes(savedBytes())}` : '';
      return batch
        ? `${done}/${jobs.length} prompts done, ${elapsed(started)}${saving}`
        : `${bytes.size > 0 ? 'saving' : 'waiting for TokenHub'} ${elapsed(started)}${saving}`;
    };
    status.start(render);

    const limit = createRateLimiter(flags.rpm);
    const queue = [...requests.entries()];
    const outcomes: JobResult[] = [...invalid];
    const report = (outcome: JobResult) => {
      status.stop();
      if (flags.json)
        io.stdout.write(`${JSON.stringify(resultJSON(outcome), null, batch ? 0 : 2)}\n`);
      else printHuman(outcome, io);
      done++;
    };
    for (const outcome of invalid) report(outcome);
    done = invalid.length;
    if (queue.length > 0) status.start(render);
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const [job, request] = entry;
        await limit(io.signal);
        const outcome = await runJob(job, request, client, flags, io, bytes);
        outcomes.push(outcome);
        report(outcome);
        if (queue.length > 0) status.start(render);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(flags.concurrency, queue.length || 1) }, worker),
    );
    status.stop();

    const failed = outcomes
      .filter((outcome) => outcome.error)
      .sort((a, b) => a.job.line - b.job.line);
    if (batch) {
      const summary = `batch: ${jobs.length} prompts, ${jobs.length - failed.length} ok, ${failed.length} failed${
        failed.length > 0 ? ` (lines ${failed.map((outcome) => outcome.job.line).join(', ')})` : ''
      }, ${elapsed(started)}`;
      io.stderr.write(`${summary}\n`);
    }
    return failed[0]?.error?.exitCode ?? EXIT_CODES.ok;
  } finally {
    status.stop();
    await mock?.close();
  }
}
