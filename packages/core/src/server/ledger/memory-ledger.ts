/**
 * The in-process ledger: the proxy's default, right for one server process (the Vite plugin, a
 * single Node server). Bounded: least recently used entries go first once `maxEntries` is reached.
 */

import { numberOption } from '../../shared/options.js';
import {
  answerFits,
  type ClaimResult,
  type GenerationLedger,
  type LedgerEntry,
  ledgerDefaults,
  type StoredAnswer,
} from './ledger.js';

/** Options of {@link memoryLedger}. */
export interface MemoryLedgerOptions {
  /** Most entries kept; the least recently used is dropped beyond it. Default 1000. */
  maxEntries?: number;
  /** How long an entry is kept, in ms. Default 24 hours (the lifetime of the signed links). */
  ttlMs?: number;
  /**
   * Largest answer kept, in bytes. A larger answer is replaced by a stored 502 `AnswerNotKept`
   * error, so a repeat of the call is told so instead of paying again. Default 256 KiB.
   */
  maxEntryBytes?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface Slot {
  entry: LedgerEntry;
  lease: string | undefined;
  leaseExpiresAt: number;
  expiresAt: number;
}

/** The stored stand-in for an answer that could not be kept (too large, unreadable). */
export function answerNotKept(why: string): StoredAnswer {
  return {
    status: 502,
    body: JSON.stringify({
      code: 'AnswerNotKept',
      message: `the answer of this generation ${why} and was not kept; start a new generation`,
    }),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  };
}

/** The answer to store: `answer`, or the stand-in when it is over `maxEntryBytes`. */
export function keptAnswer(answer: StoredAnswer, maxEntryBytes: number): StoredAnswer {
  return answerFits(answer, maxEntryBytes)
    ? answer
    : answerNotKept(`was larger than ${maxEntryBytes} bytes`);
}

/**
 * A {@link GenerationLedger} in this process's memory. Every replica has its own, so use
 * `redisLedger` from `@tokenhub/image-core/server/redis` behind a load balancer.
 */
export function memoryLedger(options: MemoryLedgerOptions = {}): GenerationLedger {
  const owner = 'memoryLedger';
  const maxEntries = numberOption(options.maxEntries, 1000, { owner, name: 'maxEntries', min: 1 });
  const ttlMs = numberOption(options.ttlMs, ledgerDefaults.ttlMs, { owner, name: 'ttlMs', min: 1 });
  const maxEntryBytes = numberOption(options.maxEntryBytes, ledgerDefaults.maxEntryBytes, {
    owner,
    name: 'maxEntryBytes',
    min: 1,
  });
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();

  /** The live slot for `id`, marked most recently used; expired slots are dropped on the way. */
  const touch = (id: string): Slot | undefined => {
    const slot = slots.get(id);
    if (!slot) return undefined;
    slots.delete(id);
    if (slot.expiresAt <= now()) return undefined;
    if (slot.entry.state === 'pending' && slot.leaseExpiresAt <= now()) {
      slot.entry = { ...slot.entry, state: 'lost' };
      slot.lease = undefined;
    }
    slots.set(id, slot);
    return slot;
  };

  const evict = () => {
    if (slots.size <= maxEntries) return;
    // Prefer an entry whose call is over; a running call loses its entry only when all are running.
    let victim: string | undefined;
    for (const [id, slot] of slots) {
      if (slot.entry.state !== 'pending') {
        victim = id;
        break;
      }
      victim ??= id;
    }
    if (victim !== undefined) slots.delete(victim);
  };

  // Leases only need to be unique within this process: a counter, not a random UUID per call.
  let leases = 0;

  const holding = (id: string, lease: string): Slot | undefined => {
    const slot = touch(id);
    return slot && slot.lease === lease && slot.entry.state === 'pending' ? slot : undefined;
  };

  return {
    async claim(id, fingerprint, leaseMs): Promise<ClaimResult> {
      const slot = touch(id);
      if (slot && slot.entry.state !== 'lost') return { claimed: false, entry: slot.entry };
      const lease = `lease-${++leases}`;
      const time = now();
      // A lost slot was moved to the end by `touch`: replacing it keeps it there.
      slots.set(id, {
        entry: { state: 'pending', fingerprint, startedAt: time },
        lease,
        leaseExpiresAt: time + leaseMs,
        expiresAt: time + ttlMs,
      });
      evict();
      return { claimed: true, lease };
    },
    async renew(id, lease, leaseMs) {
      const slot = holding(id, lease);
      if (!slot) return false;
      slot.leaseExpiresAt = now() + leaseMs;
      return true;
    },
    async complete(id, lease, answer) {
      const slot = holding(id, lease);
      if (!slot) return false;
      slot.entry = { ...slot.entry, state: 'done', answer: keptAnswer(answer, maxEntryBytes) };
      slot.lease = undefined;
      slot.expiresAt = now() + ttlMs;
      return true;
    },
    async release(id, lease) {
      if (holding(id, lease)) slots.delete(id);
    },
    async cancel(id) {
      const slot = touch(id);
      if (!slot) return undefined;
      const before = slot.entry;
      if (before.state === 'pending') {
        slot.entry = { ...before, state: 'cancelled' };
        slot.lease = undefined;
      }
      return before;
    },
    async get(id) {
      return touch(id)?.entry;
    },
  };
}
