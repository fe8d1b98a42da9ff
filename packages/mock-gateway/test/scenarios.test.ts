import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockGateway, startMockGateway } from '../src/index.js';
import { downloadPng, fixture, imageUrls, postGeneration } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.close());

const reference = fixture('success.response.json');

function expectSuccessShape(body: Record<string, unknown>, count: number, size: string): void {
  const expectedChoice = (reference.output as { choices: unknown[] }).choices[0];
  expect(body).toMatchObject({
    output: { finished: true },
    usage: { image_count: count, size, input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  });
  expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
  const choices = (body.output as { choices: unknown[] }).choices;
  expect(choices).toHaveLength(count);
  for (const choice of choices) {
    expect(Object.keys(choice as object).sort()).toEqual(
      Object.keys(expectedChoice as object).sort(),
    );
    expect(choice).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: [{ type: 'image', image: expect.any(String) }] },
    });
  }
  expect(Object.keys(body).sort()).toEqual(Object.keys(reference).sort());
}

describe('the guide scenarios', () => {
  it('text-to-image: one square PNG, usage.size the nominal 2K', async () => {
    const response = await postGeneration(gateway.url, fixture('text-to-image.request.json'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expectSuccessShape(body, 1, '2048*2048');
    expect(response.headers.get('x-request-id')).toBe(body.request_id);
    const [url] = imageUrls(body);
    expect(url).toMatch(new RegExp(`^${gateway.url}/images/[0-9a-f-]+\\.png\\?Expires=\\d+$`));
    const { png } = await downloadPng(url ?? '');
    expect([png.width, png.height]).toEqual([512, 512]);
  });

  it('wan2.6-t2i with W*H: usage.size as given', async () => {
    const response = await postGeneration(
      gateway.url,
      fixture('text-to-image.wan2.6-t2i.request.json'),
    );
    const body = (await response.json()) as Record<string, unknown>;
    expectSuccessShape(body, 1, '1280*1280');
  });

  it('image editing with unreachable URLs: assumes 1024x1024 and says so, never fetching them', async () => {
    const response = await postGeneration(gateway.url, fixture('image-editing.request.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mock-assumed-input-size')).toBe('1024x1024; images=1,2');
    const body = (await response.json()) as Record<string, unknown>;
    expectSuccessShape(body, 1, '2048*2048');
  });

  it('interactive editing: one image, boxes accepted', async () => {
    const response = await postGeneration(gateway.url, fixture('interactive-editing.request.json'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expectSuccessShape(body, 1, '2048*2048');
  });

  it('group generation: four distinct images', async () => {
    const response = await postGeneration(gateway.url, fixture('group-generation.request.json'));
    const body = (await response.json()) as Record<string, unknown>;
    expectSuccessShape(body, 4, '2048*2048');
    const images = await Promise.all(imageUrls(body).map(downloadPng));
    const distinct = new Set(images.map(({ png }) => png.data.toString('base64')));
    expect(distinct.size).toBe(4);
  });
});
