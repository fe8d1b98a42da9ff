/**
 * The provider through the AI SDK's real `generateImage`, against the mock gateway over HTTP.
 * The same file runs with `ai` 6 on Node 20 (`pnpm test`) and with `ai` 7 on Node 22
 * (tests/ai-sdk-v7, which aliases `ai` to its own copy).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The provider's own error class (ai re-exports one of the same marker without `argument`).
import { InvalidArgumentError } from '@ai-sdk/provider';
import { type ImageRequestBody, imageRequest } from '@tokenhub/image-core';
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import {
  APICallError,
  generateImage,
  LoadAPIKeyError,
  NoImageGeneratedError,
  RetryError,
} from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenHub } from '../src/index.js';
import {
  API_KEY,
  imagesOf,
  promptOf,
  readVector,
  recordedRequests,
  rejectionOf,
  useMockGateway,
} from './helpers.js';

// The warnings are asserted below; the AI SDK need not print them too.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const gateway = useMockGateway();
const provider = () => createTokenHub({ apiKey: API_KEY, baseURL: gateway().url });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `providerMetadata.tokenhub.images` of a result. */
interface ImageMeta {
  url: string;
  expiresAt: string | null;
  requestId: string | null;
  size: string | null;
}
function imageMetas(result: {
  providerMetadata: Record<string, { images: unknown }>;
}): ImageMeta[] {
  return (result.providerMetadata.tokenhub?.images ?? []) as ImageMeta[];
}

async function onlyRequestBody(): Promise<unknown> {
  const requests = await recordedRequests(gateway());
  expect(requests).toHaveLength(1);
  return requests[0]?.body;
}

/** The builder's body equals the guide's vector, and the gateway received exactly that body. */
async function expectSentAsBuilt(built: ImageRequestBody, vector: ImageRequestBody): Promise<void> {
  expect(built).toEqual(vector);
  expect(await onlyRequestBody()).toEqual(built);
}

describe('the four scenarios of the guide send the body the core builder makes', () => {
  it('text-to-image: bytes, links, request id, headers and usage', async () => {
    const vector = readVector('text-to-image');
    const prompt = promptOf(vector);
    const result = await generateImage({
      model: provider().image('wan2.7-image-pro'),
      prompt,
      n: 1,
      providerOptions: { tokenhub: { sizeTier: '2K', watermark: false, thinkingMode: true } },
    });

    const built = imageRequest('wan2.7-image-pro')
      .text(prompt)
      .size('2K')
      .n(1)
      .watermark(false)
      .thinkingMode(true)
      .toBody();
    await expectSentAsBuilt(built, vector);

    const [request] = await recordedRequests(gateway());
    expect(result.images).toHaveLength(1);
    const bytes = result.image.uint8Array;
    expect([...bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(result.image.mediaType).toBe('image/png');
    const [meta] = imageMetas(result);
    expect(meta?.requestId).toBe(request?.requestId);
    expect(meta?.size).toBe('2048*2048');
    expect(Date.parse(meta?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // The bytes are the image behind the link, fetched at once.
    const linked = new Uint8Array(await (await fetch(meta?.url ?? '')).arrayBuffer());
    expect(bytes).toEqual(linked);
    expect(result.responses).toHaveLength(1);
    expect(result.responses[0]?.modelId).toBe('wan2.7-image-pro');
    expect(result.responses[0]?.timestamp).toBeInstanceOf(Date);
    expect(result.responses[0]?.headers?.['x-request-id']).toBe(request?.requestId);
    expect(result.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(result.warnings).toEqual([]);
  });

  it('text-to-image on wan2.6-t2i: size WxH becomes W*H', async () => {
    const vector = readVector('text-to-image.wan2.6-t2i');
    const prompt = promptOf(vector);
    await generateImage({
      model: provider().image('wan2.6-t2i'),
      prompt,
      n: 1,
      size: '1280x1280',
      providerOptions: { tokenhub: { promptExtend: true, watermark: false, negativePrompt: '' } },
    });
    const built = imageRequest('wan2.6-t2i')
      .text(prompt)
      .promptExtend(true)
      .watermark(false)
      .n(1)
      .negativePrompt('')
      .size('1280*1280')
      .toBody();
    await expectSentAsBuilt(built, vector);
  });

  it('image editing: reference images in their order, then the prompt', async () => {
    const vector = readVector('image-editing');
    const [car, paint] = imagesOf(vector) as [string, string];
    const prompt = promptOf(vector);
    const result = await generateImage({
      model: provider().image('wan2.7-image-pro'),
      prompt: { text: prompt, images: [car, paint] },
      providerOptions: { tokenhub: { sizeTier: '2K', watermark: false } },
    });
    const built = imageRequest('wan2.7-image-pro')
      .image(car)
      .image(paint)
      .text(prompt)
      .size('2K')
      .n(1)
      .watermark(false)
      .toBody();
    await expectSentAsBuilt(built, vector);
    expect(result.images).toHaveLength(1);
  });

  it('interactive editing: providerOptions.tokenhub.boxes is the bbox_list', async () => {
    const vector = readVector('interactive-editing');
    const [clock, room] = imagesOf(vector) as [string, string];
    const prompt = promptOf(vector);
    await generateImage({
      model: provider().image('wan2.7-image-pro'),
      prompt: { text: prompt, images: [clock, room] },
      n: 1,
      providerOptions: {
        tokenhub: { boxes: [[], [[989, 515, 1138, 681]]], sizeTier: '2K', watermark: false },
      },
    });
    const built = imageRequest('wan2.7-image-pro')
      .image(clock)
      .image(room, { boxes: [[989, 515, 1138, 681]] })
      .text(prompt)
      .size('2K')
      .n(1)
      .watermark(false)
      .toBody();
    await expectSentAsBuilt(built, vector);
  });

  it('group generation: four images of one set in one call', async () => {
    const vector = readVector('group-generation');
    const prompt = promptOf(vector);
    const result = await generateImage({
      model: provider().image('wan2.7-image-pro'),
      prompt,
      n: 4,
      providerOptions: { tokenhub: { sequential: true, sizeTier: '2K' } },
    });
    const built = imageRequest('wan2.7-image-pro')
      .text(prompt)
      .sequential(true)
      .n(4)
      .size('2K')
      .toBody();
    await expectSentAsBuilt(built, vector);
    expect(result.images).toHaveLength(4);
    const metas = imageMetas(result);
    expect(new Set(metas.map((meta) => meta.url)).size).toBe(4);
  });
});

describe('mapping', () => {
  it('an image-set model asks for up to 12 images in ONE call', async () => {
    const result = await generateImage({
      model: provider().image('wan2.7-image', { sequential: true }),
      prompt: 'Twelve months of the same garden',
      n: 12,
    });
    const requests = await recordedRequests(gateway());
    expect(requests.map((request) => request.body)).toEqual([
      imageRequest('wan2.7-image')
        .text('Twelve months of the same garden')
        .sequential(true)
        .n(12)
        .toBody(),
    ]);
    expect(result.images.length).toBeGreaterThan(0);
  });

  it('n = 8 is split by generateImage into two calls of 4 (maxImagesPerCall)', async () => {
    const model = provider().image('wan2.7-image-pro');
    expect(model.maxImagesPerCall).toBe(4);
    const result = await generateImage({ model, prompt: 'A lighthouse at dusk', n: 8 });
    const requests = await recordedRequests(gateway());
    expect(
      requests.map((request) => (request.body as { parameters: { n: number } }).parameters.n),
    ).toEqual([4, 4]);
    expect(result.images).toHaveLength(8);
    expect(result.providerMetadata.tokenhub?.images).toHaveLength(8);
    // Two generations, so two keys: neither may be taken for a retry of the other.
    const keys = gateway().requests.map((request) => request.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(2);
  });

  it('input bytes and base64 become data URIs; seed is sent', async () => {
    const first = await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: 'A red square',
    });
    const png = first.image.uint8Array;
    gateway().reset();
    await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: { text: 'Put image 1 next to image 2', images: [png, first.image.base64] },
      seed: 42,
    });
    const dataUri = `data:image/png;base64,${first.image.base64}`;
    expect(await onlyRequestBody()).toEqual(
      imageRequest('wan2.7-image')
        .image(dataUri)
        .image(dataUri)
        .text('Put image 1 next to image 2')
        .n(1)
        .seed(42)
        .toBody(),
    );
  });

  it('aspectRatio becomes a W*H within the model pixel range (see README)', async () => {
    await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: 'A wide beach',
      aspectRatio: '16:9',
    });
    // Budget 2048*2048, 2731*1536 would exceed wan2.7-image's maximum, so both sides round down.
    expect((await onlyRequestBody()) as object).toMatchObject({
      parameters: { size: '2730*1536' },
    });
    gateway().reset();
    await generateImage({
      model: provider().image('wan2.6-t2i'),
      prompt: 'A tall tower',
      aspectRatio: '1:2',
      providerOptions: { tokenhub: { sizeTier: '1K' } },
    });
    // wan2.6-t2i takes 1280^2..1440^2 pixels: the 1K budget is raised to the minimum, rounded up.
    expect((await onlyRequestBody()) as object).toMatchObject({ parameters: { size: '906*1811' } });
  });

  it('headers of the provider and of the call reach the gateway; the key only as Bearer', async () => {
    const tokenhub = createTokenHub({
      apiKey: API_KEY,
      baseURL: gateway().url,
      headers: { 'x-app': 'demo' },
    });
    await generateImage({
      model: tokenhub.image('wan2.7-image'),
      prompt: 'A cat',
      headers: { 'x-trace-id': 'trace-1' },
    });
    const [request] = gateway().requests;
    expect(request?.headers).toMatchObject({
      'x-app': 'demo',
      'x-trace-id': 'trace-1',
      authorization: `Bearer ${API_KEY}`,
    });
  });

  it('reads TOKENHUB_API_KEY at the first call, not when the provider is created', async () => {
    const saved = process.env.TOKENHUB_API_KEY;
    delete process.env.TOKENHUB_API_KEY;
    try {
      const tokenhub = createTokenHub({ baseURL: gateway().url });
      const missing = await rejectionOf(
        generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat' }),
      );
      expect(LoadAPIKeyError.isInstance(missing)).toBe(true);
      expect((missing as Error).message).toContain('TOKENHUB_API_KEY');
      expect(gateway().requests).toHaveLength(0);
      process.env.TOKENHUB_API_KEY = API_KEY;
      const result = await generateImage({
        model: tokenhub.image('wan2.7-image'),
        prompt: 'A cat',
      });
      expect(result.images).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.TOKENHUB_API_KEY;
      else process.env.TOKENHUB_API_KEY = saved;
    }
  });
});

describe('same-origin proxy', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("works with baseURL '/api/tokenhub' and no key: the proxy adds it", async () => {
    const server = createServer(
      toNodeHandler(createProxyHandler({ apiKey: API_KEY, baseURL: gateway().url })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sentHeaders: Record<string, string>[] = [];
    const saved = process.env.TOKENHUB_API_KEY;
    delete process.env.TOKENHUB_API_KEY;
    try {
      const tokenhub = createTokenHub({
        baseURL: '/api/tokenhub',
        // What a browser does with a relative URL: resolve it against the page's origin.
        fetch: (input, init) => {
          if (typeof input === 'string' && input.startsWith('/')) {
            sentHeaders.push({ ...(init?.headers as Record<string, string>) });
            return fetch(new URL(input, origin), init);
          }
          return fetch(input, init);
        },
      });
      const result = await generateImage({
        model: tokenhub.image('wan2.7-image'),
        prompt: 'A cat',
      });
      expect(result.images).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env.TOKENHUB_API_KEY = saved;
    }
    expect(sentHeaders).toHaveLength(1);
    expect(Object.keys(sentHeaders[0] ?? {})).not.toContain('authorization');
    expect(gateway().requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });
});

describe('warnings', () => {
  it('a mask is not dropped silently: the warning points to providerOptions.tokenhub.boxes', async () => {
    const result = await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: {
        text: 'Replace the sky',
        images: ['https://example.com/a.png'],
        mask: 'https://example.com/mask.png',
      },
    });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        type: 'unsupported',
        feature: 'mask',
        details: expect.stringContaining('providerOptions.tokenhub.boxes'),
      }),
    );
    expect(JSON.stringify(await onlyRequestBody())).not.toContain('mask.png');
  });

  it('size with aspectRatio or sizeTier: size wins and the others are named', async () => {
    const result = await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: 'A cat',
      size: '1024x1024',
      aspectRatio: '16:9',
      providerOptions: { tokenhub: { sizeTier: '1K' } },
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'aspectRatio' }),
      expect.objectContaining({
        type: 'unsupported',
        feature: 'providerOptions.tokenhub.sizeTier',
      }),
    ]);
    expect((await onlyRequestBody()) as object).toMatchObject({
      parameters: { size: '1024*1024' },
    });
  });

  it("every warning of the core's rules becomes an AI SDK warning", async () => {
    const result = await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: { text: 'Make it brighter', images: ['https://example.com/a.png'] },
      providerOptions: { tokenhub: { negativePrompt: 'blur', thinkingMode: true } },
    });
    expect(result.warnings).toContainEqual({
      type: 'unsupported',
      feature: 'parameters.negative_prompt',
      details: expect.stringContaining('[unsupported-parameter]'),
    });
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: expect.stringContaining('[thinking-mode-text-only]'),
    });
  });

  it('an unknown model is sent anyway, with a warning', async () => {
    const model = provider().image('wan9-image-preview');
    expect(model.maxImagesPerCall).toBeUndefined();
    const result = await generateImage({ model, prompt: 'A cat' });
    expect(result.warnings).toContainEqual({
      type: 'other',
      message: expect.stringContaining('[unknown-model]'),
    });
    expect(result.images).toHaveLength(1);
  });
});

describe('errors', () => {
  /** The call's rejection, asserting it is an InvalidArgumentError raised before anything was sent. */
  async function rejectedBeforeSending(
    call: Omit<Parameters<typeof generateImage>[0], 'model'>,
    modelId = 'wan2.7-image-pro',
  ): Promise<InvalidArgumentError> {
    const error = await rejectionOf(generateImage({ model: provider().image(modelId), ...call }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(gateway().requests).toHaveLength(0);
    return error as InvalidArgumentError;
  }
  const twoImages = ['https://example.com/a.png', 'https://example.com/b.png'];

  it('a rule violation is an InvalidArgumentError naming path and rule, before any network call', async () => {
    const error = await rejectedBeforeSending({
      prompt: { text: 'Three boxes', images: ['https://example.com/a.png'] },
      providerOptions: {
        tokenhub: {
          boxes: [
            [
              [0, 0, 10, 10],
              [20, 20, 30, 30],
              [40, 40, 50, 50],
            ],
          ],
        },
      },
    });
    expect(error.argument).toBe('parameters.bbox_list[0]');
    expect(error.message).toContain('[max-boxes-per-image]');
  });

  it('boxes must have one entry per input image', async () => {
    const error = await rejectedBeforeSending({
      prompt: { text: 'Edit', images: twoImages },
      providerOptions: { tokenhub: { boxes: [[[0, 0, 10, 10]]] } },
    });
    expect(error.message).toContain('[bbox-alignment]');
  });

  it('colorPalette is checked by the core rules (ratios must add up to 100.00%)', async () => {
    const palette = [
      { hex: '#ff0000', ratio: '50.00%' },
      { hex: '#00ff00', ratio: '30.00%' },
      { hex: '#0000ff', ratio: '10.00%' },
    ];
    const error = await rejectedBeforeSending({
      prompt: 'A poster',
      providerOptions: { tokenhub: { colorPalette: palette } },
    });
    expect(error.argument).toMatch(/^parameters\.color_palette/);
    expect(error.message).toContain('[color-palette-');
  });

  it('more input images than the model takes are an error, never dropped', async () => {
    const error = await rejectedBeforeSending(
      { prompt: { text: 'Edit', images: [...twoImages, ...twoImages] } },
      'qwen-image-edit',
    );
    expect(error.message).toContain('[image-count]');
  });

  it('providerOptions.tokenhub of the wrong shape names the bad path', async () => {
    const badBox = await rejectedBeforeSending({
      prompt: 'A cat',
      providerOptions: { tokenhub: { boxes: [[[1, 2, 3]]] } },
    });
    expect(badBox.argument).toMatch(/^providerOptions\.tokenhub\.boxes\.0\.0/);
    const typo = await rejectedBeforeSending({
      prompt: 'A cat',
      providerOptions: { tokenhub: { sizetier: '2K' } },
    });
    expect(typo.message).toContain('sizetier');
  });

  it('an aspect ratio the model cannot take names the rule and where the size came from', async () => {
    const error = await rejectedBeforeSending({ prompt: 'A cat', aspectRatio: '1:20' });
    expect(error.argument).toBe('parameters.size');
    expect(error.message).toContain('[size-aspect-ratio]');
    expect(error.message).toContain('computed from aspectRatio 1:20');
  });

  it('an HTTP error is an APICallError with status, code and request id, and the key nowhere', async () => {
    gateway().enqueueFault('400');
    const error = await rejectionOf(
      generateImage({ model: provider().image('wan2.7-image'), prompt: 'A cat' }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    const [request] = await recordedRequests(gateway());
    expect(apiError.statusCode).toBe(400);
    expect(apiError.isRetryable).toBe(false);
    expect(apiError.data).toEqual({ code: 'InvalidParameter', requestId: request?.requestId });
    expect(apiError.url).toBe(`${gateway().url}/v1/images/generations`);
    expect(apiError.responseHeaders?.['x-request-id']).toBe(request?.requestId);
    expect(JSON.parse(apiError.responseBody ?? '')).toMatchObject({ code: 'InvalidParameter' });
    // Not retried: one request only.
    expect(gateway().requests).toHaveLength(1);
    expect(JSON.stringify({ ...apiError, message: apiError.message })).not.toContain(API_KEY);
  });

  it('a wrong key is a 401 APICallError', async () => {
    const tokenhub = createTokenHub({ apiKey: 'sk-wrong', baseURL: gateway().url });
    const error = await rejectionOf(
      generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat' }),
    );
    expect((error as APICallError).statusCode).toBe(401);
    expect((error as APICallError).data).toMatchObject({ code: 'InvalidApiKey' });
  });

  it('a key a gateway echoes back is scrubbed from body and headers', async () => {
    const echo = createServer((request, response) => {
      response.writeHead(500, {
        'content-type': 'application/json',
        'x-echo': String(request.headers.authorization),
      });
      response.end(
        JSON.stringify({ code: 'InternalError', message: `bad ${request.headers.authorization}` }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const tokenhub = createTokenHub({
        apiKey: API_KEY,
        baseURL: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
      });
      const error = (await rejectionOf(
        generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat', maxRetries: 0 }),
      )) as APICallError;
      expect(error.statusCode).toBe(500);
      expect(error.isRetryable).toBe(true);
      expect(error.responseBody).toContain('[redacted]');
      expect(
        JSON.stringify([error.message, error.responseBody, error.responseHeaders, error.data]),
      ).not.toContain(API_KEY);
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('no answer at all is a retryable APICallError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const tokenhub = createTokenHub({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}` });
    const error = await rejectionOf(
      generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat', maxRetries: 0 }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).statusCode).toBeUndefined();
  });

  it('an answer without images is the AI SDK NoImageGeneratedError, not retried', async () => {
    gateway().enqueueFault('empty-choices');
    const error = await rejectionOf(
      generateImage({ model: provider().image('wan2.7-image'), prompt: 'A cat' }),
    );
    expect(NoImageGeneratedError.isInstance(error)).toBe(true);
    expect(gateway().requests).toHaveLength(1);
  });

  it('abortSignal cancels the call in flight', async () => {
    const controller = new AbortController();
    const pending = rejectionOf(
      generateImage({
        model: provider().image('wan2.7-image'),
        prompt: 'A cat',
        abortSignal: controller.signal,
        headers: { 'x-mock-latency-ms': '10000' },
      }),
    );
    const request = await gateway().waitForRequest();
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe('AbortError');
    expect(await request.settled).toBe('aborted');
    expect(gateway().requests).toHaveLength(1);
  });
});

describe("the AI SDK's retries", () => {
  it('429 with retry-after-ms is retried by generateImage, honouring the header', async () => {
    gateway().enqueueFault('429-retry-after-ms');
    const result = await generateImage({
      model: provider().image('wan2.7-image'),
      prompt: 'A cat',
    });
    expect(result.images).toHaveLength(1);
    expect(gateway().requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('a 5xx is retried; maxRetries is the AI SDK option, the provider adds none of its own', async () => {
    gateway().enqueueFault('503', '503');
    const error = await rejectionOf(
      generateImage({ model: provider().image('wan2.7-image'), prompt: 'A cat', maxRetries: 1 }),
    );
    expect(RetryError.isInstance(error)).toBe(true);
    const last = (error as RetryError).lastError as APICallError;
    expect(last.statusCode).toBe(503);
    expect(last.data).toMatchObject({ code: 'ServiceUnavailable' });
    expect(gateway().requests.map((request) => request.status)).toEqual([503, 503]);
    // A retry is the same generation: it goes under the failed attempt's Idempotency-Key.
    const [first, second] = gateway().requests.map((request) => request.headers['idempotency-key']);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('a connection lost after the proxy got the images: the retry is answered from its ledger, one paid generation', async () => {
    const server = createServer(
      toNodeHandler(createProxyHandler({ apiKey: API_KEY, baseURL: gateway().url })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let answers = 0;
    const replayed: Array<string | null> = [];
    try {
      const tokenhub = createTokenHub({
        baseURL: '/api/tokenhub',
        // Same-origin, as in a browser. The first answer arrives and the connection dies before
        // the app reads it (a phone switching networks): fetch rejects with undici's TypeError.
        fetch: async (input, init) => {
          const url = String(input);
          const response = await fetch(url.startsWith('/') ? new URL(url, origin) : url, init);
          if (!url.includes('/generations')) return response;
          replayed.push(response.headers.get('idempotent-replayed'));
          if (++answers === 1) {
            await response.body?.cancel();
            throw new TypeError('fetch failed');
          }
          return response;
        },
      });
      const result = await generateImage({
        model: tokenhub.image('wan2.7-image'),
        prompt: 'A cat',
        maxRetries: 1,
      });
      expect(result.images).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(replayed).toEqual([null, 'true']);
    const requests = await recordedRequests(gateway());
    expect(requests).toHaveLength(1);
    expect(requests[0]?.generationsForKey).toBe(1);
  });
});

describe('downloads', () => {
  const expiring = useMockGateway({ apiKey: API_KEY, imageTtlMs: 1 });

  it('a link that died before the download is a non-retryable APICallError that keeps the links', async () => {
    const tokenhub = createTokenHub({ apiKey: API_KEY, baseURL: expiring().url });
    const error = (await rejectionOf(
      generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat' }),
    )) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(410);
    expect(error.isRetryable).toBe(false);
    const [request] = expiring().requests;
    expect(error.data).toMatchObject({
      requestId: request?.requestId,
      urls: [expect.stringContaining('/images/')],
    });
    expect(expiring().requests).toHaveLength(1);
  });

  describe('over an image host that fails', () => {
    let failing: ReturnType<typeof createServer> | undefined;
    afterEach(async () => {
      await new Promise((resolve) => failing?.close(resolve));
      failing = undefined;
    });

    /**
     * A provider whose first `failures` tries of each image link reach a real loopback host that
     * fails them: it closes the connection without answering (as a host closing a kept-alive
     * socket does), or answers `status`. The later tries reach the link. Counts the tries per link.
     */
    async function providerOverFailingHost(failures: number, status?: number) {
      failing = createServer((request, response) => {
        if (status === undefined) request.socket.destroy();
        else response.writeHead(status).end();
      });
      await new Promise<void>((resolve) => failing?.listen(0, '127.0.0.1', resolve));
      const failingURL = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;
      const tries = new Map<string, number>();
      const tokenhub = createTokenHub({
        apiKey: API_KEY,
        baseURL: gateway().url,
        fetch: (input, init) => {
          const url = String(input);
          if (!new URL(url).pathname.startsWith('/images/')) return fetch(input, init);
          const count = (tries.get(url) ?? 0) + 1;
          tries.set(url, count);
          return fetch(count <= failures ? failingURL : url, init);
        },
      });
      return { tokenhub, tries };
    }

    it('a download whose connection dropped is tried again, and every image arrives', async () => {
      const { tokenhub, tries } = await providerOverFailingHost(1);
      const { images } = await generateImage({
        model: tokenhub.image('wan2.7-image'),
        prompt: 'A cat',
        n: 2,
      });
      expect(images).toHaveLength(2);
      for (const image of images) expect([...image.uint8Array.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect([...tries.values()]).toEqual([2, 2]);
      expect(gateway().requests).toHaveLength(1);
    });

    it('gives up after two more tries with a non-retryable APICallError that keeps the links', async () => {
      const { tokenhub, tries } = await providerOverFailingHost(Number.POSITIVE_INFINITY);
      const error = (await rejectionOf(
        generateImage({ model: tokenhub.image('wan2.7-image'), prompt: 'A cat' }),
      )) as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.isRetryable).toBe(false);
      expect(error.statusCode).toBeUndefined();
      expect(error.message).toBe('image download failed; links in error.data.urls');
      expect(String(error.cause)).toMatch(/fetch failed|other side closed|socket/i);
      expect(error.data).toMatchObject({ urls: [expect.stringContaining('/images/')] });
      expect([...tries.values()]).toEqual([3]);
      expect(gateway().requests).toHaveLength(1);
    });

    it('a 503 from the image host is tried again; a 404 is not', async () => {
      const busy = await providerOverFailingHost(1, 503);
      const { image } = await generateImage({
        model: busy.tokenhub.image('wan2.7-image'),
        prompt: 'A cat',
      });
      expect([...image.uint8Array.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect([...busy.tries.values()]).toEqual([2]);
      await new Promise((resolve) => failing?.close(resolve));

      const gone = await providerOverFailingHost(1, 404);
      const error = (await rejectionOf(
        generateImage({ model: gone.tokenhub.image('wan2.7-image'), prompt: 'A cat' }),
      )) as APICallError;
      expect(error.statusCode).toBe(404);
      expect(error.isRetryable).toBe(false);
      expect([...gone.tries.values()]).toEqual([1]);
    });
  });
});
