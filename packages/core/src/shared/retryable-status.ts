/**
 * Which HTTP statuses are worth asking again, for the client's POST and for image downloads alike:
 * - 408 Request Timeout and 5xx: the server or a proxy in front of it failed on the way;
 * - 429 Too Many Requests: the wait comes from `Retry-After` or the backoff;
 * - 409 Conflict: a server that honours `Idempotency-Key` answers 409 while a request with the same
 *   key is still running (the IETF idempotency-key draft, Stripe); the retry carries the same key
 *   and gets the stored answer, so it never pays twice. For a GET of a signed image link, an object
 *   store answers 409 for a concurrent operation on the object, which also passes.
 * Every other 4xx is the request's fault (or, for a download, an expired link) and repeating it
 * changes nothing.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
