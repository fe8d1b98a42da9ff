import { describe, expect, it } from 'vitest';
import {
  describeConnectionFailure,
  isConnectionFailure,
  isTransportTimeout,
} from '../../src/client/connection.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('connection failure classification', () => {
  it("treats fetch's TypeError and socket error codes as connection failures", () => {
    const refused = new TypeError('fetch failed', {
      cause: withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
    });
    expect(isConnectionFailure(refused)).toBe(true);
    expect(isConnectionFailure(new TypeError('terminated'))).toBe(true);
    expect(isConnectionFailure(withCode('other side closed', 'UND_ERR_SOCKET'))).toBe(true);
    // A custom fetch (node-fetch, got) throws the operating system's error, unwrapped.
    expect(isConnectionFailure(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isConnectionFailure(withCode('getaddrinfo EAI_AGAIN x', 'EAI_AGAIN'))).toBe(true);
    expect(describeConnectionFailure(refused)).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(describeConnectionFailure(withCode('other side closed', 'UND_ERR_SOCKET'))).toBe(
      'other side closed (UND_ERR_SOCKET)',
    );
  });

  it('does not treat programming errors as connection failures', () => {
    expect(isConnectionFailure(new RangeError('bad'))).toBe(false);
    expect(isConnectionFailure(new Error('boom'))).toBe(false);
    expect(isConnectionFailure('nope')).toBe(false);
    // Node's own ERR_* codes name a misuse, not the network.
    expect(isConnectionFailure(withCode('bad header', 'ERR_INVALID_CHAR'))).toBe(false);
    expect(isConnectionFailure(withCode('assertion', 'ERR_ASSERTION'))).toBe(false);
  });

  it("recognises undici's own timeouts anywhere in the cause chain", () => {
    const headersTimeout = new TypeError('fetch failed', {
      cause: withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'),
    });
    expect(isTransportTimeout(headersTimeout)).toBe(true);
    expect(isTransportTimeout(withCode('Body Timeout Error', 'UND_ERR_BODY_TIMEOUT'))).toBe(true);
    expect(isTransportTimeout(withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'))).toBe(
      true,
    );
    expect(isTransportTimeout(new TypeError('fetch failed'))).toBe(false);
    // The operating system's ETIMEDOUT is a connection that never came up: a connection failure.
    expect(isTransportTimeout(withCode('connect ETIMEDOUT', 'ETIMEDOUT'))).toBe(false);
    expect(isConnectionFailure(withCode('connect ETIMEDOUT', 'ETIMEDOUT'))).toBe(true);
  });
});
