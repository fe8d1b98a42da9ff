import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOX_COLORS, type MockGateway, startMockGateway } from '../src/index.js';
import {
  downloadPng,
  imageFixture,
  imageUrls,
  pixel,
  pngDataUri,
  postGeneration,
  textBody,
} from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.close());

function editBody(
  images: string[],
  parameters: Record<string, unknown> = {},
  model = 'wan2.7-image-pro',
): unknown {
  return {
    model,
    input: {
      messages: [
        { role: 'user', content: [...images.map((image) => ({ image })), { text: 'edit it' }] },
      ],
    },
    parameters: { size: '1K', n: 1, ...parameters },
  };
}

async function generateOne(body: unknown, headers: Record<string, string> = {}) {
  const response = await postGeneration(gateway.url, body, headers);
  expect(response.status).toBe(200);
  const json = (await response.json()) as { usage: { size: string } };
  const [url] = imageUrls(json);
  return { response, json, ...(await downloadPng(url ?? '')) };
}

describe('output images', () => {
  it('a tier with a data-URI input takes the last input image aspect, scaled to 512', async () => {
    const { png, json } = await generateOne(editBody([pngDataUri(300, 300), pngDataUri(600, 300)]));
    expect([png.width, png.height]).toEqual([512, 256]);
    expect(json.usage.size).toBe('1448*724');
  });

  // The fixtures are smaller than wan2.7's 240 px minimum, so they go to a model without input
  // size rules (an unknown one: validated for its shape only).
  it('reads JPEG, WebP and BMP data URIs for the aspect', async () => {
    const cases: [string, string, number, number][] = [
      ['image/jpeg', '123x457.jpg', 123, 457],
      ['image/webp', '300x200.lossless-vp8x.webp', 300, 200],
      ['image/bmp', '123x457.bmp', 123, 457],
    ];
    for (const [type, name, width, height] of cases) {
      const uri = `data:${type};base64,${imageFixture(name).toString('base64')}`;
      const { png } = await generateOne(editBody([uri], {}, 'acme-edit'));
      expect(png.width / png.height).toBeCloseTo(width / height, 1);
      expect(Math.max(png.width, png.height)).toBe(512);
    }
  });

  it('draws each box at its mapped place in the output', async () => {
    // Input 2 is 600x300; its box [150,75,450,225] maps to x 128..383, y 64..191 of a 512x256 output.
    const body = editBody([pngDataUri(300, 300), pngDataUri(600, 300)], {
      bbox_list: [[], [[150, 75, 450, 225]]],
    });
    const { png } = await generateOne(body);
    const color = BOX_COLORS[1];
    expect([png.width, png.height]).toEqual([512, 256]);
    // On each edge of the mapped rectangle (outline is 3 px wide, inside the box).
    for (const [x, y] of [
      [128, 128],
      [130, 128],
      [383, 128],
      [381, 128],
      [256, 64],
      [256, 191],
      [128, 64],
      [383, 191],
    ] as const) {
      expect(pixel(png, x, y), `pixel ${x},${y}`).toEqual(color);
    }
    // Just outside and well inside the box the pattern shows.
    for (const [x, y] of [
      [127, 128],
      [384, 128],
      [256, 63],
      [256, 192],
      [256, 128],
      [131, 128],
    ] as const) {
      expect(pixel(png, x, y), `pixel ${x},${y}`).not.toEqual(color);
    }
  });

  it('is deterministic: the same prompt gives the same bytes, another prompt or seed other bytes', async () => {
    const a = await generateOne(textBody('a red fox'));
    const b = await generateOne(textBody('a red fox'));
    const c = await generateOne(textBody('a blue fox'));
    const d = await generateOne(textBody('a red fox', { seed: 7 }));
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
    expect(a.bytes.equals(d.bytes)).toBe(false);
  });

  it('returns n images, each different; a group without n returns 4', async () => {
    const response = await postGeneration(gateway.url, textBody('three', { n: 3 }));
    const urls = imageUrls(await response.json());
    expect(urls).toHaveLength(3);
    const images = await Promise.all(urls.map(downloadPng));
    expect(new Set(images.map((image) => image.bytes.toString('base64'))).size).toBe(3);

    const group = await postGeneration(
      gateway.url,
      textBody('set', { n: undefined, enable_sequential: true }),
    );
    expect(imageUrls(await group.json())).toHaveLength(4);
  });

  it('answers 404 for an unknown image id', async () => {
    const response = await fetch(`${gateway.url}/images/00000000-0000-0000-0000-000000000000.png`);
    expect(response.status).toBe(404);
  });
});

describe('image links expire', () => {
  it('answers 410 Expired after imageTtlMs, and Expires says when', async () => {
    const shortLived = await startMockGateway({ imageTtlMs: 50 });
    try {
      const before = Date.now();
      const response = await postGeneration(shortLived.url, textBody('short'));
      const [url = ''] = imageUrls(await response.json());
      const expires = Number(new URL(url).searchParams.get('Expires'));
      expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 50) / 1000));
      expect(expires).toBeLessThanOrEqual(Math.ceil((Date.now() + 50) / 1000));
      // The same link from a gateway with the default TTL answers 200 (see 'output images');
      // once 50 ms have passed this one is gone.
      await new Promise((resolve) => setTimeout(resolve, 80));
      const expired = await fetch(url);
      expect(expired.status).toBe(410);
      expect(await expired.json()).toMatchObject({
        code: 'Expired',
        request_id: expect.any(String),
      });
    } finally {
      await shortLived.close();
    }
  });
});

describe('input images by URL', () => {
  let imageServer: Server;
  let hits: string[];
  let imageServerPort: number;

  beforeAll(async () => {
    hits = [];
    const jpeg = imageFixture('123x457.jpg');
    imageServer = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/redirect.jpg') {
        response.writeHead(302, { location: 'http://example.com/a.jpg' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(jpeg);
    });
    // Bound to all interfaces so that 127.0.0.2 would reach it too if the mock ever tried.
    await new Promise<void>((resolve) => imageServer.listen(0, '0.0.0.0', resolve));
    imageServerPort = (imageServer.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => imageServer.close(() => resolve())));

  it('fetches loopback URLs for their size', async () => {
    const { png, response } = await generateOne(
      editBody([`http://127.0.0.1:${imageServerPort}/tall.jpg`]),
    );
    expect(hits).toContain('/tall.jpg');
    expect(png.width / png.height).toBeCloseTo(123 / 457, 1);
    expect(response.headers.get('x-mock-assumed-input-size')).toBeNull();
  });

  it('reads its own output links as inputs (editing a result)', async () => {
    const first = await postGeneration(gateway.url, textBody('wide', { size: '1600*400' }));
    const [url = ''] = imageUrls(await first.json());
    const { png, response } = await generateOne(editBody([url]));
    expect(response.headers.get('x-mock-assumed-input-size')).toBeNull();
    expect([png.width, png.height]).toEqual([512, 128]);
  });

  it('never fetches a non-loopback host and does not follow redirects; it assumes 1024x1024', async () => {
    hits.length = 0;
    const { png, response } = await generateOne(
      editBody([
        `http://127.0.0.2:${imageServerPort}/elsewhere.jpg`,
        `http://127.0.0.1:${imageServerPort}/redirect.jpg`,
        pngDataUri(900, 300),
      ]),
    );
    expect(hits).toEqual(['/redirect.jpg']);
    expect(response.headers.get('x-mock-assumed-input-size')).toBe('1024x1024; images=1,2');
    expect(png.width / png.height).toBeCloseTo(3, 1);
  });

  it('maps boxes of an assumed-size image against 1024x1024', async () => {
    const { png } = await generateOne(
      editBody(['https://example.invalid/a.webp'], { bbox_list: [[[512, 0, 1024, 512]]] }),
    );
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(pixel(png, 256, 100)).toEqual(BOX_COLORS[0]);
    expect(pixel(png, 511, 100)).toEqual(BOX_COLORS[0]);
    expect(pixel(png, 255, 100)).not.toEqual(BOX_COLORS[0]);
  });
});
