import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawBox } from '../../src/geometry/draw';
import { imageToScreen, screenToImage } from '../../src/geometry/mapping';
import { moveBox } from '../../src/geometry/move';
import { resizeBox } from '../../src/geometry/resize';
import type { ScreenRect, Size } from '../../src/geometry/types';
import type { View } from '../../src/geometry/view';
import {
  clampView,
  imageRect,
  MAX_PIXEL_SCALE,
  maxZoomFor,
  pinchView,
  placeView,
  visibleArea,
  wheelZoomFactor,
} from '../../src/geometry/view';

const photo: Size = { width: 8000, height: 8000 };
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** The picker's visible area on screen: any place, 200 to 2000 CSS px wide, the image's aspect. */
function viewportArb(image: Size): fc.Arbitrary<ScreenRect> {
  return fc
    .record({
      left: fc.double({ min: -3000, max: 3000, noNaN: true }),
      top: fc.double({ min: -3000, max: 3000, noNaN: true }),
      width: fc.double({ min: 200, max: 2000, noNaN: true }),
    })
    .map((r) => ({ ...r, height: (r.width * image.height) / image.width }));
}

/** Any valid view of `image` in `viewport`, from the fitted view to 16 screen px per pixel. */
function viewArb(image: Size, viewport: ScreenRect): fc.Arbitrary<View> {
  const max = maxZoomFor(viewport.width, image);
  return fc
    .tuple(fc.double({ min: 1, max, noNaN: true }), unit, unit)
    .map(([zoom, fx, fy]) =>
      clampView({ zoom, pan: { x: fx * image.width, y: fy * image.height } }, image, max),
    );
}

/** An 8000x8000 photo, a viewport and a view of it. */
const sceneArb = viewportArb(photo).chain((viewport) =>
  viewArb(photo, viewport).map((view) => ({
    viewport,
    view,
    rect: imageRect(view, viewport, photo),
  })),
);

const pixelArb = fc.record({
  x: fc.integer({ min: 0, max: photo.width }),
  y: fc.integer({ min: 0, max: photo.height }),
});

describe('view transform on an 8000x8000 image (property)', () => {
  it('every integer pixel survives image -> screen -> image with 0 px error at any zoom and pan', () => {
    fc.assert(
      fc.property(sceneArb, pixelArb, ({ rect }, p) => {
        const back = screenToImage(imageToScreen(p, rect, photo), rect, photo);
        expect(Math.round(back.x)).toBe(p.x);
        expect(Math.round(back.y)).toBe(p.y);
      }),
      { numRuns: 2000 },
    );
  });

  it('a box drawn between the screen points of its corners is exactly that box', () => {
    fc.assert(
      fc.property(sceneArb, pixelArb, pixelArb, ({ rect }, a, b) => {
        fc.pre(a.x !== b.x && a.y !== b.y);
        const drawn = drawBox(
          screenToImage(imageToScreen(a, rect, photo), rect, photo),
          screenToImage(imageToScreen(b, rect, photo), rect, photo),
          photo,
        );
        expect(drawn).toEqual([
          Math.min(a.x, b.x),
          Math.min(a.y, b.y),
          Math.max(a.x, b.x),
          Math.max(a.y, b.y),
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a move or resize by a whole number of pixels on screen is exactly that many pixels', () => {
    fc.assert(
      fc.property(
        sceneArb,
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        ({ rect }, dx, dy) => {
          const box = [3000, 3000, 5000, 5000] as [number, number, number, number];
          const grab = { x: 4000, y: 4000 };
          const from = imageToScreen(grab, rect, photo);
          const to = imageToScreen({ x: grab.x + dx, y: grab.y + dy }, rect, photo);
          const a = screenToImage(from, rect, photo);
          const b = screenToImage(to, rect, photo);
          expect(moveBox(box, b.x - a.x, b.y - a.y, photo)).toEqual([
            3000 + dx,
            3000 + dy,
            5000 + dx,
            5000 + dy,
          ]);
          expect(resizeBox(box, 'se', b.x - a.x, b.y - a.y, photo)).toEqual([
            3000,
            3000,
            5000 + dx,
            5000 + dy,
          ]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('zooming around a screen point keeps the image point under it (until the clamp)', () => {
    fc.assert(
      fc.property(
        sceneArb,
        unit,
        unit,
        fc.double({ min: 1, max: 400, noNaN: true }),
        (s, fx, fy, zoom) => {
          const at = {
            x: s.viewport.left + fx * s.viewport.width,
            y: s.viewport.top + fy * s.viewport.height,
          };
          const anchor = screenToImage(at, s.rect, photo);
          const next = placeView(zoom, anchor, at, s.viewport, photo);
          const back = imageToScreen(anchor, imageRect(next, s.viewport, photo), photo);
          expect(back.x).toBeCloseTo(at.x, 6);
          expect(back.y).toBeCloseTo(at.y, 6);
        },
      ),
    );
  });

  it('a clamped view stays inside the image and within [1, maxZoom]; clamping is idempotent', () => {
    fc.assert(
      fc.property(
        fc.record({
          width: fc.integer({ min: 1, max: 8000 }),
          height: fc.integer({ min: 1, max: 8000 }),
        }),
        fc.double({ min: -10, max: 1000, noNaN: true }),
        fc.double({ min: -20000, max: 20000, noNaN: true }),
        fc.double({ min: -20000, max: 20000, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        (image, zoom, x, y, max) => {
          const view = clampView({ zoom, pan: { x, y } }, image, max);
          expect(view.zoom).toBeGreaterThanOrEqual(1);
          expect(view.zoom).toBeLessThanOrEqual(max);
          const [x1, y1, x2, y2] = visibleArea(view, image);
          const eps = 1e-9 * Math.max(image.width, image.height);
          expect(x1).toBeGreaterThanOrEqual(-eps);
          expect(y1).toBeGreaterThanOrEqual(-eps);
          expect(x2).toBeLessThanOrEqual(image.width + eps);
          expect(y2).toBeLessThanOrEqual(image.height + eps);
          expect(clampView(view, image, max)).toEqual(view);
        },
      ),
    );
  });
});

describe('view helpers', () => {
  const image = { width: 4000, height: 3000 };
  const viewport = { left: 100, top: 50, width: 400, height: 300 };

  it('the fitted view shows the whole image in the viewport', () => {
    const fitted = clampView({ zoom: 1, pan: { x: 0, y: 0 } }, image, 10);
    expect(fitted).toEqual({ zoom: 1, pan: { x: 2000, y: 1500 } });
    expect(imageRect(fitted, viewport, image)).toEqual(viewport);
    expect(visibleArea(fitted, image)).toEqual([0, 0, 4000, 3000]);
  });

  it('the default maximum zoom is 16 screen pixels per original pixel', () => {
    const max = maxZoomFor(400, image);
    expect(max).toBe(160);
    const view = clampView({ zoom: 1000, pan: { x: 1000, y: 1000 } }, image, max);
    expect(imageRect(view, viewport, image).width / image.width).toBe(MAX_PIXEL_SCALE);
    // A small image shown larger than 16x already: no zoom beyond the fitted view.
    expect(maxZoomFor(400, { width: 20, height: 10 })).toBe(1);
  });

  it('zooming around the centre keeps the pan; a drag pans by screen / scale', () => {
    const view = clampView({ zoom: 4, pan: { x: 1000, y: 1000 } }, image, 160);
    const center = { x: 300, y: 200 };
    const anchor = screenToImage(center, imageRect(view, viewport, image), image);
    expect(anchor).toEqual({ x: 1000, y: 1000 });
    expect(placeView(8, anchor, center, viewport, image)).toEqual({
      zoom: 8,
      pan: { x: 1000, y: 1000 },
    });
    // 1 CSS px = 10 / 4 = 2.5 image px: dragging the grabbed point 40 px right pans 100 px left.
    expect(placeView(4, anchor, { x: 340, y: 200 }, viewport, image).pan).toEqual({
      x: 900,
      y: 1000,
    });
  });

  it('a pinch zooms by the finger distance ratio and pans with the midpoint', () => {
    const start = clampView({ zoom: 2, pan: { x: 2000, y: 1500 } }, image, 160);
    const from = [
      { x: 250, y: 200 },
      { x: 350, y: 200 },
    ] as const;
    const spread = pinchView(
      start,
      from,
      [
        { x: 200, y: 200 },
        { x: 400, y: 200 },
      ],
      viewport,
      image,
    );
    expect(spread).toEqual({ zoom: 4, pan: { x: 2000, y: 1500 } });
    const dragged = pinchView(
      start,
      from,
      [
        { x: 270, y: 200 },
        { x: 370, y: 200 },
      ],
      viewport,
      image,
    );
    // Two fingers 20 px right at 1 CSS px = 5 image px: 100 px pan to the left.
    expect(dragged).toEqual({ zoom: 2, pan: { x: 1900, y: 1500 } });
  });

  it('wheel zoom is symmetric; a trackpad pinch (Ctrl+wheel) is stronger', () => {
    expect(wheelZoomFactor(-100, 0, false) * wheelZoomFactor(100, 0, false)).toBe(1);
    expect(wheelZoomFactor(-200, 0, false)).toBe(2);
    expect(wheelZoomFactor(-100, 0, true)).toBe(2);
    expect(wheelZoomFactor(-3, 1, false)).toBe(wheelZoomFactor(-48, 0, false));
  });
});
