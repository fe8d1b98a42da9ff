import { DEFAULT_BASE_URL, generationsURL } from './shared/gateway.js';
import type { ImageRequestBody } from './types.js';

/** Options of `toCurl`. */
export interface CurlOptions {
  /** Gateway base URL; {@link DEFAULT_BASE_URL} unless given. */
  baseURL?: string;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The curl command equivalent to sending `body`. The key is always the shell variable
 * `$TOKENHUB_API_KEY`, never a real key, so the command is safe to paste into docs and tickets.
 */
export function toCurl(body: ImageRequestBody, options: CurlOptions = {}): string {
  return [
    `curl -sS ${quote(generationsURL(options.baseURL ?? DEFAULT_BASE_URL))}`,
    `  -H "Authorization: Bearer $TOKENHUB_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${quote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n');
}
