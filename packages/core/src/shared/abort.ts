/**
 * Abortable waiting: the reason an aborted signal carries, a sleep that an abort cuts short, and
 * the per-attempt deadline (a timer plus the caller's signal) that the client and the proxy share.
 * Browser-safe: timers and `AbortController` only.
 */

/** setTimeout's largest delay; a longer (or infinite) limit means no timer at all. */
const maxTimerMs = 2_147_483_647;

/** The reason an aborted signal carries, or a standard AbortError when it carries none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Throws the reason of `signal` when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/**
 * Waits `ms` milliseconds. When `signal` aborts (before or during the wait) the promise rejects at
 * once with the signal's reason (by default a `DOMException` named `AbortError`) and the timer is
 * cleared.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One attempt's abort wiring: see {@link startDeadline}. */
export interface Deadline {
  /** Aborts when the caller's signal aborts (with its reason) or the time is up (with `timeoutReason`). */
  readonly signal: AbortSignal;
  /** True once the timer fired (and not the caller). */
  timedOut(): boolean;
  /**
   * Settles `work`, or rejects with the abort reason as soon as {@link signal} aborts, even when
   * `work` ignores its signal (a custom `fetch` that never looks at it).
   */
  race<T>(work: Promise<T>): Promise<T>;
  /** Clears the timer and detaches from the caller's signal. Call it once the attempt is over. */
  dispose(): void;
}

/**
 * Starts a deadline: one controller (cheaper than `AbortSignal.timeout` + `AbortSignal.any` on a
 * hot path) aborted by `parent` or by a timer after `timeoutMs`. A limit of 0, a negative or
 * non-finite one, or one above setTimeout's range sets no timer.
 */
export function startDeadline(
  parent: AbortSignal | null | undefined,
  timeoutMs: number,
  timeoutReason: () => unknown,
): Deadline {
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(abortReason(parent as AbortSignal));
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const deadline = startDeadlineOn(controller, timeoutMs, timeoutReason);
  return {
    ...deadline,
    dispose(): void {
      deadline.dispose();
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** What a deadline aborts: an `AbortController`, or anything with its `abort` and `signal`. */
export interface Abortable {
  abort(reason?: unknown): void;
  readonly signal: AbortSignal;
}

/**
 * A deadline on a controller the caller made for this one call: the timer aborts `target` itself,
 * so no second controller is chained to it (each `AbortSignal` costs Node 20 more than hashing a
 * request body), and its signal is read only when someone asks for it. Its owner tells a timeout
 * from its own abort by {@link Deadline.timedOut} or by the reason.
 */
export function startDeadlineOn(
  target: Abortable,
  timeoutMs: number,
  timeoutReason: () => unknown,
): Deadline {
  let timedOut = false;
  const timer =
    timeoutMs > 0 && timeoutMs < maxTimerMs
      ? setTimeout(() => {
          timedOut = true;
          target.abort(timeoutReason());
        }, timeoutMs)
      : undefined;
  return {
    get signal(): AbortSignal {
      return target.signal;
    },
    timedOut: () => timedOut,
    race<T>(work: Promise<T>): Promise<T> {
      const signal = target.signal;
      if (signal.aborted) return Promise.reject(signal.reason);
      return Promise.race([
        work,
        new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      ]);
    },
    dispose(): void {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
