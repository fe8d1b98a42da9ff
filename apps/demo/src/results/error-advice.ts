/** What to tell a person about a failed generation: the code, the request id and what to do next. Pure. */
import {
  TokenHubAPIError,
  TokenHubConnectionError,
  type TokenHubError,
  TokenHubNoImageError,
  TokenHubTimeoutError,
  TokenHubValidationError,
} from '@tokenhub/image-core';

/** The parts of an error panel. */
export interface ErrorAdvice {
  title: string;
  code: string;
  status: number | undefined;
  requestId: string | undefined;
  message: string;
  next: string;
}

function nextStepForStatus(status: number, code: string): string {
  if (status === 401 || status === 403 || code === 'InvalidApiKey') {
    return 'Check TOKENHUB_API_KEY in the environment of the dev server (never in the page), then restart it.';
  }
  if (status === 429) return 'You hit the rate limit. Wait a minute, then generate again.';
  if (status === 503 && code === 'MissingApiKey') {
    return 'Set TOKENHUB_API_KEY for the dev server, or run it without a key to use the mock gateway.';
  }
  if (status >= 500) {
    return 'The gateway had a problem. Try again in a moment; if it keeps failing, quote the request id to support.';
  }
  return 'Fix the request as the message says (the field is named), then generate again.';
}

/** The advice for `error`. */
export function errorAdvice(error: TokenHubError): ErrorAdvice {
  if (TokenHubValidationError.isInstance(error)) {
    return {
      title: 'The request is not valid',
      code: 'ValidationError',
      status: undefined,
      requestId: undefined,
      message: error.message,
      next: 'Nothing was sent. Fix the fields marked in the form, then generate again.',
    };
  }
  if (TokenHubAPIError.isInstance(error)) {
    return {
      title: `The gateway answered ${error.status}`,
      code: error.code ?? 'UnknownError',
      status: error.status,
      requestId: error.requestId || undefined,
      message: error.message,
      next: nextStepForStatus(error.status, error.code ?? ''),
    };
  }
  if (TokenHubNoImageError.isInstance(error)) {
    return {
      title: 'No image came back',
      code: 'NoImage',
      status: undefined,
      requestId: error.requestId || undefined,
      message: error.message,
      next: 'Often content moderation or a passing upstream problem: rephrase the prompt or try again.',
    };
  }
  if (TokenHubTimeoutError.isInstance(error)) {
    return {
      title: 'The gateway took too long',
      code: 'Timeout',
      status: undefined,
      requestId: undefined,
      message: error.message,
      next: 'Try again; image sets of many images take longer, so fewer images may help.',
    };
  }
  if (TokenHubConnectionError.isInstance(error)) {
    return {
      title: 'The gateway could not be reached',
      code: 'ConnectionError',
      status: undefined,
      requestId: undefined,
      message: error.message,
      next: 'Check that the demo server (pnpm demo) is still running, then try again.',
    };
  }
  const other: Error = error;
  return {
    title: 'Something went wrong',
    code: other.name,
    status: undefined,
    requestId: undefined,
    message: other.message,
    next: 'Try again.',
  };
}
