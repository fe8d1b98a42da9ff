/**
 * Which headers cross the proxy. Both directions use allow-lists, so the caller's `Authorization`,
 * cookies and hop-by-hop headers can never reach the upstream, and nothing the upstream sends
 * (a `Set-Cookie`, an echoed credential header) can reach the browser.
 */

import { redactSecret } from '../shared/redact.js';
import type { HeaderReader } from './incoming.js';

/** Caller headers passed upstream (everything else is dropped). */
const forwardedRequestHeaders = ['accept-language', 'idempotency-key', 'x-request-id'] as const;

/**
 * Upstream headers passed back to the caller. `x-mock-assumed-input-size` is the mock gateway's
 * note that it guessed an input image's size (it fetches no outside URLs); apps show it so a box
 * drawn on a guessed image does not look like a box bug.
 */
const returnedResponseHeaders = [
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-mock-assumed-input-size',
] as const;

/** The headers of the upstream call: the server's key, JSON, and the allow-listed caller headers. */
export function upstreamHeaders(incoming: HeaderReader, apiKey: string): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  for (const name of forwardedRequestHeaders) {
    const value = incoming.get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/**
 * Copies the allow-listed upstream response headers onto `target`, with `secret` scrubbed from each
 * value: an upstream that echoes the key in `retry-after` or `x-ratelimit-*` must not hand it over.
 */
export function copyResponseHeaders(
  upstream: HeaderReader,
  target: Record<string, string>,
  secret: string,
): void {
  for (const name of returnedResponseHeaders) {
    const value = upstream.get(name);
    if (value !== null) target[name] = redactSecret(value, secret);
  }
}
