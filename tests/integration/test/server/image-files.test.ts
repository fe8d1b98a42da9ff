/**
 * Same-origin image files through the proxy over real HTTP: links rewritten to the proxy, bytes
 * streamed from the ledger's stored answer or from the image store after the links expired.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileImageStore } from '@tokenhub/image-core/node';
import type { ImageStore, ProxyCompletion } from '@tokenhub/image-core/server';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from '../helpers.js';
import { type ListeningProxy, listenProxy, postJSON } from './listen.js';

const mock = useMockGateway({ apiKey: API_KEY });
// For the expiry tests, a gateway whose links die after 10 s, so "after the 24 hours" takes a
// moment. Not less: on a loaded CI machine the generation and the copy of both images into the
// store took over 3 s, and the second link died before it was kept.
const imageTtlMs = 10_000;
let shortLived: MockGateway;
beforeAll(async () => {
  shortLived = await startMockGateway({ apiKey: API_KEY, imageTtlMs });
});
afterAll(async () => {
  await shortLived?.close();
});
const proxies: ListeningProxy[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenhub-images-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  while (proxies.length > 0) await proxies.pop()?.close();
});

async function proxy(extra: object = {}): Promise<ListeningProxy> {
  const listening = await listenProxy({
    apiKey: API_KEY,
    baseURL: mock().url,
    rewriteImageURLs: true,
    authorize: (request: Request) => ({
      allow: true,
      tag: request.headers.get('x-user') ?? 'alice',
    }),
    ...extra,
  });
  proxies.push(listening);
  return listening;
}

interface Answer {
  output: {
    choices: Array<{ message: { content: Array<{ image: string; upstream_image: string }> } }>;
  };
}

async function generate(p: ListeningProxy, key: string, n = 2): Promise<Answer> {
  const body = { ...textToImage(), parameters: { size: '1K', n } };
  const response = await postJSON(p.endpoint, body, { 'idempotency-key': key });
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as Answer;
}

// Images are compared by digest: a deep equality walks a megabyte PNG element by element and, on a
// loaded machine, blocks the event loop for seconds, long enough for the server to close the idle
// kept-alive connection just as the next request goes out on it (ECONNRESET).
const digestOf = async (response: Response) =>
  createHash('sha256')
    .update(new Uint8Array(await response.arrayBuffer()))
    .digest('hex');

const imagesOf = (answer: Answer) =>
  answer.output.choices.flatMap((choice) => choice.message.content);

describe('rewriteImageURLs', () => {
  it('points every image at the proxy, keeps the link beside it, and serves the same bytes', async () => {
    const p = await proxy();
    const images = imagesOf(await generate(p, 'files-1'));
    expect(images.map((image) => image.image)).toEqual([
      '/api/tokenhub/v1/images/files/files-1/0',
      '/api/tokenhub/v1/images/files/files-1/1',
    ]);
    for (const [index, image] of images.entries()) {
      expect(image.upstream_image).toMatch(new RegExp(`^${mock().url}/images/`));
      const same = await fetch(`${p.origin}${image.image}`);
      expect(same.status).toBe(200);
      expect(same.headers.get('content-type')).toBe('image/png');
      expect(same.headers.get('cache-control')).toContain('private');
      expect(same.headers.get('cache-control')).toContain('immutable');
      const served = await digestOf(same);
      expect(served).toBe(await digestOf(await fetch(image.upstream_image)));
      expect(index).toBeLessThan(2);
    }
  });

  it('answers ETag revalidation with 304 and a Range with 206', async () => {
    const p = await proxy();
    const [image] = imagesOf(await generate(p, 'files-2', 1));
    const url = `${p.origin}${image?.image}`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    await first.arrayBuffer();
    expect((await fetch(url, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
    const part = await fetch(url, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes 0-7\/\d+$/);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it('answers 404 for unknown keys and indexes, another identity, and path tricks', async () => {
    const p = await proxy();
    await generate(p, 'files-3', 1);
    const base = `${p.origin}/api/tokenhub/v1/images/files`;
    const statusOf = async (url: string, headers: Record<string, string> = {}) =>
      (await fetch(url, { headers })).status;
    expect(await statusOf(`${base}/files-3/0`)).toBe(200);
    expect(await statusOf(`${base}/files-3/0`, { 'x-user': 'mallory' })).toBe(404);
    expect(await statusOf(`${base}/files-3/1`)).toBe(404);
    expect(await statusOf(`${base}/unknown/0`)).toBe(404);
    for (const trick of [
      'files-3/00',
      'files-3/-1',
      'files-3/0x0',
      'files-3/0/..',
      '..%2Ffiles-3/0',
      'files-3',
    ]) {
      expect(await statusOf(`${base}/${trick}`)).toBe(404);
    }
    const post = await fetch(`${base}/files-3/0`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('without a store, an expired link is 410 ImageExpired', async () => {
    const p = await proxy({ baseURL: shortLived.url });
    const [image] = imagesOf(await generate(p, 'files-4', 1));
    await sleep(imageTtlMs + 300);
    const expired = await fetch(`${p.origin}${image?.image}`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ code: 'ImageExpired' });
  });
});

describe('imageStore', () => {
  it('keeps the bytes, so the same URL works after the link expired', async () => {
    const completions: ProxyCompletion[] = [];
    const p = await proxy({
      baseURL: shortLived.url,
      imageStore: fileImageStore({ dir }),
      onComplete: (completion: ProxyCompletion) => completions.push(completion),
    });
    const images = imagesOf(await generate(p, 'kept-1'));
    expect(completions.at(-1)?.images).toEqual({ kept: 2, failed: 0 });
    const before = await Promise.all(
      images.map(async (image) => digestOf(await fetch(`${p.origin}${image.image}`))),
    );
    await sleep(imageTtlMs + 300);
    expect((await fetch(images[0]?.upstream_image ?? '')).status).toBe(410);
    for (const [index, image] of images.entries()) {
      const after = await fetch(`${p.origin}${image.image}`);
      expect(after.status).toBe(200);
      expect(await digestOf(after)).toBe(before[index]);
    }
    const part = await fetch(`${p.origin}${images[0]?.image}`, { headers: { range: 'bytes=-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes \d+-\d+\/\d+$/);
    expect((await part.arrayBuffer()).byteLength).toBe(4);
  });

  it('a store that fails never fails the generation; onComplete says so', async () => {
    const completions: ProxyCompletion[] = [];
    const broken: ImageStore = {
      put: async () => {
        throw new Error('disk full');
      },
      get: async () => undefined,
    };
    const p = await proxy({
      imageStore: broken,
      onComplete: (completion: ProxyCompletion) => completions.push(completion),
    });
    await generate(p, 'kept-broken', 2);
    expect(completions.at(-1)?.images).toEqual({ kept: 0, failed: 2, error: 'image 0: disk full' });
  });

  it('fileImageStore keeps within its caps: the oldest go first, an oversized image is refused', async () => {
    const small = await mkdtemp(join(tmpdir(), 'tokenhub-cap-'));
    try {
      const bytes = (n: number) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(n).fill(7));
            controller.close();
          },
        });
      const store = fileImageStore({ dir: small, maxTotalBytes: 250, maxImageBytes: 200 });
      await store.put('a', 0, { body: bytes(100), contentType: 'image/png' });
      await store.put('b', 0, { body: bytes(100), contentType: 'image/png' });
      await store.put('c', 0, { body: bytes(100), contentType: 'image/png' });
      expect(await store.get('a', 0)).toBeUndefined();
      expect((await store.get('c', 0))?.size).toBe(100);
      await expect(
        store.put('d', 0, { body: bytes(300), contentType: 'image/png' }),
      ).rejects.toThrow(/maxImageBytes/);
      // No partial file is left behind.
      expect((await readdir(small)).filter((name) => name.endsWith('.part'))).toEqual([]);
      expect(() => fileImageStore({ dir: small, maxTotalBytes: 0 })).toThrow(/maxTotalBytes/);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });
});
