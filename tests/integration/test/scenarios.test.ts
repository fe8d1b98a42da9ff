import { imageRequest } from '@tokenhub/image-core';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { describe, expect, it } from 'vitest';
import { API_KEY, clientFor, readVector, transports, useMockGateway } from './helpers.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const gateway = useMockGateway();

async function expectPng(url: string): Promise<void> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
}

const scenarios = [
  { vector: 'text-to-image', images: 1 },
  { vector: 'text-to-image.wan2.6-t2i', images: 1 },
  { vector: 'image-editing', images: 1 },
  { vector: 'interactive-editing', images: 1 },
  { vector: 'group-generation', images: 4 },
] as const;

describe.each(transports)("the guide's scenarios over %s", (transport) => {
  it.each(scenarios)(
    '$vector returns $images PNG(s) with the request id',
    async ({ vector, images }) => {
      const body = readVector(vector);
      const client = clientFor(transport, { baseURL: gateway().url });
      const result = await client.generateImages(body);

      expect(gateway().requests).toHaveLength(1);
      const received = gateway().requests[0];
      expect(received?.body).toEqual(body);
      expect(received?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(received?.headers['content-type']).toBe('application/json');
      expect(received?.headers.accept).toBe('application/json');
      expect(received?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

      expect(result.requestId).toBe(received?.requestId);
      expect(result.finished).toBe(true);
      expect(result.images).toHaveLength(images);
      expect(result.usage.imageCount).toBe(images);
      expect(result.usage.size).toMatch(/^\d+\*\d+$/);
      expect(new Set(result.images.map((image) => image.url)).size).toBe(images);
      for (const image of result.images) {
        // The mock signs URLs like the upstream store: `Expires` in unix seconds, 24 hours ahead.
        const hoursLeft = ((image.expiresAt?.getTime() ?? 0) - Date.now()) / 3_600_000;
        expect(hoursLeft).toBeGreaterThan(23.9);
        expect(hoursLeft).toBeLessThanOrEqual(24);
        await expectPng(image.url);
      }
    },
  );
});

describe('builders', () => {
  it('sends what the builder builds (validated once, by the client)', async () => {
    const client = clientFor('node preset (undici agent)', { baseURL: `${gateway().url}/` });
    const builder = imageRequest('wan2.7-image-pro')
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp',
      )
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp',
        {
          boxes: [[989, 515, 1138, 681]],
        },
      )
      .text(
        'Place the alarm clock from image 1 into the selected box in image 2, keeping scene and lighting naturally blended.',
      )
      .size('2K')
      .n(1)
      .watermark(false);
    const result = await client.generateImages(builder);
    expect(gateway().requests[0]?.body).toEqual(readVector('interactive-editing'));
    expect(result.images).toHaveLength(1);
  });

  it('sends user headers and the given idempotency key, and no Authorization without a key', async () => {
    const client = clientFor('platform fetch', {
      baseURL: gateway().url,
      apiKey: undefined,
      headers: { 'X-Trace': 'client' },
    });
    const keyless = await startMockGateway();
    try {
      const proxyLike = clientFor('platform fetch', { baseURL: keyless.url, apiKey: undefined });
      await proxyLike.generateImages(readVector('text-to-image'), {
        idempotencyKey: 'my-key-1',
        headers: { 'x-call': 'yes' },
      });
      const headers = keyless.requests[0]?.headers ?? {};
      expect(headers.authorization).toBeUndefined();
      expect(headers['idempotency-key']).toBe('my-key-1');
      expect(headers['x-call']).toBe('yes');
    } finally {
      await keyless.close();
    }
    // The keyed gateway refuses the keyless client: a 401, not retried.
    await expect(client.generateImages(readVector('text-to-image'))).rejects.toMatchObject({
      status: 401,
      code: 'InvalidApiKey',
    });
    expect(gateway().requests).toHaveLength(1);
    expect(gateway().requests[0]?.headers['x-trace']).toBe('client');
  });
});
