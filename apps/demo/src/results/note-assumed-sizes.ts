/** A `fetch` for the demo's client that keeps the mock gateway's size guesses, by request id. */
import type { FetchFunction } from '@tokenhub/image-core';
import { ASSUMED_SIZE_HEADER } from './assumed-input-size';

/**
 * Wraps `fetch`: when an answer carries `x-mock-assumed-input-size`, its value is stored under the
 * answer's `x-request-id` (the result's `requestId`), so the result can show the note.
 */
export function fetchNotingAssumedSizes(
  notes: Map<string, string>,
  fetchImpl: FetchFunction = (url, init) => globalThis.fetch(url, init),
): FetchFunction {
  return async (url, init) => {
    const response = await fetchImpl(url, init);
    const assumed = response.headers.get(ASSUMED_SIZE_HEADER);
    const requestId = response.headers.get('x-request-id');
    if (assumed !== null && requestId !== null) notes.set(requestId, assumed);
    return response;
  };
}
