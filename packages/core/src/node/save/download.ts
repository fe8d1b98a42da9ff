/**
 * Streams one image from its URL to a file with undici: the body goes through a byte counter
 * straight into a temporary file next to the target, which is renamed only once complete, so a
 * failure never leaves a half-written image under the final name.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Dispatcher, request } from 'undici';
import { TokenHubDownloadError, TokenHubImageExpiredError } from './errors.js';
import { extensionFor, type FilenameInfo, filenameProblem, mediaType } from './filename.js';

/** What one download needs. */
export interface DownloadTask {
  index: number;
  url: string;
  requestId: string | undefined;
  expiresAt: Date | undefined;
  dir: string;
  filename: (info: FilenameInfo) => string;
  maxBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
  dispatcher: Dispatcher | undefined;
  onBytes: (bytesWritten: number, totalBytes: number | undefined) => void;
}

/** One saved file. */
export interface DownloadedFile {
  path: string;
  bytes: number;
  contentType: string;
}

const maxRedirects = 5;
const expiredStatuses = new Set([403, 404, 410]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function checkUrl(task: DownloadTask, url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TokenHubDownloadError({
      index: task.index,
      url,
      reason: 'unsupported-url',
      message: 'the image URL is not a valid URL',
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TokenHubDownloadError({
      index: task.index,
      url,
      reason: 'unsupported-url',
      message: `only http(s) image URLs are downloaded, not ${parsed.protocol}`,
    });
  }
  return parsed;
}

/** Maps an undici/socket failure to a typed, retryable error (or passes an abort through). */
function networkError(task: DownloadTask, error: unknown): unknown {
  if (task.signal.aborted) return task.signal.reason ?? error;
  if (TokenHubDownloadError.isInstance(error) || TokenHubImageExpiredError.isInstance(error)) {
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TokenHubDownloadError(
      {
        index: task.index,
        url: task.url,
        reason: 'timeout',
        message: `no data for ${task.timeoutMs} ms`,
        retryable: true,
      },
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenHubDownloadError(
    {
      index: task.index,
      url: task.url,
      reason: 'connection',
      message: `the download failed: ${detail}`,
      retryable: true,
    },
    { cause: error },
  );
}

async function openResponse(task: DownloadTask): Promise<Dispatcher.ResponseData> {
  let url = checkUrl(task, task.url);
  for (let hop = 0; ; hop++) {
    const response = await request(url, {
      method: 'GET',
      signal: task.signal,
      headersTimeout: task.timeoutMs,
      bodyTimeout: task.timeoutMs,
      headers: { accept: 'image/*' },
      ...(task.dispatcher ? { dispatcher: task.dispatcher } : {}),
    });
    const location = response.headers.location;
    if (redirectStatuses.has(response.statusCode) && typeof location === 'string') {
      await response.body.dump();
      if (hop >= maxRedirects) {
        throw new TokenHubDownloadError({
          index: task.index,
          url: task.url,
          reason: 'too-many-redirects',
          message: `more than ${maxRedirects} redirects`,
        });
      }
      url = checkUrl(task, new URL(location, url).toString());
      continue;
    }
    return response;
  }
}

function checkResponse(task: DownloadTask, response: Dispatcher.ResponseData): string {
  const status = response.statusCode;
  if (expiredStatuses.has(status)) {
    throw new TokenHubImageExpiredError({
      index: task.index,
      url: task.url,
      status,
      expiresAt: task.expiresAt,
    });
  }
  if (status < 200 || status > 299) {
    throw new TokenHubDownloadError({
      index: task.index,
      url: task.url,
      reason: 'http-status',
      status,
      message: `the storage answered HTTP ${status}`,
      retryable: status === 408 || status === 429 || status >= 500,
    });
  }
  const header = response.headers['content-type'];
  const type = mediaType(Array.isArray(header) ? header[0] : header);
  if (!type.startsWith('image/')) {
    throw new TokenHubDownloadError({
      index: task.index,
      url: task.url,
      reason: 'not-an-image',
      status,
      message: `refusing a non-image response (content-type ${type || 'missing'})`,
    });
  }
  const length = Number(response.headers['content-length']);
  if (Number.isFinite(length) && length > task.maxBytes) {
    throw new TokenHubDownloadError({
      index: task.index,
      url: task.url,
      reason: 'too-large',
      status,
      message: `the image is ${length} bytes, over the ${task.maxBytes}-byte limit (maxBytes)`,
    });
  }
  return type;
}

/** Drops a response body we will not read; the error its destruction emits has nobody to tell. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}

/** Downloads one image once (no retry); cleans up its temporary file on any failure. */
export async function downloadImage(task: DownloadTask): Promise<DownloadedFile> {
  let response: Dispatcher.ResponseData;
  try {
    response = await openResponse(task);
  } catch (error) {
    throw networkError(task, error);
  }
  let contentType: string;
  let finalName: string;
  try {
    contentType = checkResponse(task, response);
    finalName = task.filename({
      index: task.index,
      url: task.url,
      requestId: task.requestId,
      contentType,
      extension: extensionFor(contentType),
    });
    const problem = filenameProblem(finalName);
    if (problem) {
      throw new TokenHubDownloadError({
        index: task.index,
        url: task.url,
        reason: 'invalid-filename',
        message: `the file name ${problem}`,
      });
    }
  } catch (error) {
    discard(response);
    throw error;
  }

  const lengthHeader = Number(response.headers['content-length']);
  const totalBytes = Number.isFinite(lengthHeader) ? lengthHeader : undefined;
  const temporary = join(task.dir, `.${finalName}.${randomUUID()}.part`);
  let bytes = 0;
  const { maxBytes, onBytes } = task;
  const count = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        throw new TokenHubDownloadError({
          index: task.index,
          url: task.url,
          reason: 'too-large',
          message: `the image is over the ${maxBytes}-byte limit (maxBytes)`,
        });
      }
      onBytes(bytes, totalBytes);
      yield chunk;
    }
  };
  try {
    await pipeline(response.body, count, createWriteStream(temporary, { flags: 'wx' }), {
      signal: task.signal,
    });
    if (totalBytes !== undefined && bytes !== totalBytes) {
      throw new TokenHubDownloadError({
        index: task.index,
        url: task.url,
        reason: 'connection',
        message: `the body ended after ${bytes} of ${totalBytes} bytes`,
        retryable: true,
      });
    }
    const path = join(task.dir, finalName);
    await rename(temporary, path);
    return { path, bytes, contentType };
  } catch (error) {
    discard(response);
    await unlink(temporary).catch(() => undefined);
    throw networkError(task, error);
  }
}
