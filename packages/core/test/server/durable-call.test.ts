import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  type DurableCallInit,
  RunningCalls,
  runDurableCall,
} from '../../src/server/ledger/durable-call.js';
import type { GenerationLedger, StoredAnswer } from '../../src/server/ledger/ledger.js';
import { memoryLedger } from '../../src/server/ledger/memory-ledger.js';
import type { UpstreamAbort } from '../../src/server/upstream-abort.js';

const ok = (n: number): StoredAnswer => ({
  status: 200,
  body: JSON.stringify({ generation: n }),
  headers: { 'content-type': 'application/json' },
});

/** An upstream stand-in that counts calls and answers when `release()` is called. */
function upstream(answer: (n: number) => StoredAnswer = ok) {
  let calls = 0;
  const gates: Array<() => void> = [];
  const signals: AbortSignal[] = [];
  return {
    get calls() {
      return calls;
    },
    signals,
    release: () => {
      for (const open of gates.splice(0)) open();
    },
    call: async ({ signal }: UpstreamAbort): Promise<StoredAnswer> => {
      const n = ++calls;
      signals.push(signal);
      await new Promise<void>((resolve) => {
        gates.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return signal.aborted ? { status: 499, body: '{}', headers: {} } : answer(n);
    },
  };
}

/** Opens the gate of every call until `outcome` settles (callers may reach upstream late under load). */
async function releaseUntil<T>(up: { release(): void }, outcome: Promise<T>): Promise<T> {
  let settled = false;
  void outcome.finally(() => {
    settled = true;
  });
  while (!settled) {
    up.release();
    await sleep(5);
  }
  return outcome;
}

function init(
  ledger: GenerationLedger,
  call: DurableCallInit['call'],
  extra: Partial<DurableCallInit> = {},
): DurableCallInit {
  return {
    ledger,
    id: 'scope\u0000key',
    fingerprint: 'fp',
    leaseMs: 5000,
    call,
    isStorable: (answer) => answer.status < 500,
    running: new RunningCalls(),
    pollMs: 10,
    ...extra,
  };
}

describe('runDurableCall', () => {
  it('calls upstream once for concurrent callers and gives each the same answer', async () => {
    const ledger = memoryLedger();
    const up = upstream();
    const first = runDurableCall(init(ledger, up.call));
    const second = runDurableCall(init(ledger, up.call, { running: new RunningCalls() }));
    await sleep(30);
    up.release();
    const [a, b] = await Promise.all([first, second]);
    expect(up.calls).toBe(1);
    expect(a).toEqual({ kind: 'answer', answer: ok(1), replayed: false });
    expect(b).toEqual({ kind: 'answer', answer: ok(1), replayed: true });
    expect(await runDurableCall(init(ledger, up.call))).toEqual({
      kind: 'answer',
      answer: ok(1),
      replayed: true,
    });
    expect(up.calls).toBe(1);
  });

  it('a call that times out on its own abort is its answer, not a cancel, and is not kept', async () => {
    const ledger = memoryLedger();
    const timeout: StoredAnswer = { status: 504, body: '{"code":"UpstreamTimeout"}', headers: {} };
    const timingOut = async (abort: UpstreamAbort): Promise<StoredAnswer> => {
      abort.abort(new DOMException('no answer within 10 ms', 'TimeoutError'));
      return timeout;
    };
    expect(await runDurableCall(init(ledger, timingOut))).toEqual({
      kind: 'answer',
      answer: timeout,
      replayed: false,
    });
    // Released, not recorded as cancelled: a retry with the same key calls upstream again.
    expect(await ledger.get('scope\u0000key')).toBeUndefined();
    const up = upstream();
    const retry = runDurableCall(init(ledger, up.call));
    expect(await releaseUntil(up, retry)).toMatchObject({ kind: 'answer', replayed: false });
    expect(up.calls).toBe(1);
  });

  it('refuses the same key with another body', async () => {
    const ledger = memoryLedger();
    const up = upstream();
    const first = runDurableCall(init(ledger, up.call));
    expect(await runDurableCall(init(ledger, up.call, { fingerprint: 'other' }))).toEqual({
      kind: 'key-reused',
    });
    up.release();
    await first;
  });

  it('keeps calling upstream when the first caller goes away', async () => {
    const ledger = memoryLedger();
    const up = upstream();
    const caller = new AbortController();
    const waiting: Promise<unknown>[] = [];
    const outcome = runDurableCall(
      init(ledger, up.call, { caller, waitUntil: (p) => waiting.push(p) }),
    );
    caller.abort();
    await sleep(20);
    expect(up.signals[0]?.aborted).toBe(false);
    up.release();
    expect(await outcome).toMatchObject({ kind: 'answer', replayed: false });
    expect(waiting).toHaveLength(1);
    expect((await ledger.get('scope\u0000key'))?.state).toBe('done');
  });

  it('lets a joining caller stop waiting without stopping the call', async () => {
    const ledger = memoryLedger();
    const up = upstream();
    const first = runDurableCall(init(ledger, up.call));
    const caller = new AbortController();
    const joiner = runDurableCall(init(ledger, up.call, { caller }));
    await sleep(20);
    caller.abort();
    expect(await joiner).toEqual({ kind: 'caller-gone' });
    up.release();
    expect(await first).toMatchObject({ kind: 'answer', replayed: false });
  });

  it('does not keep a 5xx: the next caller calls again', async () => {
    const ledger = memoryLedger();
    const up = upstream((n) => (n === 1 ? { status: 503, body: '{}', headers: {} } : ok(n)));
    const first = runDurableCall(init(ledger, up.call));
    expect(await releaseUntil(up, first)).toMatchObject({
      kind: 'answer',
      answer: { status: 503 },
    });
    const retry = runDurableCall(init(ledger, up.call));
    expect(await releaseUntil(up, retry)).toEqual({
      kind: 'answer',
      answer: ok(2),
      replayed: false,
    });
  });

  it('a joiner of a call that ends in a 5xx calls again itself', async () => {
    const ledger = memoryLedger();
    const up = upstream((n) => (n === 1 ? { status: 500, body: '{}', headers: {} } : ok(n)));
    const first = runDurableCall(init(ledger, up.call));
    const joiner = runDurableCall(init(ledger, up.call, { running: new RunningCalls() }));
    await sleep(20);
    up.release();
    await first;
    expect(await releaseUntil(up, joiner)).toEqual({
      kind: 'answer',
      answer: ok(2),
      replayed: false,
    });
  });

  it('aborts the upstream call when another replica cancels it (the lease renewal fails)', async () => {
    const ledger = memoryLedger();
    const up = upstream();
    const running = new RunningCalls();
    // A lease long enough that a loaded machine cannot lose it before the cancel lands.
    const outcome = runDurableCall(init(ledger, up.call, { leaseMs: 900, running }));
    await sleep(5);
    expect(running.has('scope\u0000key')).toBe(true);
    // Another replica's DELETE: only the ledger knows; the renewal notices.
    await ledger.cancel('scope\u0000key');
    expect(await outcome).toEqual({ kind: 'cancelled' });
    expect(up.signals[0]?.aborted).toBe(true);
    expect(running.size).toBe(0);
    expect((await ledger.get('scope\u0000key'))?.state).toBe('cancelled');
  });

  it('keeps renewing the lease of every running call while they run', async () => {
    // The ledger's clock moves only here, 40 ms per step, while the real renewal timer (every 50 ms
    // for a lease of 150 ms) gets at least one tick per step: a loaded machine that stalls the event
    // loop delays both alike. Without renewals both leases would be lost by the fourth step.
    let clock = 0;
    const ledger = memoryLedger({ now: () => clock });
    const running = new RunningCalls();
    const up = upstream();
    const ids = ['scope\u0000a', 'scope\u0000b'];
    const first = runDurableCall(init(ledger, up.call, { id: ids[0], leaseMs: 150, running }));
    await sleep(60);
    clock += 40;
    const second = runDurableCall(init(ledger, up.call, { id: ids[1], leaseMs: 150, running }));
    for (let step = 0; step < 12; step++) {
      await sleep(60);
      clock += 40;
    }
    for (const id of ids) expect((await ledger.get(id))?.state).toBe('pending');
    up.release();
    expect(await first).toMatchObject({ kind: 'answer', replayed: false });
    expect(await second).toMatchObject({ kind: 'answer', replayed: false });
    for (const id of ids) expect((await ledger.get(id))?.state).toBe('done');
    expect(running.size).toBe(0);
  });

  it('starts afresh when the holder of the lease died (lost)', async () => {
    const ledger = memoryLedger();
    // A holder that claimed and then vanished: it never renews.
    await ledger.claim('scope\u0000key', 'fp', 30);
    const up = upstream();
    const outcome = runDurableCall(init(ledger, up.call));
    expect(await releaseUntil(up, outcome)).toEqual({
      kind: 'answer',
      answer: ok(1),
      replayed: false,
    });
    expect(up.calls).toBe(1);
  });
});
