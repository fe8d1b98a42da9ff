import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockGateway, startMockGateway } from '../src/index.js';
import { pngDataUri, postGeneration, textBody } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway({ apiKey: 'sk-test-123' });
});
afterAll(() => gateway.close());

const auth = { authorization: 'Bearer sk-test-123' };

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; message: string; request_id: string };
  expect(body.code).toBe(code);
  expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers.get('x-request-id')).toBe(body.request_id);
  return body.message;
}

describe('authentication', () => {
  it('accepts the configured key', async () => {
    expect((await postGeneration(gateway.url, textBody('hi'), auth)).status).toBe(200);
  });

  it('answers 401 InvalidApiKey without or with a wrong key, never echoing it', async () => {
    await expectError(await postGeneration(gateway.url, textBody('hi')), 401, 'InvalidApiKey');
    const response = await postGeneration(gateway.url, textBody('hi'), {
      authorization: 'Bearer nope-456',
    });
    const message = await expectError(response, 401, 'InvalidApiKey');
    expect(message).not.toContain('nope-456');
  });
});

describe('invalid requests', () => {
  it('400 InvalidParameter naming the paths of the first errors', async () => {
    const response = await postGeneration(gateway.url, textBody('hi', { n: 0, size: '3K' }), auth);
    const message = await expectError(response, 400, 'InvalidParameter');
    expect(message).toContain('parameters.n');
    expect(message).toContain('parameters.size');
  });

  it('400 for a body that is not JSON, recorded as text', async () => {
    const response = await postGeneration(gateway.url, '{"model": ', auth);
    expect(await expectError(response, 400, 'InvalidParameter')).toContain('JSON');
    const recorded = await gateway.waitForRequest((r) => r.body === '{"model": ');
    expect(recorded.status).toBe(400);
  });

  it('400 for a data-URI input image that is no image, naming the rule image-data', async () => {
    const body = {
      model: 'wan2.7-image-pro',
      input: {
        messages: [
          {
            role: 'user',
            content: [
              { image: `data:image/png;base64,${Buffer.from('not a png').toString('base64')}` },
              { text: 'x' },
            ],
          },
        ],
      },
      parameters: { n: 1 },
    };
    const message = await expectError(
      await postGeneration(gateway.url, body, auth),
      400,
      'InvalidParameter',
    );
    expect(message).toContain(
      'image 1 is declared image/png but holds bytes of no PNG, JPEG, WebP or BMP image',
    );
    expect(message).toMatch(/\[image-data\]$/);
  });

  it("400 for a data-URI input image outside the model's size range, read from its header", async () => {
    const body = {
      model: 'wan2.7-image',
      input: {
        messages: [{ role: 'user', content: [{ image: pngDataUri(100, 100) }, { text: 'x' }] }],
      },
    };
    const message = await expectError(
      await postGeneration(gateway.url, body, auth),
      400,
      'InvalidParameter',
    );
    expect(message).toContain(
      'wan2.7-image needs input images from 240 to 8000 pixels on each side; image 1 is 100*100',
    );
  });

  it('404 for an unknown path, 405 for a wrong method', async () => {
    await expectError(await fetch(`${gateway.url}/v1/nope`), 404, 'NotFound');
    const response = await fetch(`${gateway.url}/v1/images/generations`);
    await expectError(response, 405, 'MethodNotAllowed');
    expect(response.headers.get('allow')).toContain('POST');
  });
});
