import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdempotencyKey } from '../../src/client/idempotency-key.js';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createIdempotencyKey', () => {
  it('returns distinct UUID v4 strings', () => {
    const keys = new Set(Array.from({ length: 100 }, createIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(uuidV4);
  });

  it('still returns a UUID v4 without crypto.randomUUID (plain-http pages)', () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const first = createIdempotencyKey();
    expect(first).toMatch(uuidV4);
    expect(createIdempotencyKey()).not.toBe(first);
  });
});
