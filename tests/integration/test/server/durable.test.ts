/**
 * Durable generations through the proxy over real HTTP: one upstream generation per
 * Idempotency-Key and caller, whatever the caller's connection does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { memoryLedger } from '@tokenhub/image-core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from '../helpers.js';
import { call, type ListeningProxy, listenProxy, postJSON } from './listen.js';

const mock = useMockGateway();
const proxies: ListeningProxy[] = [];
afterEach(async () => {
  while (proxies.length > 0) await proxies.pop()?.close();
});

async function proxy(
  extra: Partial<Parameters<typeof listenProxy>[0] & object> = {},
): Promise<ListeningProxy> {
  const listening = await listenProxy({ apiKey: API_KEY, baseURL: mock().url, ...extra });
  proxies.push(listening);
  return listening;
}

const generations = (key: string) =>
  mock().requests.filter((request) => request.headers['idempotency-key'] === key);

describe('one generation per Idempotency-Key', () => {
  it('joins a call in flight and replays a finished one, with no second upstream call', async () => {
    const { endpoint } = await proxy();
    mock().setLatency(600);
    const headers = { 'idempotency-key': 'key-join' };
    const [first, second] = await Promise.all([
      postJSON(endpoint, textToImage(), headers),
      sleep(100).then(() => postJSON(endpoint, textToImage(), headers)),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');

    const third = await postJSON(endpoint, textToImage(), headers);
    expect(third.text).toBe(first.text);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.headers['x-request-id']).toBe(first.headers['x-request-id']);
    expect(generations('key-join')).toHaveLength(1);
  });

  it('refuses the same key with another body: 422 IdempotencyKeyReused', async () => {
    const { endpoint } = await proxy();
    const headers = { 'idempotency-key': 'key-reuse' };
    expect((await postJSON(endpoint, textToImage('a fox'), headers)).status).toBe(200);
    const reused = await postJSON(endpoint, textToImage('a hare'), headers);
    expect(reused.status).toBe(422);
    expect(JSON.parse(reused.text)).toMatchObject({ code: 'IdempotencyKeyReused' });
    expect(generations('key-reuse')).toHaveLength(1);
  });

  it('keeps a key per caller identity: another tag gets its own generation and cannot read it', async () => {
    const { endpoint } = await proxy({
      authorize: (request) => ({ allow: true, tag: request.headers.get('x-user') ?? 'nobody' }),
    });
    const key = 'key-scope';
    const alice = await postJSON(endpoint, textToImage(), {
      'idempotency-key': key,
      'x-user': 'alice',
    });
    const bob = await postJSON(endpoint, textToImage(), {
      'idempotency-key': key,
      'x-user': 'bob',
    });
    expect(alice.status).toBe(200);
    expect(bob.headers['idempotent-replayed']).toBeUndefined();
    expect(generations(key)).toHaveLength(2);
    const asBob = await call(`${endpoint}/${key}`, { headers: { 'x-user': 'mallory' } });
    expect(asBob.status).toBe(404);
    const asAlice = await call(`${endpoint}/${key}`, { headers: { 'x-user': 'alice' } });
    expect(asAlice.status).toBe(200);
    expect(asAlice.text).toBe(alice.text);
  });

  it('rejects an unusable Idempotency-Key before anything is sent', async () => {
    const { endpoint } = await proxy();
    const response = await postJSON(endpoint, textToImage(), { 'idempotency-key': 'has space' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).message).toMatch(/Idempotency-Key/);
    expect(mock().requests).toHaveLength(0);
  });
});

describe('a caller that goes away', () => {
  it('does not stop the generation: GET returns 202 while it runs, then the stored answer', async () => {
    const { endpoint } = await proxy();
    mock().setLatency(800);
    const key = 'key-dropped';
    const abort = new AbortController();
    const dropped = fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(textToImage()),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    await mock().waitForRequest((request) => request.headers['idempotency-key'] === key);
    abort.abort();
    await dropped;

    const pending = await call(`${endpoint}/${key}`);
    expect(pending.status).toBe(202);
    expect(pending.headers['retry-after']).toBe('2');
    expect(JSON.parse(pending.text)).toMatchObject({ status: 'pending' });

    const settled = await mock().waitForRequest(
      (request) => request.headers['idempotency-key'] === key && request.settled !== undefined,
    );
    await settled.settled;
    expect(generations(key)[0]?.outcome).toBe('completed');
    let stored = await call(`${endpoint}/${key}`);
    for (let i = 0; i < 50 && stored.status === 202; i++) {
      await sleep(100);
      stored = await call(`${endpoint}/${key}`);
    }
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.text).output.choices.length).toBeGreaterThan(0);
    expect(stored.headers['idempotent-replayed']).toBe('true');
    // The retry after the drop gets the same answer without a second generation.
    const retry = await postJSON(endpoint, textToImage(), { 'idempotency-key': key });
    expect(retry.text).toBe(stored.text);
    expect(generations(key)).toHaveLength(1);
  });

  it('with ledger: false, a disconnect aborts the upstream call as before', async () => {
    const { endpoint } = await proxy({ ledger: false });
    mock().setLatency(800);
    const abort = new AbortController();
    const dropped = fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-off' },
      body: JSON.stringify(textToImage()),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    const request = await mock().waitForRequest();
    abort.abort();
    await dropped;
    await request.settled;
    expect(generations('key-off')[0]?.outcome).toBe('aborted');
    expect((await call(`${endpoint}/key-off`)).status).toBe(404);
  });
});

describe('GET and DELETE', () => {
  it('answers 404 for a key it does not know', async () => {
    const { endpoint } = await proxy();
    expect((await call(`${endpoint}/never-seen`)).status).toBe(404);
    expect((await call(`${endpoint}/never-seen`, { method: 'DELETE' })).status).toBe(404);
    const wrong = await call(`${endpoint}/some-key`, { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, DELETE');
    expect((await call(`${endpoint}/a/b`)).status).toBe(404);
  });

  it('DELETE cancels the upstream call; GET and a repeated POST then say cancelled', async () => {
    const { endpoint } = await proxy();
    mock().setLatency(3000);
    const key = 'key-cancel';
    const running = postJSON(endpoint, textToImage(), { 'idempotency-key': key });
    const request = await mock().waitForRequest((seen) => seen.headers['idempotency-key'] === key);
    const cancelled = await call(`${endpoint}/${key}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(JSON.parse(cancelled.text)).toMatchObject({ status: 'cancelled' });
    await request.settled;
    expect(generations(key)[0]?.outcome).toBe('aborted');
    const answer = await running;
    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'GenerationCancelled' });
    expect((await call(`${endpoint}/${key}`)).status).toBe(410);
    const again = await postJSON(endpoint, textToImage(), { 'idempotency-key': key });
    expect(again.status).toBe(410);
    expect(generations(key)).toHaveLength(1);
  });
});

describe('what is kept', () => {
  it('keeps a final 4xx answer but not a 5xx or a 429, so a retry after those calls again', async () => {
    const { endpoint } = await proxy();
    mock().enqueueFault('503');
    const headers = { 'idempotency-key': 'key-5xx' };
    expect((await postJSON(endpoint, textToImage(), headers)).status).toBe(503);
    expect((await postJSON(endpoint, textToImage(), headers)).status).toBe(200);
    expect(generations('key-5xx')).toHaveLength(2);

    // A 429 says "later": not kept, so the client's retry with the same key goes upstream again.
    mock().enqueueFault('429');
    const throttled = { 'idempotency-key': 'key-429' };
    expect((await postJSON(endpoint, textToImage(), throttled)).status).toBe(429);
    const retried = await postJSON(endpoint, textToImage(), throttled);
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(generations('key-429')).toHaveLength(2);

    mock().enqueueFault('400');
    const bad = { 'idempotency-key': 'key-4xx' };
    const first = await postJSON(endpoint, textToImage(), bad);
    expect(first.status).toBe(400);
    const replay = await postJSON(endpoint, textToImage(), bad);
    expect(replay.status).toBe(400);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(generations('key-4xx')).toHaveLength(1);
  });

  it('a bounded memory ledger forgets the least recently used answer', async () => {
    const { endpoint } = await proxy({ ledger: memoryLedger({ maxEntries: 1 }) });
    await postJSON(endpoint, textToImage(), { 'idempotency-key': 'key-old' });
    await postJSON(endpoint, textToImage(), { 'idempotency-key': 'key-new' });
    expect((await call(`${endpoint}/key-old`)).status).toBe(404);
    expect((await call(`${endpoint}/key-new`)).status).toBe(200);
  });
});
