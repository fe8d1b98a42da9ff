import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectedLatencyMs, progressAt } from '../../src/store/progress-estimate.js';
import type { ImageRequestBody } from '../../src/types.js';

const body = (parameters: ImageRequestBody['parameters'], images = 0): ImageRequestBody => ({
  model: 'wan2.7-image-pro',
  input: {
    messages: [
      {
        role: 'user',
        content: [
          ...Array.from({ length: images }, (_, i) => ({ image: `https://example.com/${i}.png` })),
          { text: 'a cat' },
        ],
      },
    ],
  },
  ...(parameters ? { parameters } : {}),
});

describe('expectedLatencyMs', () => {
  // The upstream documents 1 to 2 minutes per generation, 10 to 25 s for a single edit.
  test('a single edit is expected to take about 25 s', () => {
    expect(expectedLatencyMs(body({ n: 1 }, 1))).toBe(25_000);
  });

  test('a text-to-image is expected to take about a minute', () => {
    expect(expectedLatencyMs(body({ n: 1 }))).toBe(60_000);
  });

  test('an image set, and anything long, is expected to take the documented 2 minutes', () => {
    expect(expectedLatencyMs(body({ enable_sequential: true, n: 4 }))).toBe(120_000);
    expect(expectedLatencyMs(body({ enable_sequential: true }))).toBe(120_000);
    expect(expectedLatencyMs(body({ n: 4 }))).toBe(120_000);
  });

  test('more independent images take longer than one', () => {
    expect(expectedLatencyMs(body({ n: 4 }))).toBeGreaterThan(expectedLatencyMs(body({ n: 1 })));
  });

  test('an unknown body falls back to one text-to-image', () => {
    expect(expectedLatencyMs(undefined)).toBe(60_000);
  });
});

describe('progressAt', () => {
  test('starts at 0 and reaches 0.9 at the expected time', () => {
    expect(progressAt(0, 10_000)).toBe(0);
    expect(progressAt(5_000, 10_000)).toBeCloseTo(0.45);
    expect(progressAt(10_000, 10_000)).toBeCloseTo(0.9);
  });

  test('keeps moving after the expected time but never reaches 1', () => {
    const late = progressAt(20_000, 10_000);
    expect(late).toBeGreaterThan(0.9);
    expect(progressAt(10_000_000, 10_000)).toBeLessThan(1);
  });

  test('stays in [0, 1) and never goes backwards', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (a, b, expected) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const p = progressAt(early, expected);
          const q = progressAt(late, expected);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThan(1);
          expect(q).toBeGreaterThanOrEqual(p);
        },
      ),
    );
  });

  test('negative or missing inputs give 0 instead of NaN', () => {
    expect(progressAt(-5, 1000)).toBe(0);
    expect(progressAt(500, 0)).toBe(0);
    expect(progressAt(Number.NaN, 1000)).toBe(0);
  });
});
