import { requestBody } from '../shared/request-body.js';
import type { ImageRequestBody, ImageRequestInput } from '../types.js';

/** The body behind a request input; `undefined` when a builder throws while producing it. */
export function requestBodyOf(request: ImageRequestInput): ImageRequestBody | undefined {
  try {
    return requestBody(request);
  } catch {
    // The client reports the problem as a validation error; the estimate just falls back.
    return undefined;
  }
}

/** The prompt of a body: its text items, joined by a blank line. */
export function promptOf(body: ImageRequestBody | undefined): string | undefined {
  const texts: string[] = [];
  for (const item of body?.input?.messages?.[0]?.content ?? []) {
    if ('text' in item && typeof item.text === 'string') texts.push(item.text);
  }
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}
