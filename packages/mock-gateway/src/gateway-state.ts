/**
 * The mutable state of one running gateway, shared by its request handlers.
 */
import { isMockFault, type MockFault } from './faults.js';
import { ImageStore } from './image-store.js';
import { RequestLog } from './request-log.js';
import { type GatewaySettings, nonNegative } from './settings.js';

/** Images, recorded requests, queued faults, latency and in-flight requests of a gateway. */
export class GatewayState {
  /** Generated PNGs. */
  readonly store: ImageStore;
  /** Recorded generation requests. */
  readonly log: RequestLog;
  /** Faults for the next generation requests, first in first out. */
  readonly faultQueue: MockFault[] = [];
  /** Abort controllers of generation requests still being answered (aborted on close). */
  readonly inFlight = new Set<AbortController>();
  /** Base URL the image links use; known once the server listens. */
  baseUrl = '';
  #latencyMs: number;

  /** @param settings - The resolved options. */
  constructor(readonly settings: GatewaySettings) {
    this.store = new ImageStore(settings.maxStoredImages);
    this.log = new RequestLog(settings.maxRecordedRequests);
    this.#latencyMs = settings.latencyMs;
  }

  /** Current delay before answering a generation. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** Sets the delay; a RangeError for a negative or non-finite value. */
  setLatency(ms: number): void {
    this.#latencyMs = nonNegative(ms, 0, 'latency');
  }

  /** Queues faults; a TypeError naming unknown ones (nothing is queued then). */
  enqueueFaults(faults: readonly unknown[]): void {
    const unknown = faults.filter((fault) => !isMockFault(fault));
    if (unknown.length > 0) {
      throw new TypeError(
        `unknown mock fault(s): ${unknown.map((f) => JSON.stringify(f)).join(', ')}`,
      );
    }
    this.faultQueue.push(...(faults as MockFault[]));
  }

  /** Forgets requests and faults; the latency returns to the option's value. */
  reset(): void {
    this.log.clear();
    this.faultQueue.length = 0;
    this.#latencyMs = this.settings.latencyMs;
  }
}
