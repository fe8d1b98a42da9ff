import { describe, expect, it } from 'vitest';
import { bodyFingerprint } from '../../src/server/ledger/fingerprint.js';

/** SHA-256 through Web Crypto, the path of runtimes without `node:crypto` (workerd). */
async function webCryptoSHA256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}

describe('bodyFingerprint', () => {
  // Replicas on different runtimes share one Redis ledger: both paths must give the same digest.
  it.each([
    '',
    '{"model":"wan2.7-image","input":{"messages":[]}}',
    'Ein Fuchs im Schnee, 雪の中の狐 🦊',
    'x'.repeat(100_000),
  ])(
    'is the SHA-256 hex digest of the UTF-8 body, as Web Crypto computes it (%#)',
    async (text) => {
      expect(await bodyFingerprint(text)).toBe(await webCryptoSHA256(text));
    },
  );

  it('tells bodies apart that differ in one character', async () => {
    expect(await bodyFingerprint('{"n":1}')).not.toBe(await bodyFingerprint('{"n":2}'));
  });
});
