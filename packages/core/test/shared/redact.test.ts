import { describe, expect, it } from 'vitest';
import { maskHeaders } from '../../src/client/observe.js';
import { redactJSON, redactSecret } from '../../src/shared/redact.js';

const key = 'sk-a/b+c?0123456789';

describe('redactSecret / redactJSON', () => {
  it('scrubs the key raw and base64-encoded (standard and URL-safe)', () => {
    const standard = Buffer.from(key).toString('base64');
    const urlSafe = Buffer.from(key).toString('base64url');
    const text = redactSecret(`a ${key} b ${standard} c ${urlSafe}`, key);
    expect(text).toBe('a [redacted] b [redacted]== c [redacted]');
  });

  it('scrubs what JSON decodes to: \\u escapes and \\/ inside parsed strings and keys', () => {
    const escaped = [...key]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const raw = `{"message":"bad ${escaped}","nested":[{"${key.replace('/', '\\/')}":"x"}]}`;
    expect(redactSecret(raw, key)).toBe(raw); // the raw text does not contain the key
    const parsed = redactJSON(JSON.parse(raw), key);
    expect(JSON.stringify(parsed)).not.toContain(key);
    expect(parsed).toEqual({ message: 'bad [redacted]', nested: [{ '[redacted]': 'x' }] });
  });

  it('leaves values alone without a key', () => {
    expect(redactJSON({ a: 'sk-x' }, undefined)).toEqual({ a: 'sk-x' });
  });
});

describe('maskHeaders', () => {
  it('masks credential headers and scrubs the key from the others', () => {
    expect(
      maskHeaders({ authorization: `Bearer ${key}`, 'x-trace': `t-${key}`, accept: 'a' }, key),
    ).toEqual({ authorization: '[redacted]', 'x-trace': 't-[redacted]', accept: 'a' });
  });
});
