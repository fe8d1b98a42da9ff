import { describe, expect, it } from 'vitest';
import { parseImageResponse, readExpiresAt } from '../../src/client/response.js';
import { TokenHubNoImageError } from '../../src/errors.js';

// The success response of the gateway's guide (vectors/success.response.json).
const guideResponse = {
  output: {
    choices: [
      {
        finish_reason: 'stop',
        message: {
          content: [
            { image: 'https://dashscope-xxxx.oss-accelerate.aliyuncs.com/...png', type: 'image' },
          ],
          role: 'assistant',
        },
      },
    ],
    finished: true,
  },
  usage: { image_count: 1, input_tokens: 0, output_tokens: 0, size: '1280*1280', total_tokens: 0 },
  request_id: '815505c6-7c3d-49d7-b197-xxxxx',
};

function choice(...content: unknown[]): unknown {
  return { finish_reason: 'stop', message: { role: 'assistant', content } };
}

describe('parseImageResponse', () => {
  it("parses the guide's response", () => {
    const result = parseImageResponse(guideResponse);
    expect(result).toEqual({
      images: [
        { url: 'https://dashscope-xxxx.oss-accelerate.aliyuncs.com/...png', choiceIndex: 0 },
      ],
      usage: { imageCount: 1, size: '1280*1280' },
      requestId: '815505c6-7c3d-49d7-b197-xxxxx',
      finished: true,
      warnings: [],
      raw: guideResponse,
    });
  });

  it('reads the expiry of a link the proxy rewrote from the original kept beside it', () => {
    const result = parseImageResponse({
      output: {
        choices: [
          {
            message: {
              content: [
                {
                  image: '/api/tokenhub/v1/images/files/key-1/0',
                  upstream_image: 'https://cdn.example/a.png?Expires=1790000000&Signature=x',
                },
              ],
            },
          },
        ],
      },
    });
    expect(result.images[0]).toEqual({
      url: '/api/tokenhub/v1/images/files/key-1/0',
      choiceIndex: 0,
      expiresAt: new Date(1_790_000_000_000),
    });
  });

  it('keeps every image of every choice in order with its choice index', () => {
    const json = {
      output: {
        choices: [
          choice(
            { image: 'https://x/a.png', type: 'image' },
            { image: 'https://x/b.png', type: 'image' },
          ),
          choice({ text: 'a caption', type: 'text' }, { image: 'https://x/c.png' }),
        ],
      },
    };
    expect(parseImageResponse(json).images).toEqual([
      { url: 'https://x/a.png', choiceIndex: 0 },
      { url: 'https://x/b.png', choiceIndex: 0 },
      { url: 'https://x/c.png', choiceIndex: 1 },
    ]);
  });

  it('accepts content items without type (qwen-image-edit) and skips non-image types', () => {
    const json = {
      output: {
        choices: [
          choice({ image: 'https://x/q.png' }, { image: 'https://x/t.png', type: 'thumbnail' }),
        ],
      },
    };
    expect(parseImageResponse(json).images).toEqual([{ url: 'https://x/q.png', choiceIndex: 0 }]);
  });

  it('reads usage.width/height (and derives size from them)', () => {
    const json = {
      output: { choices: [choice({ image: 'https://x/q.png' })] },
      usage: { width: 1024, height: 768 },
    };
    expect(parseImageResponse(json).usage).toEqual({ width: 1024, height: 768, size: '1024*768' });
  });

  it('keeps unknown fields in raw and reads finished=false', () => {
    const json = {
      output: {
        choices: [choice({ image: 'https://x/a.png' })],
        finished: false,
        task_metric: { ok: 1 },
      },
      usage: { image_count: '1', brand_new: true },
      extra: [1, 2, 3],
    };
    const result = parseImageResponse(json);
    expect(result.raw).toBe(json);
    expect(result.finished).toBe(false);
    expect(result.usage).toEqual({ imageCount: 1 });
  });

  it('takes the request id from the header when the body has none', () => {
    const json = { output: { choices: [choice({ image: 'https://x/a.png' })] } };
    expect(parseImageResponse(json, { requestId: 'hdr-7' }).requestId).toBe('hdr-7');
    expect(
      parseImageResponse({ ...json, request_id: 'body-7' }, { requestId: 'hdr-7' }).requestId,
    ).toBe('body-7');
  });

  it('reads expiresAt from the signed URL (Expires in unix seconds)', () => {
    const url =
      'https://bucket.oss.aliyuncs.com/out/1.png?Expires=1767225600&OSSAccessKeyId=k&Signature=s%3D';
    const json = { output: { choices: [choice({ image: url, type: 'image' })] } };
    expect(parseImageResponse(json).images[0]).toEqual({
      url,
      choiceIndex: 0,
      expiresAt: new Date('2026-01-01T00:00:00.000Z'),
    });
    expect(readExpiresAt('https://x/a.png?expires=10')).toEqual(new Date(10_000));
    expect(readExpiresAt('https://x/a.png?NotExpires=10')).toBeUndefined();
    expect(readExpiresAt('https://x/a.png?Expires=soon')).toBeUndefined();
  });

  it('accepts the older output.results[].url shape', () => {
    const json = { output: { results: [{ url: 'https://x/1.png' }, { url: 'https://x/2.png' }] } };
    expect(parseImageResponse(json).images.map((image) => image.choiceIndex)).toEqual([0, 1]);
  });

  it.each([
    ['empty choices', { output: { choices: [] }, request_id: 'r-1' }],
    ['no output', { request_id: 'r-1' }],
    [
      'choices without images',
      { output: { choices: [choice({ text: 'sorry' })] }, request_id: 'r-1' },
    ],
  ])('throws TokenHubNoImageError with the request id for %s', (_name, json) => {
    let caught: unknown;
    try {
      parseImageResponse(json);
    } catch (error) {
      caught = error;
    }
    expect(TokenHubNoImageError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ requestId: 'r-1', status: 200, retryable: false, body: json });
    expect((caught as Error).message).toContain('request id r-1');
  });

  it('throws TokenHubNoImageError for a body that is not an object', () => {
    expect(() => parseImageResponse(null, { requestId: 'h' })).toThrow(TokenHubNoImageError);
    expect(() => parseImageResponse([1, 2])).toThrow(/no image/);
  });
});
