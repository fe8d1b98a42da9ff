/**
 * Public types of the mock gateway.
 * @packageDocumentation
 */
import type { MockFault } from './faults.js';

/** Options of {@link startMockGateway}. */
export interface MockGatewayOptions {
  /** Port to listen on; `0` (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  host?: string;
  /**
   * When set, generation requests need `Authorization: Bearer <apiKey>`, otherwise they get
   * 401 `InvalidApiKey`. Unset (default): any or no key is accepted.
   */
  apiKey?: string;
  /** Delay in ms before answering a generation request; default 0. */
  latencyMs?: number;
  /** How long generated image URLs work, in ms; afterwards they answer 410. Default 24 hours. */
  imageTtlMs?: number;
  /**
   * Longest side of the PNGs it returns, default 512. Outputs keep the requested aspect ratio;
   * `usage.size` still reports the nominal requested size.
   */
  maxImageSide?: number;
  /** How many generated PNGs to keep in memory (oldest dropped first, then 404); default 500. */
  maxStoredImages?: number;
  /**
   * How many generation requests `requests` keeps (oldest dropped first). Default: all of them;
   * a long-running server (the CLI) sets a bound because bodies with data URIs can be large.
   */
  maxRecordedRequests?: number;
  /** Receives one line per handled request. Default: silent. */
  logger?: (line: string) => void;
}

/** Whether a recorded request's response went out completely. */
export type RequestOutcome = 'pending' | 'completed' | 'aborted';

/** One `POST /v1/images/generations` as the gateway received it. */
export interface RecordedRequest {
  /** The `request_id` of the response (also sent as `x-request-id`). */
  readonly requestId: string;
  /** Request headers, names lower-cased, repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
  /** HTTP status sent, once headers were sent; `undefined` before (or for `reset-before-headers`). */
  status: number | undefined;
  /**
   * `pending` until the response ends; `completed` once it was sent (or the gateway reset the
   * connection on purpose for a `reset-*` fault); `aborted` when the client closed the connection
   * before the response finished.
   */
  outcome: RequestOutcome;
  /** The fault applied to this request, if any. */
  readonly fault: MockFault | undefined;
  /** Resolves when the outcome is known. */
  readonly settled: Promise<'completed' | 'aborted'>;
}

/**
 * A {@link RecordedRequest} as JSON, as `GET /__mock/requests` returns it (authorization redacted,
 * body cut at 64 levels of nesting), with the generation count of its idempotency key.
 */
export type RecordedRequestJson = Omit<RecordedRequest, 'settled'> & {
  /** The request's `Idempotency-Key` header, or null without one. */
  idempotencyKey: string | null;
  /**
   * How many recorded requests with this `idempotencyKey` count as generations (null without a
   * key). A request counts unless it was answered with an error status: answered 2xx, still
   * running, or dropped before its answer, since the real upstream runs a dropped call to the end
   * and bills it. More than 1 means one paid result was generated twice.
   */
  generationsForKey: number | null;
};

/** A running mock gateway. */
export interface MockGateway {
  /** Base URL such as `http://127.0.0.1:49152` (no trailing slash). */
  readonly url: string;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
  /** Every `POST /v1/images/generations`, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Queues faults for the next generation requests, one per request, first in first out. */
  enqueueFault(...faults: MockFault[]): void;
  /** Sets the delay before answering generation requests. */
  setLatency(ms: number): void;
  /**
   * Resolves with the first recorded request (already received or arriving later) that matches
   * `predicate` (default: any); rejects after `timeoutMs` (default 5000).
   */
  waitForRequest(
    predicate?: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  /** Forgets recorded requests and queued faults; latency goes back to the option's value. */
  reset(): void;
}
