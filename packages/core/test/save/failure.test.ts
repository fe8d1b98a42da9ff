import { describe, expect, it } from 'vitest';
import { TokenHubDownloadError } from '../../src/download-errors.js';
import { isFileSystemError, toDownloadError } from '../../src/node/save/failure.js';

/** An error shaped like the ones Node's fs and net modules throw. */
function systemError(code: string, syscall: string, path?: string): Error {
  const where = path ? ` '${path}'` : '';
  return Object.assign(new Error(`${code}: failure, ${syscall}${where}`), {
    code,
    syscall,
    errno: -1,
    ...(path ? { path } : {}),
  });
}

const context = (signal = new AbortController().signal) => ({
  index: 2,
  url: 'https://storage.example/out/3.png?Expires=1&Signature=SECRET',
  timeoutMs: 1000,
  signal,
});

describe('isFileSystemError', () => {
  it.each([
    ['ENOSPC', 'write'],
    ['EDQUOT', 'write'],
    ['EROFS', 'open'],
    ['EACCES', 'open'],
    ['ENOTDIR', 'mkdir'],
    ['ENAMETOOLONG', 'open'],
    ['EISDIR', 'rename'],
    ['EMFILE', 'open'],
  ])('%s from %s is the disk', (code, syscall) => {
    expect(isFileSystemError(systemError(code, syscall, '/tmp/out/x.png'))).toBe(true);
  });

  it.each([
    ['ECONNRESET', 'read'],
    ['EPIPE', 'write'],
    ['ECONNREFUSED', 'connect'],
    ['EACCES', 'connect'],
    ['ENOTFOUND', 'getaddrinfo'],
    ['UND_ERR_SOCKET', 'read'],
  ])('%s from %s is the network', (code, syscall) => {
    expect(isFileSystemError(systemError(code, syscall))).toBe(false);
  });

  it('is false for values that are not system errors', () => {
    for (const value of [null, undefined, 'ENOSPC', 28, new Error('ENOSPC'), { code: 28 }]) {
      expect(isFileSystemError(value)).toBe(false);
    }
  });
});

describe('toDownloadError', () => {
  it('reports a full disk as file-system, not retryable, with its code and without the signature', () => {
    const error = toDownloadError(context(), systemError('ENOSPC', 'write'));
    expect(TokenHubDownloadError.isInstance(error)).toBe(true);
    const download = error as TokenHubDownloadError;
    expect(download.reason).toBe('file-system');
    expect(download.code).toBe('ENOSPC');
    expect(download.retryable).toBe(false);
    expect(download.index).toBe(2);
    expect(download.message).toContain('image 3');
    expect(download.message).toContain('ENOSPC');
    expect(download.message).not.toContain('SECRET');
  });

  it('reports a reset socket as a retryable connection failure', () => {
    const download = toDownloadError(
      context(),
      systemError('ECONNRESET', 'read'),
    ) as TokenHubDownloadError;
    expect(download.reason).toBe('connection');
    expect(download.retryable).toBe(true);
  });

  it('passes the abort reason through once the batch is aborted', () => {
    const controller = new AbortController();
    const reason = new DOMException('stop', 'AbortError');
    controller.abort(reason);
    expect(toDownloadError(context(controller.signal), systemError('ENOSPC', 'write'))).toBe(
      reason,
    );
  });
});
