/**
 * `createTokenHubClient` for Node: the same client with {@link createNodeFetch} as its default
 * transport, its timeouts following the client's `timeoutMs`.
 */
import {
  createTokenHubClient as createBaseClient,
  type TokenHubClient,
  type TokenHubClientOptions,
} from '../client/client.js';
import { createNodeFetch } from './fetch.js';

/**
 * Creates a TokenHub client for Node. Unless `options.fetch` is given, requests go through an
 * undici 7 keep-alive `Agent` whose headers/body timeouts sit just above `timeoutMs`.
 *
 * @example
 * ```ts
 * import { createTokenHubClient } from '@tokenhub/image-core/node';
 * const client = createTokenHubClient({ apiKey: process.env.TOKENHUB_API_KEY });
 * ```
 */
export function createTokenHubClient(options: TokenHubClientOptions = {}): TokenHubClient {
  return createBaseClient({
    ...options,
    fetch: options.fetch ?? createNodeFetch({ timeoutMs: options.timeoutMs }),
  });
}

/** Alias of {@link createTokenHubClient} from `@tokenhub/image-core/node`, for imports that need both. */
export const createNodeTokenHubClient: typeof createTokenHubClient = createTokenHubClient;
