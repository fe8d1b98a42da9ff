import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveBox } from '../../src/geometry/move';
import type { Box } from '../../src/geometry/types';
import { imageWithBoxArb, isValidBoxInside } from './arbitraries';

const image = { width: 4000, height: 3000 };

describe('moveBox', () => {
  it('moves by a rounded delta', () => {
    expect(moveBox([100, 100, 200, 150], 10.4, -20.6, image)).toEqual([110, 79, 210, 129]);
  });

  it('stops at the image edges without changing the size', () => {
    expect(moveBox([100, 100, 200, 150], -500, 5000, image)).toEqual([0, 2950, 100, 3000]);
    expect(moveBox([3900, 0, 4000, 50], 10, -10, image)).toEqual([3900, 0, 4000, 50]);
  });

  it('never changes a box size and always stays inside', () => {
    const delta = fc.double({ min: -10000, max: 10000, noNaN: true });
    fc.assert(
      fc.property(imageWithBoxArb, delta, delta, ({ image: img, box }, dx, dy) => {
        const moved: Box = moveBox(box, dx, dy, img);
        expect(moved[2] - moved[0]).toBe(box[2] - box[0]);
        expect(moved[3] - moved[1]).toBe(box[3] - box[1]);
        expect(isValidBoxInside(moved, img)).toBe(true);
      }),
    );
  });
});
