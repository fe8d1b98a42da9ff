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

/**
 * How deep a recorded body is shown by `GET /__mock/requests`. A real request nests about 8
 * levels; an accepted body may nest thousands, and serializing those would overflow the stack.
 */
export const MAX_SHOWN_BODY_DEPTH = 64;

/** What stands in for the parts of a body nested deeper than {@link MAX_SHOWN_BODY_DEPTH}. */
export const DEEP_BODY_PLACEHOLDER = `[nested deeper than ${MAX_SHOWN_BODY_DEPTH} levels: not shown]`;

/**
 * A copy of a parsed JSON value cut at `depthLeft` levels: deeper objects and arrays become
 * {@link DEEP_BODY_PLACEHOLDER}. The recursion is bounded by the cut, whatever the input's depth.
 */
export function cutDeepNesting(value: unknown, depthLeft = MAX_SHOWN_BODY_DEPTH): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depthLeft <= 0) return DEEP_BODY_PLACEHOLDER;
  if (Array.isArray(value)) return value.map((item) => cutDeepNesting(item, depthLeft - 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty, so a "__proto__" key stays a plain key as JSON.parse made it.
    Object.defineProperty(copy, key, {
      value: cutDeepNesting(item, depthLeft - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** The `Idempotency-Key` a request carried, or null. */
function idempotencyKeyOf(request: RecordedRequest): string | null {
  return request.headers['idempotency-key'] ?? null;
}

/**
 * Whether a request counts as a (billed) generation: everything but an error answer. A request
 * still running or dropped by its client counts, since the real upstream runs it to the end.
 */
export function countsAsGeneration(request: RecordedRequest): boolean {
  return request.status === undefined || (request.status >= 200 && request.status < 300);
}

/** How many generations each idempotency key had among `requests`. */
export function generationsByIdempotencyKey(
  requests: readonly RecordedRequest[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const key = idempotencyKeyOf(request);
    if (key === null) continue;
    counts.set(key, (counts.get(key) ?? 0) + (countsAsGeneration(request) ? 1 : 0));
  }
  return counts;
}

/**
 * A request as JSON for `GET /__mock/requests`: no promise, the authorization value hidden, the
 * body cut at {@link MAX_SHOWN_BODY_DEPTH} levels so any accepted body can be listed, and the
 * generation count of its idempotency key from `counts` ({@link generationsByIdempotencyKey}).
 */
export function toRequestJson(
  request: RecordedRequest,
  counts: ReadonlyMap<string, number>,
): RecordedRequestJson {
  const headers = { ...request.headers };
  if (headers.authorization !== undefined) {
    headers.authorization = headers.authorization.replace(/^(\S+\s+).*$/s, '$1[redacted]');
    if (!headers.authorization.endsWith('[redacted]')) headers.authorization = '[redacted]';
  }
  const idempotencyKey = idempotencyKeyOf(request);
  return {
    requestId: request.requestId,
    headers,
    body: cutDeepNesting(request.body),
    receivedAt: request.receivedAt,
    status: request.status,
    outcome: request.outcome,
    fault: request.fault,
    idempotencyKey,
    generationsForKey: idempotencyKey === null ? null : (counts.get(idempotencyKey) ?? 0),
  };
}

/** The body of `GET /__mock/requests`: every recorded request, in arrival order. */
export function requestsJson(requests: readonly RecordedRequest[]): RecordedRequestJson[] {
  const counts = generationsByIdempotencyKey(requests);
  return requests.map((request) => toRequestJson(request, counts));
}
