import { readExpiresAt } from '../client/response.js';
import { imageLinks } from '../server/files/image-links.js';
import type { ImageGenerationResult } from '../types.js';

/** How long upstream image links stay valid when the URL does not say: about 24 hours. */
export const DEFAULT_IMAGE_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * When a signed image URL stops working, in epoch milliseconds, from its `Expires` query parameter
 * (Unix seconds, as in OSS-style signed links), or `undefined` when the URL carries none.
 */
export function expiresAtFromUrl(url: string): number | undefined {
  return readExpiresAt(url)?.getTime();
}

/**
 * When the images of a result stop being reachable, in epoch milliseconds: the earliest expiry among
 * its images (the parsed `expiresAt`, else the URL's `Expires` parameter, else that of the upstream
 * link the proxy's `rewriteImageURLs` keeps beside a same-origin URL as `upstream_image`), otherwise
 * `receivedAt` plus 24 hours. Pure.
 */
export function resultExpiresAt(result: ImageGenerationResult, receivedAt: number): number {
  const upstream = imageLinks(result.raw);
  let earliest: number | undefined;
  for (const [index, image] of result.images.entries()) {
    const parsed = image.expiresAt?.getTime();
    const link = upstream[index];
    const at =
      parsed !== undefined && !Number.isNaN(parsed)
        ? parsed
        : (expiresAtFromUrl(image.url) ??
          (link === undefined ? undefined : expiresAtFromUrl(link)));
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest ?? receivedAt + DEFAULT_IMAGE_LINK_TTL_MS;
}
