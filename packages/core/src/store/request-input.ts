import type { ImageRequestBody, ImageRequestInput, ImageRequestSource } from '../types.js';

/** The body behind a request input; `undefined` when a builder throws while producing it. */
export function requestBodyOf(request: ImageRequestInput): ImageRequestBody | undefined {
  if (typeof (request as Partial<ImageRequestSource>).toBody === 'function') {
    try {
      return (request as ImageRequestSource).toBody();
    } catch {
      // The client reports the problem as a validation error; the estimate just falls back.
      return undefined;
    }
  }
  return request as ImageRequestBody;
}
