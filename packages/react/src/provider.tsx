import {
  createTokenHubClient,
  type ImageGenerationClient,
  type TokenHubClientOptions,
} from '@tokenhub/image-core';
import { createContext, type ReactNode, useContext, useState } from 'react';

const TokenHubClientContext = createContext<ImageGenerationClient | undefined>(undefined);

/** Props of {@link TokenHubProvider}: a ready client, or the URL of your same-origin proxy. */
export type TokenHubProviderProps = {
  /** The components that generate images. */
  children?: ReactNode;
} & (
  | {
      /** A client made with `createTokenHubClient` (or anything with `generateImages`). */
      client: ImageGenerationClient;
      baseURL?: undefined;
      fetch?: undefined;
      headers?: undefined;
    }
  | {
      client?: undefined;
      /** Your proxy's path, e.g. `/api/tokenhub`: the key stays on your server. */
      baseURL: string;
      /** The `fetch` the client uses. Default `globalThis.fetch`. */
      fetch?: TokenHubClientOptions['fetch'];
      /** Extra headers on every request, e.g. your own session token for the proxy. */
      headers?: Record<string, string>;
    }
);

/**
 * Gives every `useImageGeneration` below it a client. With `baseURL` it creates a key-less client
 * once (on first render) for a same-origin proxy, so no API key ever reaches the browser.
 *
 * @example
 * ```tsx
 * <TokenHubProvider baseURL="/api/tokenhub">
 *   <App />
 * </TokenHubProvider>
 * ```
 */
export function TokenHubProvider(props: TokenHubProviderProps): ReactNode {
  const { client, baseURL, fetch, headers } = props;
  // Created once: the client holds no state worth re-creating, and a new client per render would
  // change the context value and re-render every consumer.
  const [proxyClient] = useState(() =>
    client ? undefined : createTokenHubClient({ baseURL, fetch, headers }),
  );
  return (
    <TokenHubClientContext.Provider value={client ?? proxyClient}>
      {props.children}
    </TokenHubClientContext.Provider>
  );
}

/** The client of the nearest `TokenHubProvider`, or `undefined` outside one. */
export function useTokenHubClient(): ImageGenerationClient | undefined {
  return useContext(TokenHubClientContext);
}
