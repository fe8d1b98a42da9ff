/**
 * The record of generation requests, with waiting for a request to arrive.
 */
import type { MockFault } from './faults.js';
import type { RecordedRequest, RecordedRequestJson, RequestOutcome } from './types.js';

/** A recorded request plus the means to settle it. */
export interface RecordedRequestHandle {
  /** The public record (mutated as the answer progresses). */
  record: RecordedRequest;
  /** Sets the final outcome once; later calls are ignored. */
  settle(outcome: 'completed' | 'aborted'): void;
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Creates a record of a request that has just arrived. */
export function createRecordedRequest(init: {
  requestId: string;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number;
  fault: MockFault | undefined;
}): RecordedRequestHandle {
  let resolveSettled: (outcome: 'completed' | 'aborted') => void = () => undefined;
  const settled = new Promise<'completed' | 'aborted'>((resolve) => {
    resolveSettled = resolve;
  });
  const record: RecordedRequest = {
    ...init,
    status: undefined,
    outcome: 'pending' as RequestOutcome,
    settled,
  };
  return {
    record,
    settle(outcome) {
      if (record.outcome !== 'pending') return;
      record.outcome = outcome;
      resolveSettled(outcome);
    },
  };
}

/** Recorded requests in arrival order, and pending `waitForRequest` calls. */
export class RequestLog {
  readonly #requests: RecordedRequest[] = [];
  readonly #waiters = new Set<Waiter>();

  /** @param capacity - How many requests to keep; the oldest are dropped beyond it. */
  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  /** The recorded requests (a live, read-only view). */
  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  /** Appends a request and wakes the waiters it matches. */
  add(request: RecordedRequest): void {
    this.#requests.push(request);
    if (this.#requests.length > this.capacity) this.#requests.shift();
    for (const waiter of this.#waiters) {
      if (!waiter.predicate(request)) continue;
      clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(request);
    }
  }

  /** The first request (recorded or future) matching `predicate`. */
  waitFor(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs: number,
  ): Promise<RecordedRequest> {
    const found = this.#requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`no matching request arrived within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Forgets the recorded requests (waiters keep waiting). */
  clear(): void {
    this.#requests.length = 0;
  }

  /** Rejects every waiter, e.g. when the gateway closes. */
  rejectWaiters(reason: string): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.#waiters.clear();
  }
}

/** A request as JSON for `GET /__mock/requests`: no promise, and the authorization value hidden. */
export function toRequestJson(request: RecordedRequest): RecordedRequestJson {
  const headers = { ...request.headers };
  if (headers.authorization !== undefined) {
    headers.authorization = headers.authorization.replace(/^(\S+\s+).*$/s, '$1[redacted]');
    if (!headers.authorization.endsWith('[redacted]')) headers.authorization = '[redacted]';
  }
  return {
    requestId: request.requestId,
    headers,
    body: request.body,
    receivedAt: request.receivedAt,
    status: request.status,
    outcome: request.outcome,
    fault: request.fault,
  };
}
