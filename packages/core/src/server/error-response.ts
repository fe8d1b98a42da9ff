/** JSON error responses in the upstream's shape `{code, message, request_id}`, so clients parse one shape. */

/** Headers every proxy response carries: JSON, never cached (results hold signed links). */
export function baseHeaders(requestId: string): Headers {
  return new Headers({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
}

/** A fresh id for a response the proxy makes itself (never sent upstream). */
export function proxyRequestId(): string {
  return `proxy-${globalThis.crypto.randomUUID()}`;
}

/** Builds an error response; `extra` fields (e.g. validation `errors`) are added to the body. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  options: { requestId?: string; headers?: HeadersInit; extra?: Record<string, unknown> } = {},
): Response {
  const requestId = options.requestId ?? proxyRequestId();
  const headers = baseHeaders(requestId);
  if (options.headers) {
    new Headers(options.headers).forEach((value, name) => {
      headers.set(name, value);
    });
  }
  const body = { code, message, request_id: requestId, ...options.extra };
  return new Response(JSON.stringify(body), { status, headers });
}
