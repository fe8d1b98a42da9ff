import { DEFAULT_BASE_URL, generationsURL } from './shared/gateway.js';
import { requestBody } from './shared/request-body.js';
import type { ImageRequestInput } from './types.js';

/** Options of `toCurl`. */
export interface CurlOptions {
  /** Gateway base URL; {@link DEFAULT_BASE_URL} unless given. */
  baseURL?: string;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The curl command equivalent to sending `request` (a builder or a wire body), without validating
 * it. The key is always the shell variable `$TOKENHUB_API_KEY`, never a real key, so the command is
 * safe to paste into docs and tickets. A function of its own (not a builder method), so an app that
 * never prints curl does not ship it.
 *
 * @example
 * ```ts
 * console.log(toCurl(imageRequest('wan2.7-image').text('A red fox in snow')));
 * ```
 */
export function toCurl(request: ImageRequestInput, options: CurlOptions = {}): string {
  return [
    `curl -sS ${quote(generationsURL(options.baseURL ?? DEFAULT_BASE_URL))}`,
    `  -H "Authorization: Bearer $TOKENHUB_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${quote(JSON.stringify(requestBody(request), null, 2))}`,
  ].join(' \\\n');
}
