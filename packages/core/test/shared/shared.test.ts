import { describe, expect, it } from 'vitest';
import { startDeadline } from '../../src/shared/abort.js';
import { expiresAtFromUrl, readExpiresAt } from '../../src/shared/expiry.js';
import { DEFAULT_BASE_URL, generationsURL } from '../../src/shared/gateway.js';
import { numberOption } from '../../src/shared/options.js';
import { isRetryableStatus } from '../../src/shared/retryable-status.js';

describe('readExpiresAt: the one reader of a signed link expiry', () => {
  it('reads Expires in any case, in Unix seconds', () => {
    for (const name of ['Expires', 'expires', 'EXPIRES']) {
      expect(readExpiresAt(`https://x/a.png?sig=1&${name}=1700000000`)).toEqual(
        new Date(1_700_000_000_000),
      );
    }
    expect(expiresAtFromUrl('https://x/a.png?Expires=10#frag')).toBe(10_000);
  });

  it('ignores other parameters and non-digit values', () => {
    expect(readExpiresAt('https://x/a.png?X-Expires=10')).toBeUndefined();
    expect(readExpiresAt('https://x/a.png?Expires=10s')).toBeUndefined();
    expect(readExpiresAt('https://x/a.png')).toBeUndefined();
  });
});

describe('isRetryableStatus: one rule for the client and downloads', () => {
  it('retries 408, 409, 429 and 5xx, nothing else', () => {
    const retryable = [200, 301, 400, 401, 403, 404, 408, 409, 410, 422, 429, 500, 502, 599].filter(
      isRetryableStatus,
    );
    expect(retryable).toEqual([408, 409, 429, 500, 502, 599]);
  });
});

describe('generationsURL', () => {
  it('joins a base (origin or proxy path) and the generations path', () => {
    expect(generationsURL(`${DEFAULT_BASE_URL}/`)).toBe(
      `${DEFAULT_BASE_URL}/v1/images/generations`,
    );
    expect(generationsURL('/api/tokenhub//')).toBe('/api/tokenhub/v1/images/generations');
  });
});

describe('numberOption', () => {
  it('returns the value or the fallback', () => {
    expect(numberOption(undefined, 2, { name: 'maxRetries', integer: true })).toBe(2);
    expect(numberOption(0, 2, { name: 'maxRetries', integer: true })).toBe(0);
    expect(numberOption(Infinity, 1, { name: 'timeoutMs', allowInfinity: true })).toBe(Infinity);
  });

  it('names the option, the rule and the value, with the caller error type', () => {
    expect(() =>
      numberOption(1.5, 2, { owner: 'saveImages', name: 'retries', integer: true }),
    ).toThrow(new TypeError('saveImages: retries must be an integer >= 0; got 1.5'));
    expect(() => numberOption(0, 1, { name: 'maxBodyBytes', min: 1 })).toThrow(
      'maxBodyBytes must be a number >= 1; got 0',
    );
    expect(() => numberOption(Number.NaN, 1, { name: 'timeoutMs', allowInfinity: true })).toThrow(
      'timeoutMs must be a number >= 0 (or Infinity); got NaN',
    );
    expect(() => numberOption(Infinity, 1, { name: 'n', integer: true })).toThrow(TypeError);
    class OwnError extends Error {}
    expect(() => numberOption(-1, 1, { name: 'x' }, (message) => new OwnError(message))).toThrow(
      OwnError,
    );
  });
});

describe('startDeadline', () => {
  it('aborts with the timeout reason and reports it', async () => {
    const deadline = startDeadline(undefined, 5, () => new Error('late'));
    await expect(deadline.race(new Promise(() => undefined))).rejects.toThrow('late');
    expect(deadline.timedOut()).toBe(true);
    deadline.dispose();
  });

  it('follows the parent signal, also one aborted before the start', async () => {
    const parent = new AbortController();
    parent.abort(new Error('caller left'));
    const deadline = startDeadline(parent.signal, 0, () => new Error('late'));
    expect(deadline.signal.aborted).toBe(true);
    await expect(deadline.race(Promise.resolve(1))).rejects.toThrow('caller left');
    expect(deadline.timedOut()).toBe(false);
  });

  it('lets work that finishes in time through and sets no timer for 0', async () => {
    const deadline = startDeadline(new AbortController().signal, 0, () => new Error('late'));
    await expect(deadline.race(Promise.resolve('done'))).resolves.toBe('done');
    deadline.dispose();
  });
});
