import { describe, expect, it } from 'vitest';
import { UpstreamAbort } from '../../src/server/upstream-abort.js';

describe('UpstreamAbort', () => {
  it('calls its listener once, with the first reason, and keeps that reason', () => {
    const abort = new UpstreamAbort();
    const heard: unknown[] = [];
    abort.listen((reason) => heard.push(reason));
    expect(abort.aborted).toBe(false);
    abort.abort('cancelled');
    abort.abort('timed out');
    expect(heard).toEqual(['cancelled']);
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('cancelled');
  });

  it('calls no listener after stopListening (the call is over)', () => {
    const abort = new UpstreamAbort();
    const heard: unknown[] = [];
    abort.listen((reason) => heard.push(reason));
    abort.stopListening();
    abort.abort('late');
    expect(heard).toEqual([]);
  });

  it('gives a fetch a signal that aborts with it, also when read after the abort', () => {
    const before = new UpstreamAbort();
    const signal = before.signal;
    expect(signal.aborted).toBe(false);
    before.abort('cancelled');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('cancelled');
    expect(before.signal).toBe(signal);

    const after = new UpstreamAbort();
    after.abort('timed out');
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe('timed out');
  });
});
