import fc from 'fast-check';
import { normalizeBox } from '../../src/geometry/clamp';
import type { Box, Size } from '../../src/geometry/types';

/** Natural image sizes from tiny to large. */
export const imageArb: fc.Arbitrary<Size> = fc.record({
  width: fc.integer({ min: 1, max: 8000 }),
  height: fc.integer({ min: 1, max: 8000 }),
});

/** Any four numbers, including reversed, fractional, negative and far-outside edges. */
export const rawEdgesArb = fc.tuple(
  fc.double({ min: -20000, max: 20000, noNaN: true }),
  fc.double({ min: -20000, max: 20000, noNaN: true }),
  fc.double({ min: -20000, max: 20000, noNaN: true }),
  fc.double({ min: -20000, max: 20000, noNaN: true }),
);

/** A min size, sometimes larger than the image. */
export const minSizeArb = fc.integer({ min: 1, max: 500 });

/** An image with a valid box inside it. */
export const imageWithBoxArb: fc.Arbitrary<{ image: Size; box: Box; minSize: number }> = fc
  .tuple(imageArb, rawEdgesArb, minSizeArb)
  .map(([image, edges, minSize]) => ({ image, box: normalizeBox(edges, image, minSize), minSize }));

/** Asserts the emitted-box invariants: integers, inside the image, x1 < x2, y1 < y2. */
export function isValidBoxInside(box: Box, image: Size): boolean {
  const [x1, y1, x2, y2] = box;
  return (
    box.every(Number.isInteger) &&
    x1 >= 0 &&
    y1 >= 0 &&
    x2 <= image.width &&
    y2 <= image.height &&
    x1 < x2 &&
    y1 < y2
  );
}
