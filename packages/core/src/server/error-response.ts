/** JSON error answers in the upstream's shape `{code, message, request_id}`, so clients parse one shape. */
import { type JSONAnswer, toResponse } from './answer.js';

/** Headers every proxy answer carries: JSON, never cached (results hold signed links). */
export function baseHeaders(requestId: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-request-id': requestId,
  };
}

/** A fresh id for a response the proxy makes itself (never sent upstream). */
export function proxyRequestId(): string {
  return `proxy-${globalThis.crypto.randomUUID()}`;
}

/** Options of {@link errorAnswer}. */
export interface ErrorAnswerOptions {
  /** The request id to report; a fresh proxy id by default. */
  requestId?: string | undefined;
  /** Extra headers (any case; sent lower-case). */
  headers?: Record<string, string> | undefined;
  /** Extra body fields, e.g. validation `errors`. */
  extra?: Record<string, unknown> | undefined;
}

/** Builds an error answer; `extra` fields (e.g. validation `errors`) are added to the body. */
export function errorAnswer(
  status: number,
  code: string,
  message: string,
  options: ErrorAnswerOptions = {},
): JSONAnswer {
  const requestId = options.requestId ?? proxyRequestId();
  const headers = baseHeaders(requestId);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const body = { code, message, request_id: requestId, ...options.extra };
  return { status, headers, body: JSON.stringify(body) };
}

/** {@link errorAnswer} as a Web `Response`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: ErrorAnswerOptions = {},
): Response {
  return toResponse(errorAnswer(status, code, message, options));
}
