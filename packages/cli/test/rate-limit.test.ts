import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../src/rate-limit.js';

describe('createRateLimiter', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  /** Start times (ms after asking) of `count` callers that all ask for a slot at once. */
  async function startTimes(rpm: number | undefined, count: number): Promise<number[]> {
    const limit = createRateLimiter(rpm);
    const asked = Date.now();
    const started: number[] = [];
    const all = Array.from({ length: count }, () =>
      limit().then(() => started.push(Date.now() - asked)),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    return started;
  }

  it('spaces start times by 60000 / rpm', async () => {
    expect(await startTimes(600, 4)).toEqual([0, 100, 200, 300]);
    expect(await startTimes(1, 2)).toEqual([0, 60_000]);
  });

  it('does not wait without a limit', async () => {
    expect(await startTimes(undefined, 3)).toEqual([0, 0, 0]);
  });

  it('lets a caller that comes after a quiet period start at once', async () => {
    const limit = createRateLimiter(600);
    await limit();
    await vi.advanceTimersByTimeAsync(1000);
    const before = Date.now();
    await limit();
    expect(Date.now()).toBe(before);
  });

  it('rejects a waiting caller with the abort reason', async () => {
    const limit = createRateLimiter(60);
    await limit();
    const controller = new AbortController();
    const waiting = limit(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
