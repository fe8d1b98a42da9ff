import type { ImageRequestBody } from '../types.js';

/** Typical duration of one image upstream (a single edit takes roughly 10 to 25 s). */
export const TYPICAL_SINGLE_IMAGE_MS = 15_000;

/**
 * Typical duration of a request, from the upstream's published latencies: a single edit or
 * text-to-image takes about 15 s, an image set (`enable_sequential`) about 15 s per image (a group of
 * four about 60 s), several independent images add about a third of that each.
 *
 * Pure; the result only feeds a progress estimate, never a timeout.
 */
export function expectedLatencyMs(body: ImageRequestBody | undefined): number {
  const parameters = body?.parameters ?? {};
  const n = typeof parameters.n === 'number' && parameters.n >= 1 ? Math.floor(parameters.n) : 1;
  if (parameters.enable_sequential === true) {
    // n is a ceiling in image-set mode (default 12); the model decides, so trust the ceiling.
    const count = typeof parameters.n === 'number' ? n : 12;
    return TYPICAL_SINGLE_IMAGE_MS * count;
  }
  return Math.round(TYPICAL_SINGLE_IMAGE_MS * (1 + (n - 1) / 3));
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
export function estimateProgress(elapsedMs: number, expectedMs: number): number {
  if (!(elapsedMs > 0) || !(expectedMs > 0)) return 0;
  if (elapsedMs <= expectedMs) return (SHARE_AT_EXPECTED * elapsedMs) / expectedMs;
  const overtime = (elapsedMs - expectedMs) / expectedMs;
  return SHARE_AT_EXPECTED + (CEILING - SHARE_AT_EXPECTED) * (1 - Math.exp(-overtime));
}
