/** A requests-per-minute limit: start times are spaced at least `60000 / rpm` ms apart. */

/** Waits for the next free start slot. */
export type RateLimiter = (signal?: AbortSignal) => Promise<void>;

/** Creates a limiter; `rpm` undefined or 0 means no limit. */
export function createRateLimiter(
  rpm: number | undefined,
  now: () => number = Date.now,
): RateLimiter {
  if (!rpm) return async () => undefined;
  const interval = 60_000 / rpm;
  let nextSlot = 0;
  return (signal) => {
    const current = now();
    const slot = Math.max(current, nextSlot);
    nextSlot = slot + interval;
    const wait = slot - current;
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, wait);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}
