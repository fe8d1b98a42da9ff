import { describe, expect, it } from 'vitest';
import { interpretResponse } from '../../src/client/interpret-response.js';
import { TokenHubAPIError, TokenHubNoImageError } from '../../src/errors.js';

const key = 'sk-interpret-0123456789';

function headers(values: Record<string, string> = {}): { get(name: string): string | null } {
  return { get: (name) => values[name.toLowerCase()] ?? null };
}

const okBody = JSON.stringify({
  output: { choices: [{ message: { content: [{ image: 'https://img/a.png?Expires=10' }] } }] },
  request_id: 'req-1',
});

describe('interpretResponse (no fetch involved)', () => {
  it('parses a 2xx JSON answer into the result', () => {
    const result = interpretResponse({ status: 200, headers: headers(), text: okBody }, key);
    expect(result.images).toEqual([
      { url: 'https://img/a.png?Expires=10', choiceIndex: 0, expiresAt: new Date(10_000) },
    ]);
    expect(result.requestId).toBe('req-1');
  });

  it('makes a 2xx non-JSON body a retryable MalformedResponse with the header request id', () => {
    const error = (() => {
      try {
        interpretResponse(
          { status: 200, headers: headers({ 'x-request-id': 'hdr-1' }), text: '<html>oops' },
          key,
        );
      } catch (caught) {
        return caught;
      }
    })() as TokenHubAPIError;
    expect(TokenHubAPIError.isInstance(error)).toBe(true);
    expect(error.code).toBe('MalformedResponse');
    expect(error.retryable).toBe(true);
    expect(error.requestId).toBe('hdr-1');
    expect(error.message).toContain('not valid JSON: oops');
  });

  it('says "(empty body)" for an empty 2xx', () => {
    expect(() => interpretResponse({ status: 200, headers: headers(), text: '' }, key)).toThrow(
      '(empty body)',
    );
  });

  it('makes a non-2xx an API error with the status rule for retrying', () => {
    const run = (status: number) => {
      try {
        interpretResponse(
          { status, headers: headers(), text: '{"code":"X","message":"m"}' },
          undefined,
        );
      } catch (caught) {
        return caught as TokenHubAPIError;
      }
      throw new Error('no error');
    };
    expect(run(400).retryable).toBe(false);
    expect(run(409).retryable).toBe(true);
    expect(run(503).status).toBe(503);
  });

  it('makes a redirect (3xx, or a browser opaque redirect with status 0) a non-retryable error', () => {
    for (const status of [0, 302, 307]) {
      let caught: unknown;
      try {
        interpretResponse(
          { status, headers: headers({ location: `https://elsewhere/${key}` }), text: okBody },
          key,
        );
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ status, code: 'Redirect', retryable: false });
      expect((caught as Error).message).not.toContain(key);
    }
  });

  it('makes a 2xx without image a TokenHubNoImageError', () => {
    expect(() =>
      interpretResponse(
        { status: 200, headers: headers(), text: '{"output":{"choices":[]}}' },
        key,
      ),
    ).toThrow(TokenHubNoImageError);
  });

  it('scrubs an echoed key from the body, the raw JSON and the request id', () => {
    const echo = JSON.stringify({ code: 'InvalidApiKey', message: `bad key ${key}` });
    const error = (() => {
      try {
        interpretResponse(
          { status: 401, headers: headers({ 'x-request-id': `id-${key}` }), text: echo },
          key,
        );
      } catch (caught) {
        return caught as TokenHubAPIError;
      }
    })();
    expect(JSON.stringify([error?.message, error?.body, error?.requestId])).not.toContain(key);
    const result = interpretResponse(
      {
        status: 200,
        headers: headers({ 'x-request-id': key }),
        text: okBody.replace('req-1', key),
      },
      key,
    );
    expect(JSON.stringify(result)).not.toContain(key);
  });
});
