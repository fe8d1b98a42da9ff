import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawBox } from '../../src/geometry/draw';
import { imageArb, isValidBoxInside, minSizeArb } from './arbitraries';

const image = { width: 4000, height: 3000 };

describe('drawBox', () => {
  it('normalises a drag in any direction', () => {
    expect(drawBox({ x: 300, y: 400 }, { x: 100.4, y: 200.6 }, image)).toEqual([
      100, 201, 300, 400,
    ]);
  });

  it('clamps a drag that starts or ends outside the image', () => {
    expect(drawBox({ x: -100, y: -50 }, { x: 5000, y: 200 }, image)).toEqual([0, 0, 4000, 200]);
  });

  it('grows a too-small draw to minSize in the drag direction', () => {
    expect(drawBox({ x: 100, y: 100 }, { x: 102, y: 98 }, image, 10)).toEqual([100, 90, 110, 100]);
    expect(drawBox({ x: 3999, y: 5 }, { x: 4001, y: 6 }, image, 10)).toEqual([3990, 5, 4000, 15]);
  });

  it('always yields a valid box inside the image', () => {
    const coord = fc.double({ min: -20000, max: 20000, noNaN: true });
    fc.assert(
      fc.property(imageArb, coord, coord, coord, coord, minSizeArb, (img, ax, ay, cx, cy, min) => {
        expect(isValidBoxInside(drawBox({ x: ax, y: ay }, { x: cx, y: cy }, img, min), img)).toBe(
          true,
        );
      }),
    );
  });
});
