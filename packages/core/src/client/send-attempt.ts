/**
 * One attempt on the wire: the POST, the per-attempt timer and the caller's signal wired together,
 * and whatever the transport threw mapped to the kit's errors. It does not look at the answer
 * (that is {@link interpretResponse}).
 */
import { TokenHubConnectionError, TokenHubError, TokenHubTimeoutError } from '../errors.js';
import { abortReason, startDeadline } from '../shared/abort.js';
import {
  describeConnectionFailure,
  isConnectionFailure,
  isTransportTimeout,
} from './connection.js';
import type { FetchFunction } from './fetch-types.js';
import type { ReceivedResponse } from './interpret-response.js';

/** What one attempt sends. */
export interface AttemptRequest {
  /** The endpoint. */
  url: string;
  /** `POST` (the default), or `GET`/`DELETE` for a generation kept by the proxy. */
  method?: 'POST' | 'GET' | 'DELETE';
  /** Request headers, lowercase names. */
  headers: Record<string, string>;
  /** The JSON body (none for `GET` and `DELETE`). */
  body?: string;
  /** Limit of this attempt in ms (0 or `Infinity`: none). */
  timeoutMs: number;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
}

/** Maps what the transport threw to the error the caller should see. */
function translate(error: unknown, request: AttemptRequest, timedOut: boolean): unknown {
  const { signal, timeoutMs } = request;
  if (signal?.aborted) return abortReason(signal);
  if (timedOut && TokenHubTimeoutError.isInstance(error)) return error;
  if (timedOut || isTransportTimeout(error))
    return new TokenHubTimeoutError(timeoutMs, { cause: error });
  if (isConnectionFailure(error)) {
    return new TokenHubConnectionError(
      `could not reach the TokenHub gateway: ${describeConnectionFailure(error)}`,
      { cause: error },
    );
  }
  return error;
}

/**
 * POSTs once and reads the whole body, within `timeoutMs` and until the caller aborts (even when a
 * custom `fetch` ignores its signal).
 *
 * @throws a {@link TokenHubError} when there is no `fetch`, `signal.reason` when the caller
 * aborted, {@link TokenHubTimeoutError}, {@link TokenHubConnectionError}, or whatever else the
 * `fetch` threw, unchanged.
 */
export async function sendAttempt(
  fetchFunction: FetchFunction | undefined,
  request: AttemptRequest,
): Promise<ReceivedResponse> {
  if (!fetchFunction) {
    throw new TokenHubError(
      'no fetch available: pass options.fetch (or use @tokenhub/image-core/node)',
    );
  }
  const { timeoutMs } = request;
  const deadline = startDeadline(
    request.signal,
    timeoutMs,
    () => new TokenHubTimeoutError(timeoutMs),
  );
  const exchange = async (): Promise<ReceivedResponse> => {
    const response = await fetchFunction(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: deadline.signal,
      redirect: 'manual',
      timeoutMs,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  try {
    return await deadline.race(exchange());
  } catch (error) {
    throw translate(error, request, deadline.timedOut());
  } finally {
    deadline.dispose();
  }
}
