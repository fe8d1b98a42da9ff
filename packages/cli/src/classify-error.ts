/** Maps any failure to an exit code and a one-paragraph message naming the flag where possible. */
import {
  TokenHubAPIError,
  TokenHubConnectionError,
  TokenHubTimeoutError,
  TokenHubValidationError,
} from '@tokenhub/image-core';
import { TokenHubDownloadError, TokenHubImageExpiredError } from '@tokenhub/image-core/node';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { flagForPath } from './request.js';
import { UsageError } from './usage-error.js';

/** A failure as the CLI reports it. */
export interface ClassifiedError {
  exitCode: ExitCode;
  message: string;
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** Exit code and message of a failure. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof UsageError) return { exitCode: EXIT_CODES.badInput, message: error.message };
  if (TokenHubValidationError.isInstance(error)) {
    const lines = error.issues.map((issue) => {
      const flag = flagForPath(issue.path);
      return `${flag ? `${flag} (${issue.path})` : issue.path}: ${issue.message}`;
    });
    return { exitCode: EXIT_CODES.badInput, message: `invalid request:\n  ${lines.join('\n  ')}` };
  }
  if (TokenHubImageExpiredError.isInstance(error))
    return { exitCode: EXIT_CODES.apiError, message: error.message };
  if (TokenHubDownloadError.isInstance(error)) {
    if (error.reason === 'file-system') {
      return { exitCode: EXIT_CODES.fileSystem, message: error.message };
    }
    const network = error.reason === 'connection' || error.reason === 'timeout';
    return { exitCode: network ? EXIT_CODES.network : EXIT_CODES.apiError, message: error.message };
  }
  if (TokenHubConnectionError.isInstance(error) || TokenHubTimeoutError.isInstance(error)) {
    return { exitCode: EXIT_CODES.network, message: error.message };
  }
  if (TokenHubAPIError.isInstance(error))
    return { exitCode: EXIT_CODES.apiError, message: error.message };
  if (isAbort(error)) return { exitCode: EXIT_CODES.interrupted, message: 'interrupted' };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT_CODES.internal, message };
}
