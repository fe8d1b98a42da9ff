/**
 * The proxy's durable generations: `POST` runs through the ledger (exactly once per caller identity
 * and `Idempotency-Key`), `GET .../generations/{key}` reads a stored or running call, `DELETE`
 * cancels it. The upstream call itself is the proxy's own; this file only decides whether to make
 * it, and what each caller gets.
 */
import { isRetryableStatus } from '../shared/retryable-status.js';
import { errorResponse } from './error-response.js';
import { type DurableOutcome, type RunningCalls, runDurableCall } from './ledger/durable-call.js';
import type { GenerationLedger, LedgerEntry, StoredAnswer } from './ledger/ledger.js';

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
  signal?: AbortSignal | undefined;
  /** Makes the upstream call and returns the response to send; `signal` aborts it (a cancel). */
  forward: (signal: AbortSignal, idempotencyKey: string) => Promise<Response>;
}

/** The durable-generation endpoints of the proxy. */
export interface DurableGenerations {
  /** `POST .../generations`: joins, replays or makes the call. */
  post(input: DurablePost): Promise<Response>;
  /** `GET .../generations/{key}`: 200 stored answer, 202 pending, 404 unknown, 410 cancelled or lost. */
  get(scope: string | undefined, key: string): Promise<Response>;
  /** `DELETE .../generations/{key}`: cancels a running call. */
  cancel(scope: string | undefined, key: string): Promise<Response>;
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

/** A SHA-256 digest of the body, so the same key with another body can be refused. */
export async function bodyFingerprint(bodyText: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(bodyText),
  );
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Final answers are kept: 2xx, and 4xx that a retry would not change. A 5xx (timeouts, an
 * unreachable upstream) and a retryable 4xx (408, 409, 429: "try again later") are not, so the
 * client's retry with the same key calls upstream again instead of replaying the refusal.
 */
export function isStorableAnswer(answer: StoredAnswer): boolean {
  return answer.status < 500 && !isRetryableStatus(answer.status);
}

/** Reads a response into the form the ledger keeps. */
export async function toStoredAnswer(response: Response): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, body: await response.text(), headers };
}

/** The response for a stored or fresh answer. */
function answerResponse(answer: StoredAnswer, key: string, replayed: boolean): Response {
  const headers = new Headers(answer.headers);
  headers.set('idempotency-key', key);
  if (replayed) headers.set(replayedHeader, 'true');
  return new Response(answer.body, { status: answer.status, headers });
}

const notFound = () =>
  errorResponse(
    404,
    'GenerationNotFound',
    'no generation with this Idempotency-Key is known here (never started, expired, or started by someone else)',
  );
const cancelled = () =>
  errorResponse(410, 'GenerationCancelled', 'this generation was cancelled', {
    extra: { status: 'cancelled' },
  });
const lost = () =>
  errorResponse(
    410,
    'GenerationLost',
    'the server that ran this generation stopped before it finished; its result cannot be fetched. Start a new generation',
    { extra: { status: 'lost' } },
  );
const ledgerDown = () =>
  errorResponse(503, 'LedgerUnavailable', 'the generation ledger is unavailable; try again', {
    headers: { 'retry-after': '1' },
  });

function outcomeResponse(outcome: DurableOutcome, key: string): Response {
  switch (outcome.kind) {
    case 'answer':
      return answerResponse(outcome.answer, key, outcome.replayed);
    case 'key-reused':
      return errorResponse(
        422,
        'IdempotencyKeyReused',
        'this Idempotency-Key was already used with another request body; send a new key for a new request',
      );
    case 'cancelled':
      return cancelled();
    case 'caller-gone':
      // Nobody reads this: the caller closed its connection while another caller's call ran.
      return errorResponse(499, 'ClientClosedRequest', 'the caller went away');
  }
}

function entryResponse(entry: LedgerEntry | undefined, key: string): Response {
  if (!entry) return notFound();
  switch (entry.state) {
    case 'done':
      return entry.answer ? answerResponse(entry.answer, key, true) : notFound();
    case 'pending':
      return errorResponse(202, 'GenerationPending', 'the generation is still running', {
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
  const running: RunningCalls = new Map();

  return {
    async post(input) {
      const key = input.idempotencyKey ?? globalThis.crypto.randomUUID();
      if (!isValidIdempotencyKey(key)) {
        return errorResponse(
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
          call: async (signal) => toStoredAnswer(await input.forward(signal, key)),
          isStorable: isStorableAnswer,
          waitUntil: options.waitUntil,
          running,
          signal: input.signal,
          ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        });
        return outcomeResponse(outcome, key);
      } catch {
        return ledgerDown();
      }
    },
    async get(scope, key) {
      if (!isValidIdempotencyKey(key)) return notFound();
      try {
        return entryResponse(await ledger.get(ledgerId(scope, key)), key);
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
          running.get(id)?.abort(new DOMException('the generation was cancelled', 'AbortError'));
          return errorResponse(200, 'GenerationCancelled', 'the generation was cancelled', {
            extra: { status: 'cancelled' },
          });
        }
        return entryResponse(before, key);
      } catch {
        return ledgerDown();
      }
    },
  };
}
