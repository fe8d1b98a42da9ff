/**
 * The generation ledger: what the proxy remembers about each idempotent call so that a repeat of
 * the call (a client retry after a dropped connection, a page reload, a second replica) joins the
 * first one or gets its stored answer instead of paying for a second generation.
 *
 * A ledger stores entries under an opaque id (the proxy builds it from the caller's identity and
 * the `Idempotency-Key`). Exactly one caller wins {@link GenerationLedger.claim} for an id and
 * holds a lease while it calls upstream; everyone else reads the entry.
 */

/** An upstream answer as the proxy stored it, replayed as it was (the key already scrubbed). */
export interface StoredAnswer {
  /** HTTP status sent to the caller. */
  status: number;
  /** The JSON body text sent to the caller. */
  body: string;
  /** The response headers sent to the caller (lower-case names; already allow-listed and scrubbed). */
  headers: Record<string, string>;
}

/** The state of one idempotent generation. */
export type LedgerEntryState = 'pending' | 'done' | 'cancelled' | 'lost';

/** One idempotent generation as a ledger knows it. */
export interface LedgerEntry {
  /**
   * `pending`: a replica holds the lease and is calling upstream. `done`: the answer is stored.
   * `cancelled`: a `DELETE` stopped it. `lost`: the replica that held the lease stopped renewing it
   * (it died) before an answer was stored; the answer of that call cannot be fetched any more.
   */
  state: LedgerEntryState;
  /** A digest of the request body, so the same key with another body is refused. */
  fingerprint: string;
  /** When the call was claimed, in ms since the epoch. */
  startedAt: number;
  /** The stored answer, when `state` is `done`. */
  answer?: StoredAnswer;
}

/** What {@link GenerationLedger.claim} returns. */
export type ClaimResult =
  /** The caller owns the call: run it, renew `lease` while it runs, then complete or release. */
  | { claimed: true; lease: string }
  /** Someone else has (or had) this id: join it, replay it or refuse it. */
  | { claimed: false; entry: LedgerEntry };

/**
 * Storage for idempotent generations, shared by every replica of a proxy. `memoryLedger()` (one
 * process) and `redisLedger()` (any number of replicas) implement it; a custom one (SQL, a KV
 * store) must make `claim` atomic: of many concurrent claims for one id, exactly one wins.
 */
export interface GenerationLedger {
  /**
   * Claims `id` for a new call when it is unknown, or when its previous holder lost its lease
   * (state `lost`): the new call starts afresh. Otherwise returns the entry as it is.
   * @param leaseMs - How long the claim holds without a {@link GenerationLedger.renew}.
   */
  claim(id: string, fingerprint: string, leaseMs: number): Promise<ClaimResult>;
  /** Extends the lease; `false` when the caller no longer holds it (cancelled, lost, expired). */
  renew(id: string, lease: string, leaseMs: number): Promise<boolean>;
  /** Stores the answer of a claimed call; `false` when the lease was lost or the call cancelled. */
  complete(id: string, lease: string, answer: StoredAnswer): Promise<boolean>;
  /** Forgets a claimed call without an answer (a 5xx or timeout), so a retry may call again. */
  release(id: string, lease: string): Promise<void>;
  /** Marks a pending call cancelled; returns the entry as it was before, or `undefined`. */
  cancel(id: string): Promise<LedgerEntry | undefined>;
  /** The entry, or `undefined` when unknown or expired. */
  get(id: string): Promise<LedgerEntry | undefined>;
}

/** Defaults shared by the ledgers. */
export const ledgerDefaults = Object.freeze({
  /** Entries live as long as the signed links in their answers (about 24 hours). */
  ttlMs: 24 * 60 * 60 * 1000,
  /** A stored answer larger than this is not kept (generation answers are a few KB). */
  maxEntryBytes: 256 * 1024,
});

/** A random lease token. */
export function newLease(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Whether a stored answer is at most `maxBytes` in UTF-8, for the entry size cap. A body that fits
 * even at 3 bytes per UTF-16 unit (UTF-8's most) is not encoded to be counted.
 */
export function answerFits(answer: StoredAnswer, maxBytes: number): boolean {
  let size = 0;
  for (const [name, value] of Object.entries(answer.headers)) size += name.length + value.length;
  const { body } = answer;
  if (size + body.length * 3 <= maxBytes) return true;
  return size + new TextEncoder().encode(body).length <= maxBytes;
}
