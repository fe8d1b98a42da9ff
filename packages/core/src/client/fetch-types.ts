/**
 * The slice of `fetch` the client uses. Structural and minimal, so the platform `fetch`, undici's
 * `fetch` and test doubles all fit without casts.
 */

/** Request options the client passes to `fetch`. */
export interface FetchRequestInit {
  /** `POST` for a generation; `GET` and `DELETE` for a generation kept by the proxy. */
  method: string;
  /** Request headers, lowercase names. */
  headers: Record<string, string>;
  /** The JSON body (none for `GET` and `DELETE`). */
  body?: string | undefined;
  /** Aborts the attempt (caller's signal or the per-attempt timeout). */
  signal: AbortSignal;
  /**
   * Always `manual`: a redirect is never followed (a 302 would turn the POST into a GET, and a hop
   * to another origin would carry the key there); the client reports a 3xx as a `TokenHubAPIError`.
   */
  redirect?: 'manual';
  /**
   * The client's per-attempt limit in ms (0 = none). A plain `fetch` ignores it; the Node preset
   * uses it to set undici's headers and body timeouts of this request above the limit, so the
   * transport never cuts a call the client still waits for.
   */
  timeoutMs?: number;
}

/** The parts of a `Response` the client reads. */
export interface FetchResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: { get(name: string): string | null };
  /** Reads the whole body as text. */
  text(): Promise<string>;
}

/** A `fetch`-compatible function: `globalThis.fetch`, undici's `fetch`, or your own. */
export type FetchFunction = (url: string, init: FetchRequestInit) => Promise<FetchResponse>;
