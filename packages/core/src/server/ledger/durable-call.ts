/**
 * Exactly-once upstream calls over a {@link GenerationLedger}: the first caller of an id claims it
 * and calls upstream, detached from its own connection (a reload or a dropped socket does not
 * abort a paid generation); every repeat joins the call in flight or replays the stored answer.
 */
import { sleep } from '../../shared/abort.js';
import { UpstreamAbort } from '../upstream-abort.js';
import type { GenerationLedger, LedgerEntry, StoredAnswer } from './ledger.js';

/** What one caller of {@link runDurableCall} ends with. */
export type DurableOutcome =
  /** The answer: from this caller's own upstream call, or replayed from the ledger. */
  | { kind: 'answer'; answer: StoredAnswer; replayed: boolean }
  /** The id is known with another request body (a reused `Idempotency-Key`). */
  | { kind: 'key-reused' }
  /** The call was cancelled (`DELETE`) before it stored an answer. */
  | { kind: 'cancelled' }
  /** The caller went away while waiting for another caller's call (that call goes on). */
  | { kind: 'caller-gone' };

/**
 * One call this process runs: what renews its lease and what aborts it. Only these, not the call's
 * input: an entry of a long-lived `Map` can outlive its call in the old generation, and the input
 * reaches the caller's request and response (holding it doubled what each call left to collect).
 */
interface RunningCall {
  ledger: GenerationLedger;
  leaseMs: number;
  lease: string;
  abort: UpstreamAbort;
}

/**
 * The calls this process runs now, by ledger id: a `DELETE` aborts them at once, and one timer
 * renews all their leases (a timer per call cost a busy proxy more than its ledger did). Each call
 * is renewed at most a third of its lease after it starts, and every third after that.
 */
export class RunningCalls {
  readonly #calls = new Map<string, RunningCall>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #periodMs = 0;

  /** Number of calls running. */
  get size(): number {
    return this.#calls.size;
  }

  /** Whether the call with this ledger id runs here. */
  has(id: string): boolean {
    return this.#calls.has(id);
  }

  /** Aborts the call with this ledger id, if it runs here. */
  abort(id: string, reason: unknown): void {
    this.#calls.get(id)?.abort.abort(reason);
  }

  /** Records a claimed call; its lease is renewed until {@link end}. */
  start(init: DurableCallInit, lease: string, abort: UpstreamAbort): void {
    this.#calls.set(init.id, { ledger: init.ledger, leaseMs: init.leaseMs, lease, abort });
    const periodMs = Math.max(1, Math.floor(init.leaseMs / 3));
    if (this.#timer !== undefined && periodMs >= this.#periodMs) return;
    clearInterval(this.#timer);
    this.#periodMs = periodMs;
    this.#timer = setInterval(() => this.#renewAll(), periodMs);
  }

  /** Forgets the call (when it is still the one recorded); the timer stops with the last call. */
  end(id: string, abort: UpstreamAbort): void {
    if (this.#calls.get(id)?.abort === abort) this.#calls.delete(id);
    if (this.#calls.size > 0) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  // A renewal that fails means the lease is gone: a DELETE on another replica, or this one was too
  // slow. Stop the call; a network blip to the ledger store is not a reason to stop paying.
  #renewAll(): void {
    for (const [id, { ledger, leaseMs, lease, abort }] of this.#calls) {
      ledger.renew(id, lease, leaseMs).then(
        (held) => {
          if (!held) abort.abort(cancelledReason());
        },
        () => undefined,
      );
    }
  }
}

/** Input of {@link runDurableCall}. */
export interface DurableCallInit {
  /** Where entries live. */
  ledger: GenerationLedger;
  /** The ledger id (identity scope + idempotency key). */
  id: string;
  /** Digest of the request body. */
  fingerprint: string;
  /** Lease length in ms; renewed every third of it while the call runs. */
  leaseMs: number;
  /**
   * The upstream call. Resolves with the answer to send (never rejects). `abort` is aborted by a
   * cancel; the call may abort it too, with a `TimeoutError` reason, when its time is up.
   */
  call: (abort: UpstreamAbort) => Promise<StoredAnswer>;
  /** Whether an answer is kept for replay (2xx and 4xx are; 5xx and timeouts are not). */
  isStorable: (answer: StoredAnswer) => boolean;
  /** Keeps the detached call alive on serverless platforms (Vercel's or Cloudflare's `waitUntil`). */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
  /** This process's running calls. */
  running: RunningCalls;
  /**
   * The caller's connection: its signal stops waiting for someone else's call, never the upstream
   * call. Read only then (on node:http the signal is made on first read).
   */
  caller?: { readonly signal: AbortSignal | undefined } | undefined;
  /** Poll interval while waiting for another replica's call, in ms. Default 250, backing off to 2000. */
  pollMs?: number;
}

/** The reason a cancelled upstream call is aborted with. */
export const cancelledReason = (): DOMException =>
  new DOMException('the generation was cancelled', 'AbortError');

/** True when `abort` was aborted by a cancel, not by the call's own timeout. */
function isCancelled(abort: UpstreamAbort): boolean {
  const reason: unknown = abort.reason;
  return abort.aborted && !(reason instanceof DOMException && reason.name === 'TimeoutError');
}

/** Starts the claimed call, renewing the lease while it runs; stores or releases its answer. */
function startCall(init: DurableCallInit, lease: string): Promise<DurableOutcome> {
  const { ledger, id, running } = init;
  const abort = new UpstreamAbort();
  running.start(init, lease, abort);
  const task = (async (): Promise<DurableOutcome> => {
    try {
      const answer = await init.call(abort);
      if (isCancelled(abort)) return { kind: 'cancelled' };
      if (init.isStorable(answer)) {
        await ledger.complete(id, lease, answer).catch(() => false);
      } else {
        await ledger.release(id, lease).catch(() => undefined);
      }
      return { kind: 'answer', answer, replayed: false };
    } finally {
      running.end(id, abort);
    }
  })();
  init.waitUntil?.(task);
  return task;
}

/** Waits until the entry is no longer pending (or gone); `undefined` when the caller went away. */
async function waitWhilePending(init: DurableCallInit): Promise<LedgerEntry | 'gone' | undefined> {
  let delay = init.pollMs ?? 250;
  for (;;) {
    const gone = await sleep(delay, init.caller?.signal).then(
      () => false,
      () => true,
    );
    if (gone) return undefined;
    const entry = await init.ledger.get(init.id);
    if (entry?.state !== 'pending') return entry ?? 'gone';
    delay = Math.min(delay * 2, 2000);
  }
}

/**
 * Runs `init.call` at most once per id across every process sharing the ledger, and gives every
 * caller of that id the same answer. A `lost` entry (its replica died) or one released after a
 * 5xx is claimed again by the next caller. Rejects only when the ledger itself fails.
 */
export async function runDurableCall(init: DurableCallInit): Promise<DurableOutcome> {
  for (;;) {
    const claim = await init.ledger.claim(init.id, init.fingerprint, init.leaseMs);
    if (claim.claimed) return startCall(init, claim.lease);
    const entry = claim.entry;
    if (entry.fingerprint !== init.fingerprint) return { kind: 'key-reused' };
    if (entry.state === 'done' && entry.answer) {
      return { kind: 'answer', answer: entry.answer, replayed: true };
    }
    if (entry.state === 'done') return { kind: 'cancelled' };
    if (entry.state === 'cancelled') return { kind: 'cancelled' };
    if (entry.state === 'pending') {
      const settled = await waitWhilePending(init);
      if (settled === undefined) return { kind: 'caller-gone' };
    }
    // Done, cancelled, lost or released: the next claim tells which.
  }
}
