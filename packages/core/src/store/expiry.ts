import { expiresAtFromUrl } from '../shared/expiry.js';
import type { ImageGenerationResult } from '../types.js';

/** How long upstream image links stay valid when the URL does not say: about 24 hours. */
export const DEFAULT_IMAGE_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * When the images of a result stop being reachable, in epoch milliseconds: the earliest expiry among
 * its images (the `expiresAt` the client parsed, which for a same-origin URL of the proxy's
 * `rewriteImageURLs` comes from the upstream link kept beside it; else the URL's `Expires`
 * parameter), otherwise `receivedAt` plus 24 hours. Pure.
 */
export function resultExpiresAt(result: ImageGenerationResult, receivedAt: number): number {
  let earliest: number | undefined;
  for (const image of result.images) {
    const parsed = image.expiresAt?.getTime();
    const at = parsed !== undefined && !Number.isNaN(parsed) ? parsed : expiresAtFromUrl(image.url);
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest ?? receivedAt + DEFAULT_IMAGE_LINK_TTL_MS;
}
