/**
 * Telling whose fault a failed download is: the network's (retried), the local disk's (never
 * retried: no second download makes a full disk empty) or an abort (passed through untouched).
 */
import { TokenHubDownloadError, TokenHubImageExpiredError } from '../../download-errors.js';

/**
 * Error codes the operating system gives for a file-system operation that a retry cannot fix:
 * permissions, a missing or non-directory folder, a full disk or quota, a name or path too long,
 * a read-only file system, too many open files, an I/O error.
 */
const fileSystemCodes = new Set([
  'EACCES',
  'EPERM',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'ENAMETOOLONG',
  'ELOOP',
  'EROFS',
  'EMFILE',
  'ENFILE',
  'EIO',
  'EBUSY',
  'EXDEV',
]);

/** System calls of sockets: an error of theirs is the network's, whatever its code. */
const socketSyscalls = new Set(['connect', 'getaddrinfo', 'read', 'listen', 'bind']);

/**
 * Whether `error` is a local file-system failure (Node's `{ code: 'ENOSPC', syscall: 'write' }`
 * shape), as opposed to a network one. Pure: looks only at `code` and `syscall`.
 */
export function isFileSystemError(error: unknown): error is Error & { code: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || !fileSystemCodes.has(code)) return false;
  return typeof syscall !== 'string' || !socketSyscalls.has(syscall);
}

/**
 * A `file-system` error (never retryable) for image `index`: the disk refused to create the folder
 * or to write or rename the file.
 */
export function fileSystemFailure(
  image: { index: number; url: string },
  error: unknown,
): TokenHubDownloadError {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenHubDownloadError(
    {
      ...image,
      reason: 'file-system',
      code: typeof code === 'string' ? code : undefined,
      // Node's message names the code, the operation and the local path (never the URL's signature).
      message: `could not write the file: ${detail}`,
      retryable: false,
    },
    { cause: error },
  );
}

/** What {@link toDownloadError} needs to know about the image and the attempt. */
export interface FailureContext {
  index: number;
  url: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Turns any failure of one download attempt into what `saveImages` reports: the abort reason when
 * the batch was aborted, a typed error unchanged, a `file-system` error (not retryable) for the
 * disk, a `timeout` or `connection` error (retryable) for everything else.
 */
export function toDownloadError(context: FailureContext, error: unknown): unknown {
  if (context.signal.aborted) return context.signal.reason ?? error;
  if (TokenHubDownloadError.isInstance(error) || TokenHubImageExpiredError.isInstance(error)) {
    return error;
  }
  const base = { index: context.index, url: context.url };
  if (isFileSystemError(error)) return fileSystemFailure(base, error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TokenHubDownloadError(
      {
        ...base,
        reason: 'timeout',
        message: `no data for ${context.timeoutMs} ms`,
        retryable: true,
      },
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenHubDownloadError(
    { ...base, reason: 'connection', message: `the download failed: ${detail}`, retryable: true },
    { cause: error },
  );
}
