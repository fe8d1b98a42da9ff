import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resizeBox } from '../../src/geometry/resize';
import { HANDLES } from '../../src/geometry/types';
import { imageWithBoxArb, isValidBoxInside } from './arbitraries';

const image = { width: 4000, height: 3000 };
const box: [number, number, number, number] = [1000, 1000, 2000, 1500];

describe('resizeBox', () => {
  it.each([
    ['nw', [990, 980, 2000, 1500]],
    ['n', [1000, 980, 2000, 1500]],
    ['ne', [1000, 980, 2010, 1500]],
    ['e', [1000, 1000, 2010, 1500]],
    ['se', [1000, 1000, 2010, 1520]],
    ['s', [1000, 1000, 2000, 1520]],
    ['sw', [990, 1000, 2000, 1520]],
    ['w', [990, 1000, 2000, 1500]],
  ] as const)('handle %s moves only its edges', (handle, expected) => {
    const dy = handle.includes('n') ? -20 : 20;
    const dx = handle.includes('w') ? -10 : 10;
    expect(resizeBox(box, handle, dx, dy, image)).toEqual(expected);
  });

  it('stops an edge minSize before the opposite edge instead of flipping', () => {
    expect(resizeBox(box, 'e', -5000, 0, image, 50)).toEqual([1000, 1000, 1050, 1500]);
    expect(resizeBox(box, 'nw', 5000, 5000, image, 50)).toEqual([1950, 1450, 2000, 1500]);
  });

  it('clamps a handle dragged outside the image to the edge', () => {
    expect(resizeBox(box, 'se', 9000, 9000, image)).toEqual([1000, 1000, 4000, 3000]);
    expect(resizeBox(box, 'nw', -9000, -9000, image)).toEqual([0, 0, 2000, 1500]);
  });

  it('rounds the moved edge to the nearest pixel', () => {
    expect(resizeBox(box, 'e', 0.5, 0, image)).toEqual([1000, 1000, 2001, 1500]);
    expect(resizeBox(box, 'e', 0.49, 0, image)).toEqual([1000, 1000, 2000, 1500]);
  });

  it('always yields a valid box inside the image that keeps the edges the handle does not name', () => {
    const delta = fc.double({ min: -10000, max: 10000, noNaN: true });
    fc.assert(
      fc.property(
        imageWithBoxArb,
        fc.constantFrom(...HANDLES),
        delta,
        delta,
        ({ image: img, box: b, minSize }, h, dx, dy) => {
          const r = resizeBox(b, h, dx, dy, img, minSize);
          expect(isValidBoxInside(r, img)).toBe(true);
          if (!h.includes('w')) expect(r[0]).toBe(b[0]);
          if (!h.includes('n')) expect(r[1]).toBe(b[1]);
          if (!h.includes('e')) expect(r[2]).toBe(b[2]);
          if (!h.includes('s')) expect(r[3]).toBe(b[3]);
        },
      ),
    );
  });
});
