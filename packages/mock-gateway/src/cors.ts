/**
 * CORS headers, so a browser page (Storybook, the demo) can call the mock directly.
 */

/** Headers added to every answer. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, idempotency-key, x-mock-fault, x-mock-latency-ms',
  'access-control-expose-headers':
    'x-request-id, retry-after, retry-after-ms, x-mock-assumed-input-size',
  'access-control-max-age': '600',
};
