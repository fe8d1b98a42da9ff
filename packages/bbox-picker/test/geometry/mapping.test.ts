import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageToScreen, screenToImage } from '../../src/geometry/mapping';

// A 4000x3000 photo shown 400 px wide at (100, 50): one CSS pixel is 10 image pixels.
const natural = { width: 4000, height: 3000 };
const rect = { left: 100, top: 50, width: 400, height: 300 };

describe('screenToImage', () => {
  it('maps the displayed corners to the natural corners', () => {
    expect(screenToImage({ x: 100, y: 50 }, rect, natural)).toEqual({ x: 0, y: 0 });
    expect(screenToImage({ x: 500, y: 350 }, rect, natural)).toEqual({ x: 4000, y: 3000 });
  });

  it('scales a point inside by natural / displayed size', () => {
    expect(screenToImage({ x: 150.5, y: 60 }, rect, natural)).toEqual({ x: 505, y: 100 });
  });

  it('maps points outside the image outside the range (clamping is a separate step)', () => {
    expect(screenToImage({ x: 90, y: 40 }, rect, natural)).toEqual({ x: -100, y: -100 });
  });

  it('handles upscaling (an image shown larger than its natural size)', () => {
    const big = { left: 0, top: 0, width: 2000, height: 1000 };
    expect(screenToImage({ x: 1000, y: 500 }, big, { width: 200, height: 100 })).toEqual({
      x: 100,
      y: 50,
    });
  });
});

const sizeArb = fc.record({
  width: fc.integer({ min: 1, max: 8000 }),
  height: fc.integer({ min: 1, max: 8000 }),
});
const rectArb = fc.record({
  left: fc.double({ min: -5000, max: 5000, noNaN: true }),
  top: fc.double({ min: -5000, max: 5000, noNaN: true }),
  width: fc.double({ min: 1, max: 5000, noNaN: true }),
  height: fc.double({ min: 1, max: 5000, noNaN: true }),
});

describe('mapping properties', () => {
  it('image -> screen -> image returns every integer pixel within half a pixel', () => {
    fc.assert(
      fc.property(
        sizeArb,
        rectArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (size, r, fx, fy) => {
          const p = { x: Math.round(fx * size.width), y: Math.round(fy * size.height) };
          const back = screenToImage(imageToScreen(p, r, size), r, size);
          expect(Math.abs(back.x - p.x)).toBeLessThan(0.5);
          expect(Math.abs(back.y - p.y)).toBeLessThan(0.5);
          expect(Math.round(back.x)).toBe(p.x);
          expect(Math.round(back.y)).toBe(p.y);
        },
      ),
    );
  });

  it('screen -> rounded image pixel -> screen lands within half an image pixel of the pointer', () => {
    fc.assert(
      fc.property(
        sizeArb,
        rectArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (size, r, fx, fy) => {
          const client = { x: r.left + fx * r.width, y: r.top + fy * r.height };
          const img = screenToImage(client, r, size);
          const snapped = imageToScreen({ x: Math.round(img.x), y: Math.round(img.y) }, r, size);
          const halfPixelX = (0.5 * r.width) / size.width;
          const halfPixelY = (0.5 * r.height) / size.height;
          expect(Math.abs(snapped.x - client.x)).toBeLessThanOrEqual(
            halfPixelX * (1 + 1e-9) + 1e-9,
          );
          expect(Math.abs(snapped.y - client.y)).toBeLessThanOrEqual(
            halfPixelY * (1 + 1e-9) + 1e-9,
          );
        },
      ),
    );
  });
});
