import {
  createTokenHubClient,
  type ImageGenerationClient,
  type TokenHubClientOptions,
} from '@tokenhub/image-core';
import { createContext, type ReactNode, useContext, useMemo } from 'react';

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
      /** The `fetch` the client uses. Default `globalThis.fetch`. Pass a stable function. */
      fetch?: TokenHubClientOptions['fetch'];
      /**
       * Extra headers on every request, e.g. your own session token for the proxy. Compared by
       * value: a new object with the same entries keeps the client.
       */
      headers?: Record<string, string>;
    }
);

/**
 * The headers as a string that is equal exactly when the headers are equal by value. Entries sort
 * as `name,value` strings, which orders them by name: a header name holds no comma.
 */
function headersKey(headers: Record<string, string> | undefined): string {
  return headers ? JSON.stringify(Object.entries(headers).sort()) : '';
}

/**
 * Gives every `useImageGeneration` below it a client. With `baseURL` it creates a key-less client
 * for a same-origin proxy, so no API key ever reaches the browser.
 *
 * The client is rebuilt when `baseURL`, `fetch` or the headers' values change (a refreshed session
 * token reaches the next request), and only then: a parent that re-renders with equal props keeps
 * the client, so the components below are not re-rendered through the context.
 *
 * @example
 * ```tsx
 * <TokenHubProvider baseURL="/api/tokenhub" headers={{ authorization: `Bearer ${sessionToken}` }}>
 *   <App />
 * </TokenHubProvider>
 * ```
 */
export function TokenHubProvider(props: TokenHubProviderProps): ReactNode {
  const { client, baseURL, fetch } = props;
  const headers = headersKey(props.headers);
  const proxyClient = useMemo(
    () =>
      client
        ? undefined
        : createTokenHubClient({
            baseURL,
            fetch,
            headers: headers ? Object.fromEntries(JSON.parse(headers)) : undefined,
          }),
    [client, baseURL, fetch, headers],
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
