import { describe, expect, test } from 'vitest';
import { parseImageResponse } from '../../src/client/response.js';
import { expiresAtFromUrl } from '../../src/shared/expiry.js';
import { DEFAULT_IMAGE_LINK_TTL_MS, resultExpiresAt } from '../../src/store/expiry.js';
import type { ImageGenerationResult } from '../../src/types.js';

const result = (...images: ImageGenerationResult['images']): ImageGenerationResult => ({
  images,
  usage: {},
  requestId: 'r1',
  finished: true,
  warnings: [],
  raw: {},
});

describe('expiresAtFromUrl', () => {
  test('reads the Expires parameter as Unix seconds', () => {
    expect(expiresAtFromUrl('https://oss.example.com/a.png?Expires=1700000000&Signature=x')).toBe(
      1_700_000_000_000,
    );
  });

  test('gives undefined without the parameter, with a non-numeric one, or for a non-URL', () => {
    expect(expiresAtFromUrl('https://oss.example.com/a.png?Signature=x')).toBeUndefined();
    expect(expiresAtFromUrl('https://oss.example.com/a.png?Expires=tomorrow')).toBeUndefined();
    expect(expiresAtFromUrl('not a url')).toBeUndefined();
  });
});

describe('resultExpiresAt', () => {
  test("a same-origin image's expiry is that of the upstream link the proxy kept beside it", () => {
    const raw = {
      output: {
        choices: [
          {
            message: {
              content: [
                {
                  type: 'image',
                  image: '/api/tokenhub/v1/images/files/k/0',
                  upstream_image: 'https://oss.example.com/a.png?Expires=1700000000',
                },
              ],
            },
          },
        ],
      },
    };
    // The client reads it when it parses the answer; the store takes what the client parsed.
    const rewritten = parseImageResponse(raw);
    expect(rewritten.images[0]?.url).toBe('/api/tokenhub/v1/images/files/k/0');
    expect(resultExpiresAt(rewritten, 1000)).toBe(1_700_000_000_000);
  });

  test('falls back to 24 hours after receipt', () => {
    expect(resultExpiresAt(result({ url: 'https://x/a.png', choiceIndex: 0 }), 1000)).toBe(
      1000 + DEFAULT_IMAGE_LINK_TTL_MS,
    );
    expect(DEFAULT_IMAGE_LINK_TTL_MS).toBe(86_400_000);
  });

  test('takes the earliest expiry among the images', () => {
    const at = resultExpiresAt(
      result(
        { url: 'https://x/a.png?Expires=2000', choiceIndex: 0 },
        { url: 'https://x/b.png?Expires=1500', choiceIndex: 0 },
      ),
      0,
    );
    expect(at).toBe(1_500_000);
  });

  test('prefers the expiresAt the client already parsed', () => {
    const at = resultExpiresAt(
      result({ url: 'https://x/a.png?Expires=2000', choiceIndex: 0, expiresAt: new Date(42_000) }),
      0,
    );
    expect(at).toBe(42_000);
  });
});
