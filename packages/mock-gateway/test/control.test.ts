import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockGateway, type RecordedRequestJson, startMockGateway } from '../src/index.js';
import { imageUrls, postGeneration, textBody } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterEach(() => gateway.reset());
afterAll(() => gateway.close());

const body = textBody('control');

function postControl(path: string, json: unknown): Promise<Response> {
  return fetch(`${gateway.url}${path}`, { method: 'POST', body: JSON.stringify(json) });
}

describe('recording', () => {
  it('records every generation request in arrival order with headers and body', async () => {
    await postGeneration(gateway.url, textBody('first'), { 'idempotency-key': 'k1' });
    await postGeneration(gateway.url, textBody('second'));
    expect(
      gateway.requests.map(
        (r) =>
          (r.body as { input: { messages: { content: { text: string }[] }[] } }).input.messages[0]
            ?.content[0]?.text,
      ),
    ).toEqual(['first', 'second']);
    const [first] = gateway.requests;
    expect(first?.headers['idempotency-key']).toBe('k1');
    expect(first).toMatchObject({ status: 200, outcome: 'completed' });
    expect(first?.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('waitForRequest resolves with a request that arrives later', async () => {
    const waiting = gateway.waitForRequest((r) => r.headers['x-marker'] === 'late');
    await postGeneration(gateway.url, body, { 'x-marker': 'late' });
    expect((await waiting).headers['x-marker']).toBe('late');
    await expect(
      gateway.waitForRequest((r) => r.headers['x-marker'] === 'never', 30),
    ).rejects.toThrow(/30 ms/);
  });

  it("records a client's abort as 'aborted'", async () => {
    const controller = new AbortController();
    const pending = postGeneration(
      gateway.url,
      body,
      { 'x-mock-latency-ms': '10000' },
      { signal: controller.signal },
    );
    const recorded = await gateway.waitForRequest();
    expect(recorded.outcome).toBe('pending');
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await recorded.settled).toBe('aborted');
    expect(recorded.outcome).toBe('aborted');
    expect(recorded.status).toBeUndefined();
  });
});

describe('bounded recording', () => {
  it('keeps only the latest maxRecordedRequests', async () => {
    const bounded = await startMockGateway({ maxRecordedRequests: 2 });
    try {
      for (const prompt of ['one', 'two', 'three'])
        await postGeneration(bounded.url, textBody(prompt));
      const prompts = bounded.requests.map(
        (r) => JSON.stringify(r.body).match(/"text":"(\w+)"/)?.[1],
      );
      expect(prompts).toEqual(['two', 'three']);
    } finally {
      await bounded.close();
    }
  });
});

describe('latency', () => {
  it('setLatency delays answers until reset restores the option', async () => {
    gateway.setLatency(10_000);
    await expect(
      postGeneration(gateway.url, body, {}, { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    gateway.reset();
    expect((await postGeneration(gateway.url, body)).status).toBe(200);
  });

  it('x-mock-latency-ms overrides per request', async () => {
    gateway.setLatency(10_000);
    expect((await postGeneration(gateway.url, body, { 'x-mock-latency-ms': '0' })).status).toBe(
      200,
    );
  });
});

describe('control endpoints over HTTP', () => {
  it('GET /health', async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('POST /__mock/faults queues faults; unknown ones are refused', async () => {
    const queued = await postControl('/__mock/faults', { faults: ['502', '429-retry-after'] });
    expect(await queued.json()).toEqual({ ok: true, queued: ['502', '429-retry-after'] });
    expect((await postGeneration(gateway.url, body)).status).toBe(502);
    expect((await postGeneration(gateway.url, body)).headers.get('retry-after')).toBe('1');
    const refused = await postControl('/__mock/faults', { faults: ['nope'] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('nope');
  });

  it('POST /__mock/latency sets the latency; POST /__mock/reset restores it', async () => {
    expect((await postControl('/__mock/latency', { ms: 10_000 })).status).toBe(200);
    await expect(
      postGeneration(gateway.url, body, {}, { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect((await postControl('/__mock/latency', { ms: -1 })).status).toBe(400);
    expect((await postControl('/__mock/reset', {})).status).toBe(200);
    expect((await postGeneration(gateway.url, body)).status).toBe(200);
  });

  it('GET /__mock/requests lists requests without the key; reset clears them', async () => {
    await postGeneration(gateway.url, body, { authorization: 'Bearer secret-key-789' });
    const response = await fetch(`${gateway.url}/__mock/requests`);
    const text = await response.text();
    expect(text).not.toContain('secret-key-789');
    const list = JSON.parse(text) as RecordedRequestJson[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 200, outcome: 'completed', body });
    expect(list[0]?.headers.authorization).toBe('Bearer [redacted]');
    expect(gateway.requests[0]?.headers.authorization).toBe('Bearer secret-key-789');
    await postControl('/__mock/reset', {});
    expect(await (await fetch(`${gateway.url}/__mock/requests`)).json()).toEqual([]);
  });
});

describe('CORS', () => {
  it('answers a preflight allowing the headers a browser client sends', async () => {
    const response = await fetch(`${gateway.url}/v1/images/generations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:6006',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    for (const header of [
      'authorization',
      'content-type',
      'idempotency-key',
      'x-mock-fault',
      'x-mock-latency-ms',
    ]) {
      expect(allowed).toContain(header);
    }
    expect(gateway.requests).toHaveLength(0);
  });

  it('adds the CORS headers to answers, images included', async () => {
    const response = await postGeneration(gateway.url, body);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const [url = ''] = imageUrls(await response.json());
    const image = await fetch(url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('close', () => {
  it('closes promptly even with a request waiting on latency', async () => {
    const other = await startMockGateway({ latencyMs: 60_000 });
    const pending = postGeneration(other.url, body).catch((error: unknown) => error);
    await other.waitForRequest();
    await other.close();
    expect(await pending).toBeInstanceOf(TypeError);
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
