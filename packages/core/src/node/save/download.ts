/**
 * Streams one image from its URL to a temporary file with undici: the body goes through a byte
 * counter straight into a hidden file in the target directory. Renaming it to its final name is the
 * batch's job (it waits until no other image of the call can claim the same name).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Dispatcher, request } from 'undici';
import { TokenHubDownloadError, TokenHubImageExpiredError } from '../../download-errors.js';
import { isRetryableStatus } from '../../shared/retryable-status.js';
import { toDownloadError } from './failure.js';
import {
  extensionFor,
  type FilenameInfo,
  filenameProblem,
  mediaType,
  temporaryFilename,
} from './filename.js';

/** What one download needs. */
export interface DownloadTask {
  index: number;
  url: string;
  requestId: string | undefined;
  expiresAt: Date | undefined;
  dir: string;
  filename: (info: FilenameInfo) => string;
  /** Reserves the final name for this image; throws a `duplicate-filename` error when it is taken. */
  claimName: (name: string) => void;
  /** Creates the directory once per call; rejects with the file system's error. */
  ensureDir: () => Promise<void>;
  maxBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
  dispatcher: Dispatcher | undefined;
  onBytes: (bytesWritten: number, totalBytes: number | undefined) => void;
}

/** One image, complete in its temporary file and waiting to be renamed to `name`. */
export interface DownloadedFile {
  /** Absolute path of the temporary file. */
  temporary: string;
  /** The final file name (no directory). */
  name: string;
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
      // The client's rule, so a download and a generation agree on what is worth another try.
      retryable: isRetryableStatus(status),
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

/** Calls the caller's `filename`, checks the name and reserves it for this image. */
function finalName(task: DownloadTask, contentType: string): string {
  let name: string;
  try {
    name = task.filename({
      index: task.index,
      url: task.url,
      requestId: task.requestId,
      contentType,
      extension: extensionFor(contentType),
    });
  } catch (error) {
    throw new TokenHubDownloadError(
      {
        index: task.index,
        url: task.url,
        reason: 'invalid-filename',
        message: `the filename option threw: ${error instanceof Error ? error.message : String(error)}`,
      },
      { cause: error },
    );
  }
  const problem = typeof name === 'string' ? filenameProblem(name) : 'is not a string';
  if (problem) {
    throw new TokenHubDownloadError({
      index: task.index,
      url: task.url,
      reason: 'invalid-filename',
      message: `the file name ${problem}`,
    });
  }
  task.claimName(name);
  return name;
}

/**
 * Downloads one image once (no retry) into a temporary file; removes it on any failure. Failures
 * come back classified by {@link toDownloadError}.
 */
export async function downloadImage(task: DownloadTask): Promise<DownloadedFile> {
  let response: Dispatcher.ResponseData;
  try {
    // The folder first: a disk problem is found before anything is downloaded.
    await task.ensureDir();
    response = await openResponse(task);
  } catch (error) {
    throw toDownloadError(task, error);
  }
  let contentType: string;
  let name: string;
  try {
    contentType = checkResponse(task, response);
    name = finalName(task, contentType);
  } catch (error) {
    discard(response);
    throw error;
  }

  const lengthHeader = Number(response.headers['content-length']);
  const totalBytes = Number.isFinite(lengthHeader) ? lengthHeader : undefined;
  const temporary = join(task.dir, temporaryFilename(randomUUID()));
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
    return { temporary, name, bytes, contentType };
  } catch (error) {
    discard(response);
    await unlink(temporary).catch(() => undefined);
    throw toDownloadError(task, error);
  }
}
