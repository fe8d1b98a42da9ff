import type { ImageRequestBody, ImageRequestInput, ImageRequestSource } from '../types.js';
import { propertyOf } from './is-record.js';

/** A builder (of this or another installed copy of the kit) or anything else with `toBody()`. */
function isRequestSource(value: ImageRequestInput): value is ImageRequestSource {
  return typeof propertyOf(value, 'toBody') === 'function';
}

/** The wire body of a request input: a builder's `toBody()`, or the body itself. */
export function requestBody(request: ImageRequestInput): ImageRequestBody {
  return isRequestSource(request) ? request.toBody() : request;
}
