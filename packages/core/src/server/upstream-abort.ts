/**
 * What aborts one upstream call of the proxy: a cancel (`DELETE`), the call's time limit, or the
 * caller going away when there is no ledger.
 *
 * Not an `AbortController`: making an `AbortSignal` costs Node 20 about 7 µs (an `EventTarget`),
 * more than hashing a request body, and a busy proxy made one per call only to pass it to its own
 * transport. The built-in transport listens here directly; a `fetch` of the user's still gets a
 * real signal, made when it is first read.
 */
export class UpstreamAbort {
  #aborted = false;
  #reason: unknown;
  #controller: AbortController | undefined;
  #listener: ((reason: unknown) => void) | undefined;

  /** True once {@link abort} was called. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** The reason given to the first {@link abort}. */
  get reason(): unknown {
    return this.#reason;
  }

  /** A signal that aborts with this call, made on first read (already aborted when this is). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the call with `reason`; later calls change nothing. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }

  /**
   * Calls `listener` once, on abort. One listener at a time (the transport's): a second replaces
   * the first. {@link stopListening} detaches it.
   */
  listen(listener: (reason: unknown) => void): void {
    this.#listener = listener;
  }

  /** Detaches the listener (the call is over). */
  stopListening(): void {
    this.#listener = undefined;
  }
}
