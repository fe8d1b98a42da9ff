import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeBackoffMs,
  computeRetryDelayMs,
  defaultRetryBackoff,
  parseRetryAfterMs,
} from '../../src/client/retry.js';
import { sleep } from '../../src/shared/abort.js';

function headers(values: Record<string, string>): { get(name: string): string | null } {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lower[name.toLowerCase()] ?? null };
}

describe('computeBackoffMs', () => {
  it('is an integer within [0.75 * base, base] where base doubles per retry up to the max', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        (retryIndex, random, initialDelayMs, maxDelayMs) => {
          const delay = computeBackoffMs(retryIndex, {
            initialDelayMs,
            maxDelayMs,
            random: () => random,
          });
          const base = Math.min(initialDelayMs * 2 ** Math.min(retryIndex, 52), maxDelayMs);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.75));
          expect(delay).toBeLessThanOrEqual(base);
          expect(delay).toBeLessThanOrEqual(maxDelayMs);
        },
      ),
    );
  });

  it('uses 500 ms doubling to 8 s by default', () => {
    const noJitter = { random: () => 0 };
    expect([0, 1, 2, 3, 4, 5, 10].map((i) => computeBackoffMs(i, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(computeBackoffMs(0, { random: () => 0.999_999 })).toBe(375);
  });

  it('spreads retries of clients that failed together (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => computeBackoffMs(3)));
    expect(delays.size).toBeGreaterThan(5);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads retry-after-ms, rounding up to whole ms', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '1500' }), now)).toBe(1500);
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '12.2' }), now)).toBe(13);
  });

  it('prefers retry-after-ms over Retry-After', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': '250', 'Retry-After': '9' }), now)).toBe(
      250,
    );
  });

  it('reads Retry-After in seconds, including 0 and fractions', () => {
    expect(parseRetryAfterMs(headers({ 'Retry-After': '2' }), now)).toBe(2000);
    expect(parseRetryAfterMs(headers({ 'Retry-After': '0' }), now)).toBe(0);
    expect(parseRetryAfterMs(headers({ 'Retry-After': '1.5' }), now)).toBe(1500);
  });

  it('reads Retry-After as an HTTP date relative to now', () => {
    const inFiveSeconds = new Date(now + 5000).toUTCString();
    expect(parseRetryAfterMs(headers({ 'Retry-After': inFiveSeconds }), now)).toBe(5000);
  });

  it('ignores a date in the past, garbage, negatives and absent headers', () => {
    expect(
      parseRetryAfterMs(headers({ 'Retry-After': new Date(now - 5000).toUTCString() }), now),
    ).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'Retry-After': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'Retry-After': '-3' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after-ms': 'abc' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({}), now)).toBeUndefined();
  });
});

describe('computeRetryDelayMs', () => {
  it("honours the server's wait up to the cap", () => {
    expect(computeRetryDelayMs(0, 1234)).toBe(1234);
    expect(computeRetryDelayMs(0, 0)).toBe(0);
    expect(computeRetryDelayMs(0, defaultRetryBackoff.maxRetryAfterMs)).toBe(60_000);
  });

  it('falls back to the backoff beyond the cap or without a server wait', () => {
    const options = { random: () => 0, initialDelayMs: 100 };
    expect(computeRetryDelayMs(2, 60_001, options)).toBe(400);
    expect(computeRetryDelayMs(2, undefined, options)).toBe(400);
    expect(computeRetryDelayMs(1, 5000, { ...options, maxRetryAfterMs: 1000 })).toBe(200);
  });

  it('always returns a non-negative integer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: undefined }),
        (retryIndex, retryAfterMs) => {
          const delay = computeRetryDelayMs(retryIndex, retryAfterMs);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(60_000);
        },
      ),
    );
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    await expect(sleep(5)).resolves.toBeUndefined();
  });

  it('rejects at once with the signal reason when aborted during the wait', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects with an AbortError DOMException for abort() without a reason, also when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await sleep(60_000, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});
