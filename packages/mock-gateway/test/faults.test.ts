import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_FAULTS, type MockFault, type MockGateway, startMockGateway } from '../src/index.js';
import { imageUrls, postGeneration, textBody } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterEach(() => gateway.reset());
afterAll(() => gateway.close());

const body = textBody('fault test');

const jsonErrors: [MockFault, number, string][] = [
  ['400', 400, 'InvalidParameter'],
  ['401', 401, 'InvalidApiKey'],
  ['429', 429, 'Throttling.RateQuota'],
  ['429-retry-after', 429, 'Throttling.RateQuota'],
  ['429-retry-after-ms', 429, 'Throttling.RateQuota'],
  ['500', 500, 'InternalError'],
  ['502', 502, 'BadGateway'],
  ['503', 503, 'ServiceUnavailable'],
  ['504', 504, 'GatewayTimeout'],
];

describe('JSON error faults', () => {
  it.each(jsonErrors)(
    '%s answers %i {code: %s, message, request_id}',
    async (fault, status, code) => {
      gateway.enqueueFault(fault);
      const response = await postGeneration(gateway.url, body);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      const json = (await response.json()) as Record<string, unknown>;
      expect(json).toEqual({
        code,
        message: expect.any(String),
        request_id: response.headers.get('x-request-id'),
      });
      expect(response.headers.get('retry-after')).toBe(fault === '429-retry-after' ? '1' : null);
      expect(response.headers.get('retry-after-ms')).toBe(
        fault === '429-retry-after-ms' ? '50' : null,
      );
      const recorded = gateway.requests.at(-1);
      expect(recorded).toMatchObject({ fault, status });
      expect(await recorded?.settled).toBe('completed');
    },
  );
});

describe('other faults', () => {
  it('html-502 answers an nginx-like HTML page', async () => {
    const response = await postGeneration(gateway.url, body, { 'x-mock-fault': 'html-502' });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('malformed-json answers 200 application/json that does not parse', async () => {
    const response = await postGeneration(gateway.url, body, { 'x-mock-fault': 'malformed-json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('empty-choices answers 200 with no images', async () => {
    const response = await postGeneration(gateway.url, body, { 'x-mock-fault': 'empty-choices' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      output: { choices: [], finished: true },
      usage: { image_count: 0 },
      request_id: response.headers.get('x-request-id'),
    });
  });

  it('reset-before-headers makes fetch fail', async () => {
    gateway.enqueueFault('reset-before-headers');
    await expect(postGeneration(gateway.url, body)).rejects.toThrow(TypeError);
    const recorded = gateway.requests.at(-1);
    expect(await recorded?.settled).toBe('completed');
    expect(recorded?.status).toBeUndefined();
  });

  it('reset-mid-body sends 200 headers, then the body read fails', async () => {
    gateway.enqueueFault('reset-mid-body');
    const response = await postGeneration(gateway.url, body);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(gateway.requests.at(-1)?.status).toBe(200);
  });

  it('slow-headers holds the headers back (the client gives up waiting) and the abort is recorded', async () => {
    gateway.enqueueFault('slow-headers');
    const controller = new AbortController();
    const call = postGeneration(gateway.url, body, {}, { signal: controller.signal });
    // The client gives up 300 ms after the request arrived (a fixed timeout from the start could
    // fire before a loaded machine even delivers it); answered headers would resolve the call.
    const recorded = await gateway.waitForRequest();
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await expect(call).rejects.toThrow();
    expect(await recorded?.settled).toBe('aborted');
    expect(recorded?.status).toBeUndefined();
  });
});

describe('fault queue', () => {
  it('applies queued faults one per request, in order, then answers normally', async () => {
    gateway.enqueueFault('503', '429');
    expect((await postGeneration(gateway.url, body)).status).toBe(503);
    expect((await postGeneration(gateway.url, body)).status).toBe(429);
    const ok = await postGeneration(gateway.url, body);
    expect(ok.status).toBe(200);
    expect(imageUrls(await ok.json())).toHaveLength(1);
  });

  it('a header fault wins and leaves the queue untouched', async () => {
    gateway.enqueueFault('500');
    expect((await postGeneration(gateway.url, body, { 'x-mock-fault': '504' })).status).toBe(504);
    expect((await postGeneration(gateway.url, body)).status).toBe(500);
  });

  it('rejects unknown faults', async () => {
    expect(() => gateway.enqueueFault('418' as MockFault)).toThrow(/418/);
    const response = await postGeneration(gateway.url, body, { 'x-mock-fault': 'teapot' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('teapot');
  });

  it('MOCK_FAULTS lists every fault exactly once', () => {
    expect(new Set(MOCK_FAULTS).size).toBe(MOCK_FAULTS.length);
    expect(MOCK_FAULTS).toContain('reset-mid-body');
  });
});
