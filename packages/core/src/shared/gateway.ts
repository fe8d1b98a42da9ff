/**
 * Where the TokenHub gateway lives and which path generates images. Every package (client, proxy,
 * curl, Vite plugin, CLI, mock gateway) reads these two facts from here, through core's public
 * exports, so they cannot drift apart.
 */

/** The TokenHub gateway's origin: where the client, the proxy and `toCurl` send requests by default. */
export const DEFAULT_BASE_URL = 'https://tokenhub.link';

/** The path of the image generation endpoint, relative to a base URL (`POST {base}{path}`). */
export const GENERATIONS_PATH = '/v1/images/generations';

/**
 * The generation endpoint under `baseURL`, trailing slashes of the base ignored. String
 * concatenation, not `new URL`: a relative proxy path such as `/api/tokenhub` has no origin to
 * resolve against.
 */
export function generationsURL(baseURL: string): string {
  return `${baseURL.replace(/\/+$/, '')}${GENERATIONS_PATH}`;
}
