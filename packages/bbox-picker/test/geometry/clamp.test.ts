import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveMinSize, normalizeBox, sameBox } from '../../src/geometry/clamp';
import { imageArb, isValidBoxInside, minSizeArb, rawEdgesArb } from './arbitraries';

const image = { width: 4000, height: 3000 };

describe('normalizeBox (the rounding rule)', () => {
  it('rounds each edge to the nearest pixel, halves up', () => {
    expect(normalizeBox([627.8, 10.5, 900.49, 20.2], image)).toEqual([628, 11, 900, 20]);
  });

  it('sorts reversed edges', () => {
    expect(normalizeBox([300, 400, 100, 200], image)).toEqual([100, 200, 300, 400]);
  });

  it('clamps edges outside the image', () => {
    expect(normalizeBox([-50, -1, 4100, 3500], image)).toEqual([0, 0, 4000, 3000]);
  });

  it('grows a too-small side to the minimum, inside the image', () => {
    expect(normalizeBox([100, 100, 105, 100], image, 20)).toEqual([100, 100, 120, 120]);
    expect(normalizeBox([3995, 2990, 4000, 3000], image, 20)).toEqual([3980, 2980, 4000, 3000]);
  });

  it('treats non-finite edges as 0', () => {
    expect(normalizeBox([Number.NaN, 0, 10, Number.POSITIVE_INFINITY], image)).toEqual([
      0, 0, 10, 1,
    ]);
  });

  it('keeps a box that is already valid unchanged', () => {
    expect(normalizeBox([989, 515, 1138, 681], image)).toEqual([989, 515, 1138, 681]);
  });

  it('gives every result integer edges inside the image with x1 < x2 and y1 < y2', () => {
    fc.assert(
      fc.property(imageArb, rawEdgesArb, minSizeArb, (img, edges, min) => {
        const box = normalizeBox(edges, img, min);
        expect(isValidBoxInside(box, img)).toBe(true);
        expect(box[2] - box[0]).toBeGreaterThanOrEqual(effectiveMinSize(min, img.width));
        expect(box[3] - box[1]).toBeGreaterThanOrEqual(effectiveMinSize(min, img.height));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(imageArb, rawEdgesArb, minSizeArb, (img, edges, min) => {
        const once = normalizeBox(edges, img, min);
        expect(normalizeBox(once, img, min)).toEqual(once);
      }),
    );
  });
});

describe('effectiveMinSize', () => {
  it('is at least 1 and at most the image side', () => {
    expect(effectiveMinSize(0, 100)).toBe(1);
    expect(effectiveMinSize(500, 100)).toBe(100);
    expect(effectiveMinSize(12.2, 100)).toBe(13);
  });
});

describe('sameBox', () => {
  it('compares edges, not identity', () => {
    expect(sameBox([1, 2, 3, 4], [1, 2, 3, 4])).toBe(true);
    expect(sameBox([1, 2, 3, 4], [1, 2, 3, 5])).toBe(false);
    expect(sameBox(null, [1, 2, 3, 4])).toBe(false);
  });
});
