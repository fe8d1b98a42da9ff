/**
 * The contract every GenerationLedger keeps, run against the memory ledger and against a real
 * redis-server (each Redis "replica" with its own connection).
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { GenerationLedger, StoredAnswer } from '@tokenhub/image-core/server';
import { memoryLedger } from '@tokenhub/image-core/server';
import { type RedisLedger, redisLedger } from '@tokenhub/image-core/server/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../redis-server.js';

let redis: RedisServer;
const opened: RedisLedger[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const ledger of opened) await ledger.close();
  await redis?.stop();
});

const answer: StoredAnswer = {
  status: 200,
  body: '{"output":{"choices":[]},"request_id":"r-1"}',
  headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
};

let counter = 0;
const freshId = () => `scope\u0000key-${++counter}-${Date.now()}`;

interface Kind {
  name: string;
  /** Two handles on one shared ledger, as two replicas would have. */
  replicas(options?: {
    ttlMs?: number;
    maxEntryBytes?: number;
  }): [GenerationLedger, GenerationLedger];
}

const kinds: Kind[] = [
  {
    name: 'memoryLedger',
    replicas(options) {
      const ledger = memoryLedger(options);
      return [ledger, ledger];
    },
  },
  {
    name: 'redisLedger',
    replicas(options) {
      const keyPrefix = `test:${++counter}:`;
      const a = redisLedger({ url: redis.url, keyPrefix, ...options });
      const b = redisLedger({ url: redis.url, keyPrefix, ...options });
      opened.push(a, b);
      return [a, b];
    },
  },
];

describe.each(kinds)('$name', (kind) => {
  it('lets exactly one of many concurrent claims win, across replicas', async () => {
    const [a, b] = kind.replicas();
    const id = freshId();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(id, 'fp', 10_000)),
    );
    expect(results.filter((result) => result.claimed)).toHaveLength(1);
    for (const result of results) {
      if (!result.claimed) {
        expect(result.entry).toMatchObject({ state: 'pending', fingerprint: 'fp' });
      }
    }
  });

  it('stores the answer of the lease holder and replays it to every later claim', async () => {
    const [a, b] = kind.replicas();
    const id = freshId();
    const claim = await a.claim(id, 'fp', 10_000);
    if (!claim.claimed) throw new Error('first claim must win');
    expect(await b.complete(id, 'someone-else', answer)).toBe(false);
    expect(await a.complete(id, claim.lease, answer)).toBe(true);
    const again = await b.claim(id, 'fp', 10_000);
    expect(again).toEqual({
      claimed: false,
      entry: expect.objectContaining({ state: 'done', fingerprint: 'fp', answer }),
    });
    expect(await b.get(id)).toMatchObject({ state: 'done', answer });
  });

  it('forgets a released call so that a retry may call again', async () => {
    const [a, b] = kind.replicas();
    const id = freshId();
    const claim = await a.claim(id, 'fp', 10_000);
    if (!claim.claimed) throw new Error('first claim must win');
    await b.release(id, 'not-the-lease');
    expect(await b.get(id)).toMatchObject({ state: 'pending' });
    await a.release(id, claim.lease);
    expect(await b.get(id)).toBeUndefined();
    expect((await b.claim(id, 'fp', 10_000)).claimed).toBe(true);
  });

  it('cancels a pending call: the holder can neither renew nor complete it', async () => {
    const [a, b] = kind.replicas();
    const id = freshId();
    const claim = await a.claim(id, 'fp', 10_000);
    if (!claim.claimed) throw new Error('first claim must win');
    expect(await b.cancel(id)).toMatchObject({ state: 'pending' });
    expect(await a.renew(id, claim.lease, 10_000)).toBe(false);
    expect(await a.complete(id, claim.lease, answer)).toBe(false);
    expect(await b.get(id)).toMatchObject({ state: 'cancelled', fingerprint: 'fp' });
    expect(await b.claim(id, 'fp', 10_000)).toMatchObject({
      claimed: false,
      entry: { state: 'cancelled' },
    });
    expect(await b.cancel(freshId())).toBeUndefined();
  });

  it('marks a call whose lease ran out as lost, and lets the next claim start afresh', async () => {
    const [a, b] = kind.replicas();
    const id = freshId();
    // Lease and waits have room for a loaded machine: a renewal must land within the lease.
    const claim = await a.claim(id, 'fp', 1000);
    if (!claim.claimed) throw new Error('first claim must win');
    expect(await a.renew(id, claim.lease, 1000)).toBe(true);
    await sleep(2500);
    expect(await b.get(id)).toMatchObject({ state: 'lost' });
    const second = await b.claim(id, 'fp', 10_000);
    expect(second.claimed).toBe(true);
    // The dead holder's lease no longer counts.
    expect(await a.complete(id, claim.lease, answer)).toBe(false);
    expect(await a.renew(id, claim.lease, 10_000)).toBe(false);
  });

  it('drops entries after ttlMs', async () => {
    const [a] = kind.replicas({ ttlMs: 1500 });
    const id = freshId();
    const claim = await a.claim(id, 'fp', 10_000);
    if (!claim.claimed) throw new Error('first claim must win');
    expect(await a.complete(id, claim.lease, answer)).toBe(true);
    expect(await a.get(id)).toBeDefined();
    await sleep(3000);
    expect(await a.get(id)).toBeUndefined();
  });

  it('keeps a 502 AnswerNotKept instead of an answer over maxEntryBytes', async () => {
    const [a] = kind.replicas({ maxEntryBytes: 64 });
    const id = freshId();
    const claim = await a.claim(id, 'fp', 10_000);
    if (!claim.claimed) throw new Error('first claim must win');
    expect(await a.complete(id, claim.lease, answer)).toBe(true);
    const entry = await a.get(id);
    expect(entry?.answer?.status).toBe(502);
    expect(JSON.parse(entry?.answer?.body ?? '{}')).toMatchObject({ code: 'AnswerNotKept' });
  });

  it('keeps ids of different scopes apart', async () => {
    const [a] = kind.replicas();
    const key = `key-${++counter}`;
    expect((await a.claim(`alice\u0000${key}`, 'fp', 10_000)).claimed).toBe(true);
    expect((await a.claim(`bob\u0000${key}`, 'fp', 10_000)).claimed).toBe(true);
  });
});

describe('memoryLedger bounds', () => {
  it('evicts the least recently used finished entry beyond maxEntries', async () => {
    const ledger = memoryLedger({ maxEntries: 2 });
    for (const id of ['a', 'b']) {
      const claim = await ledger.claim(id, 'fp', 10_000);
      if (claim.claimed) await ledger.complete(id, claim.lease, answer);
    }
    await ledger.get('a'); // a is now the most recently used
    await ledger.claim('c', 'fp', 10_000);
    expect(await ledger.get('b')).toBeUndefined();
    expect(await ledger.get('a')).toMatchObject({ state: 'done' });
    expect(await ledger.get('c')).toMatchObject({ state: 'pending' });
  });

  it('names the option it refuses', () => {
    expect(() => memoryLedger({ maxEntries: 0 })).toThrow(
      /memoryLedger: maxEntries must be a number >= 1; got 0/,
    );
    expect(() => redisLedger({ url: 'redis://127.0.0.1:1', ttlMs: -1 })).toThrow(/ttlMs/);
  });
});
