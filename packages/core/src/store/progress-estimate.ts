import type { ImageRequestBody } from '../types.js';

/**
 * Typical durations from the upstream's documented latency: a generation takes 1 to 2 minutes;
 * a single edit is often faster (10 to 25 s); image sets are slower. Estimates stay within 120 s.
 */
const SINGLE_EDIT_MS = 25_000;
const TEXT_TO_IMAGE_MS = 60_000;
const LONGEST_MS = 120_000;

/**
 * Typical duration of a request, for the progress estimate: a single edit about 25 s, a
 * text-to-image about 60 s, each further independent image a third more, an image set
 * (`enable_sequential`) or anything longer 120 s.
 *
 * Pure; the result only feeds a progress estimate, never a timeout.
 */
export function expectedLatencyMs(body: ImageRequestBody | undefined): number {
  const parameters = body?.parameters ?? {};
  if (parameters.enable_sequential === true) return LONGEST_MS;
  const n = typeof parameters.n === 'number' && parameters.n >= 1 ? Math.floor(parameters.n) : 1;
  const edits = (body?.input?.messages?.[0]?.content ?? []).some((item) => 'image' in item);
  const single = edits ? SINGLE_EDIT_MS : TEXT_TO_IMAGE_MS;
  return Math.min(Math.round(single * (1 + (n - 1) / 3)), LONGEST_MS);
}

/** The share of the curve covered, linearly, by the time the expected duration has passed. */
const SHARE_AT_EXPECTED = 0.9;
/** The estimate never goes beyond this while the request is still running. */
const CEILING = 0.99;

/**
 * An ESTIMATE of how far a running request is, in [0, 0.99]: linear up to 0.9 at `expectedMs`, then
 * creeping towards 0.99 so a slow request still moves but never claims to be done. The gateway reports
 * no real progress; only a success sets progress to 1 (done by the store, not here).
 *
 * Pure and monotonic in `elapsedMs`.
 */
export function progressAt(elapsedMs: number, expectedMs: number): number {
  if (!(elapsedMs > 0) || !(expectedMs > 0)) return 0;
  if (elapsedMs <= expectedMs) return (SHARE_AT_EXPECTED * elapsedMs) / expectedMs;
  const overtime = (elapsedMs - expectedMs) / expectedMs;
  return SHARE_AT_EXPECTED + (CEILING - SHARE_AT_EXPECTED) * (1 - Math.exp(-overtime));
}
