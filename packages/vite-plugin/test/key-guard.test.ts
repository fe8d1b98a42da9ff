import { describe, expect, it } from 'vitest';
import { findSecret, publishedSecretVariables } from '../src/key-guard.js';

const key = 'sk-tokenhub-7Qm/9xZ+pL2rT8vWc3Nd';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('findSecret', () => {
  it('finds the key as it is', () => {
    expect(findSecret(`const k = "${key}";`, key)).toBe('plain');
  });

  it.each([
    ['a \\u escape of its first letter', `"\\u0073${key.slice(1)}"`],
    [
      'every character \\u-escaped',
      JSON.stringify(key).replace(
        /[^"]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    ],
    ['its "/" written as "\\/"', `{"k":"${key.replace('/', '\\/')}"}`],
    ['a JavaScript \\x escape', `'\\x73${key.slice(1)}'`],
    ['a \\u{...} escape', `'\\u{73}${key.slice(1)}'`],
    ['HTML character references', `<meta content="&#x73;&#107;${key.slice(2)}">`],
  ])('finds it escaped: %s', (_label, text) => {
    expect(findSecret(text, key)).toBe('escaped');
  });

  it.each([
    ['encodeURIComponent', `?k=${encodeURIComponent(key)}`],
    [
      'every byte percent-encoded, lower case',
      [...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
    ],
  ])('finds it URL-encoded: %s', (_label, text) => {
    expect(findSecret(text, key)).toBe('url-encoded');
  });

  it.each([0, 1, 2, 3, 4, 5])(
    'finds it base64-encoded inside a longer text (%i bytes before it)',
    (before) => {
      const encoded = b64(`${'x'.repeat(before)}${key}{"more":"data"}`);
      expect(findSecret(`data:text/plain;base64,${encoded}`, key)).toBe('base64');
      const urlSafe = encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      expect(findSecret(urlSafe, key)).toBe('base64');
    },
  );

  it('does not find what is not there', () => {
    expect(findSecret('sk-tokenhub-7Qm/9xZ+pL2rT8vW (cut) c3Nd', key)).toBeUndefined();
    expect(findSecret(b64('something else entirely, quite long'), key)).toBeUndefined();
    expect(findSecret('%zz %4 \\u12 \\', key)).toBeUndefined();
    expect(findSecret('anything', '')).toBeUndefined();
  });
});

describe('publishedSecretVariables', () => {
  it('names variables holding the key in any encoding, and ones named like the key', () => {
    expect(
      publishedSecretVariables(
        {
          VITE_API: key,
          VITE_B64: b64(key),
          VITE_TOKENHUB_API_KEY: 'anything',
          VITE_TITLE: 'My app',
          MODE: 'production',
          DEV: false,
        },
        key,
      ),
    ).toEqual(['VITE_API', 'VITE_B64', 'VITE_TOKENHUB_API_KEY']);
  });
});
