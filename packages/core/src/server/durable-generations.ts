/**
 * The proxy's durable generations: `POST` runs through the ledger (exactly once per caller identity
 * and `Idempotency-Key`), `GET .../generations/{key}` reads a stored or running call, `DELETE`
 * cancels it. The upstream call itself is the proxy's own; this file only decides whether to make
 * it, and what each caller gets.
 */
import { isRetryableStatus } from '../shared/retryable-status.js';
import type { JSONAnswer } from './answer.js';
import { errorAnswer } from './error-response.js';
import {
  cancelledReason,
  type DurableOutcome,
  RunningCalls,
  runDurableCall,
} from './ledger/durable-call.js';
import { bodyFingerprint } from './ledger/fingerprint.js';
import type { GenerationLedger, LedgerEntry, StoredAnswer } from './ledger/ledger.js';
import type { UpstreamAbort } from './upstream-abort.js';

/** The response header that marks an answer replayed from the ledger (Stripe's name). */
export const replayedHeader = 'idempotent-replayed';

/** Options of {@link createDurableGenerations}. */
export interface DurableGenerationsOptions {
  /** Where calls are recorded. */
  ledger: GenerationLedger;
  /** Keeps a call alive after its response on serverless platforms. */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
  /** Lease length in ms (renewed every third). Default 30 000. */
  leaseMs?: number;
  /** First poll interval while joining another replica's call, in ms. Default 250. */
  pollMs?: number;
}

/** What a `POST` hands to {@link DurableGenerations.post}. */
export interface DurablePost {
  /** The caller's identity (the `authorize` tag); `undefined` is the one anonymous scope. */
  scope: string | undefined;
  /** The caller's `Idempotency-Key` header, or null. */
  idempotencyKey: string | null;
  /** The validated request body as sent. */
  bodyText: string;
  /** The caller's connection: when it closes, this caller stops waiting (the call goes on). */
  caller: { readonly signal: AbortSignal | undefined };
  /**
   * Makes the upstream call and returns the answer to send; a cancel aborts `abort` (the call may
   * abort it too when its time is up, with a `TimeoutError` reason).
   */
  forward: (abort: UpstreamAbort, idempotencyKey: string) => Promise<JSONAnswer>;
}

/** The durable-generation endpoints of the proxy. */
export interface DurableGenerations {
  /** `POST .../generations`: joins, replays or makes the call. */
  post(input: DurablePost): Promise<JSONAnswer>;
  /** `GET .../generations/{key}`: 200 stored answer, 202 pending, 404 unknown, 410 cancelled or lost. */
  get(scope: string | undefined, key: string): Promise<JSONAnswer>;
  /** `DELETE .../generations/{key}`: cancels a running call. */
  cancel(scope: string | undefined, key: string): Promise<JSONAnswer>;
}

// RFC 9110 token-ish: visible ASCII, no spaces; long enough for any UUID or ULID scheme.
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Whether `key` is a usable `Idempotency-Key` (1 to 255 visible ASCII characters). */
export function isValidIdempotencyKey(key: string): boolean {
  return keyPattern.test(key);
}

/** The ledger id of `key` within the caller's identity: another identity never sees it. */
export function ledgerId(scope: string | undefined, key: string): string {
  return `${scope === undefined ? '-' : `=${encodeURIComponent(scope)}`}:${key}`;
}

/**
 * Final answers are kept: 2xx, and 4xx that a retry would not change. A 5xx (timeouts, an
 * unreachable upstream) and a retryable 4xx (408, 409, 429: "try again later") are not, so the
 * client's retry with the same key calls upstream again instead of replaying the refusal.
 */
export function isStorableAnswer(answer: StoredAnswer): boolean {
  return answer.status < 500 && !isRetryableStatus(answer.status);
}

/** A stored or fresh answer as sent: marked with its key, and as replayed when it is. */
function keyedAnswer(answer: StoredAnswer, key: string, replayed: boolean): JSONAnswer {
  const headers: Record<string, string> = { ...answer.headers, 'idempotency-key': key };
  if (replayed) headers[replayedHeader] = 'true';
  return { status: answer.status, headers, body: answer.body };
}

const notFound = () =>
  errorAnswer(
    404,
    'GenerationNotFound',
    'no generation with this Idempotency-Key is known here (never started, expired, or started by someone else)',
  );
const cancelled = () =>
  errorAnswer(410, 'GenerationCancelled', 'this generation was cancelled', {
    extra: { status: 'cancelled' },
  });
const lost = () =>
  errorAnswer(
    410,
    'GenerationLost',
    'the server that ran this generation stopped before it finished; its result cannot be fetched. Start a new generation',
    { extra: { status: 'lost' } },
  );
const ledgerDown = () =>
  errorAnswer(503, 'LedgerUnavailable', 'the generation ledger is unavailable; try again', {
    headers: { 'retry-after': '1' },
  });

function outcomeAnswer(outcome: DurableOutcome, key: string): JSONAnswer {
  switch (outcome.kind) {
    case 'answer':
      return keyedAnswer(outcome.answer, key, outcome.replayed);
    case 'key-reused':
      return errorAnswer(
        422,
        'IdempotencyKeyReused',
        'this Idempotency-Key was already used with another request body; send a new key for a new request',
      );
    case 'cancelled':
      return cancelled();
    case 'caller-gone':
      // Nobody reads this: the caller closed its connection while another caller's call ran.
      return errorAnswer(499, 'ClientClosedRequest', 'the caller went away');
  }
}

function entryAnswer(entry: LedgerEntry | undefined, key: string): JSONAnswer {
  if (!entry) return notFound();
  switch (entry.state) {
    case 'done':
      return entry.answer ? keyedAnswer(entry.answer, key, true) : notFound();
    case 'pending':
      return errorAnswer(202, 'GenerationPending', 'the generation is still running', {
        headers: { 'retry-after': '2' },
        extra: { status: 'pending' },
      });
    case 'cancelled':
      return cancelled();
    case 'lost':
      return lost();
  }
}

/** Creates the durable endpoints over `options.ledger`. */
export function createDurableGenerations(options: DurableGenerationsOptions): DurableGenerations {
  const { ledger } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const running = new RunningCalls();

  return {
    async post(input) {
      const key = input.idempotencyKey ?? globalThis.crypto.randomUUID();
      if (!isValidIdempotencyKey(key)) {
        return errorAnswer(
          400,
          'InvalidParameter',
          'the Idempotency-Key header must be 1 to 255 visible ASCII characters',
        );
      }
      try {
        const outcome = await runDurableCall({
          ledger,
          id: ledgerId(input.scope, key),
          fingerprint: await bodyFingerprint(input.bodyText),
          leaseMs,
          call: (abort) => input.forward(abort, key),
          isStorable: isStorableAnswer,
          waitUntil: options.waitUntil,
          running,
          caller: input.caller,
          ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        });
        return outcomeAnswer(outcome, key);
      } catch {
        return ledgerDown();
      }
    },
    async get(scope, key) {
      if (!isValidIdempotencyKey(key)) return notFound();
      try {
        return entryAnswer(await ledger.get(ledgerId(scope, key)), key);
      } catch {
        return ledgerDown();
      }
    },
    async cancel(scope, key) {
      if (!isValidIdempotencyKey(key)) return notFound();
      const id = ledgerId(scope, key);
      try {
        const before = await ledger.cancel(id);
        if (before?.state === 'pending') {
          running.abort(id, cancelledReason());
          return errorAnswer(200, 'GenerationCancelled', 'the generation was cancelled', {
            extra: { status: 'cancelled' },
          });
        }
        return entryAnswer(before, key);
      } catch {
        return ledgerDown();
      }
    },
  };
}
