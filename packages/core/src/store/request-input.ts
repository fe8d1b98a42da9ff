import type { ImageRequestBody } from '../types.js';

/**
 * Anything that can turn itself into a request body without validating, such as the builder returned
 * by `imageRequest(model)`. Typed structurally so the store does not depend on the builder module.
 */
export interface ImageRequestBodySource {
  /** The request body, unvalidated. */
  toBody(): ImageRequestBody;
}

/** What a generation accepts: a builder or an already built body. */
export type ImageRequestInput = ImageRequestBody | ImageRequestBodySource;

/** The body behind a request input; `undefined` when a builder throws while producing it. */
export function requestBodyOf(request: ImageRequestInput): ImageRequestBody | undefined {
  if (typeof (request as Partial<ImageRequestBodySource>).toBody === 'function') {
    try {
      return (request as ImageRequestBodySource).toBody();
    } catch {
      // The client reports the problem as a validation error; the estimate just falls back.
      return undefined;
    }
  }
  return request as ImageRequestBody;
}
