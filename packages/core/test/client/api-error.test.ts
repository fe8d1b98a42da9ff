import { describe, expect, it } from 'vitest';
import {
  createAPIErrorFromResponse,
  parseErrorBody,
  summarizeText,
} from '../../src/client/api-error.js';
import { TokenHubAPIError } from '../../src/errors.js';

function headers(values: Record<string, string> = {}): { get(name: string): string | null } {
  return { get: (name) => values[name.toLowerCase()] ?? null };
}

describe('parseErrorBody', () => {
  it('reads the upstream shape {code, message, request_id}', () => {
    const parsed = parseErrorBody(
      JSON.stringify({
        code: 'InvalidParameter',
        message: 'size 9K is not supported',
        request_id: 'req-1',
      }),
      400,
    );
    expect(parsed).toMatchObject({
      code: 'InvalidParameter',
      message: 'size 9K is not supported',
      requestId: 'req-1',
    });
  });

  it('reads the OpenAI-compatible shape {error: {code, message, type}}', () => {
    const body = {
      error: {
        code: 'Throttling.RateQuota',
        message: 'Requests rate limit exceeded',
        type: 'rate_limit',
      },
    };
    const parsed = parseErrorBody(JSON.stringify(body), 429);
    expect(parsed).toEqual({
      code: 'Throttling.RateQuota',
      message: 'Requests rate limit exceeded',
      requestId: undefined,
      body,
    });
  });

  it('falls back to the type when the nested error has no code', () => {
    expect(parseErrorBody('{"error":{"message":"x","type":"server_error"}}', 500).code).toBe(
      'server_error',
    );
  });

  it('summarises an HTML 502 page by its title', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const parsed = parseErrorBody(html, 502);
    expect(parsed.code).toBeUndefined();
    expect(parsed.message).toBe('502 Bad Gateway');
    expect(parsed.body).toBe(html);
  });

  it('summarises plain text without tags, collapsed and at most 200 characters', () => {
    expect(summarizeText('<p>upstream\n\n   connect error</p>')).toBe('upstream connect error');
    const long = parseErrorBody('x'.repeat(5000), 500).message;
    expect(long.length).toBe(200);
  });

  it('names the status for an empty body', () => {
    expect(parseErrorBody('', 503).message).toBe('HTTP 503 with an empty body');
  });

  it('keeps a JSON value that is not an object as the body', () => {
    expect(parseErrorBody('"overloaded"', 503)).toMatchObject({
      message: '"overloaded"',
      body: 'overloaded',
    });
  });
});

describe('createAPIErrorFromResponse', () => {
  it('builds a retryable error for 429 with the server wait and the request id from the header', () => {
    const error = createAPIErrorFromResponse({
      status: 429,
      headers: headers({ 'retry-after': '3', 'x-request-id': 'hdr-1' }),
      text: '{"code":"Throttling.RateQuota","message":"slow down"}',
    });
    expect(TokenHubAPIError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 429,
      code: 'Throttling.RateQuota',
      requestId: 'hdr-1',
      retryable: true,
    });
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toBe(
      'TokenHub API error 429 Throttling.RateQuota: slow down (request id hdr-1)',
    );
  });

  it('prefers the body request id and marks 400/401 as not retryable', () => {
    const error = createAPIErrorFromResponse({
      status: 401,
      headers: headers({ 'x-request-id': 'hdr' }),
      text: '{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"body-id"}',
    });
    expect(error).toMatchObject({ requestId: 'body-id', retryable: false, code: 'InvalidApiKey' });
  });

  it('retries 408, 409, 429 and 5xx only', () => {
    const retryable = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504].filter(
      (status) => createAPIErrorFromResponse({ status, headers: headers(), text: '' }).retryable,
    );
    expect(retryable).toEqual([408, 409, 429, 500, 502, 503, 504]);
  });

  it('scrubs the API key when the gateway echoes it', () => {
    const secret = 'sk-live-abcdef123456';
    const error = createAPIErrorFromResponse({
      status: 401,
      headers: headers(),
      text: JSON.stringify({ code: 'InvalidApiKey', message: `key ${secret} is not valid` }),
      secret,
    });
    expect(JSON.stringify({ ...error, message: error.message, body: error.body })).not.toContain(
      secret,
    );
    expect(error.message).toContain('key [redacted] is not valid');
  });

  it('scrubs the API key from a request id header that echoes it', () => {
    const secret = 'sk-live-abcdef123456';
    const error = createAPIErrorFromResponse({
      status: 500,
      headers: headers({ 'x-request-id': `id-${secret}` }),
      text: 'oops',
      secret,
    });
    expect(error.requestId).toBe('id-[redacted]');
  });
});
