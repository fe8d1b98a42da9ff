import { clamp } from './clamp';
import { screenToImage } from './mapping';
import type { Point, ScreenRect, Size } from './types';

/**
 * What part of the image the picker shows: the one view transform. `zoom` is a multiple of the
 * fitted view (1 = the whole image fills the picker's width); `pan` is the ORIGINAL-image point
 * shown at the centre of the picker. Both are independent of the display size, so a resize keeps
 * the same part of the image in view, and zooming around the centre leaves `pan` unchanged.
 */
export interface View {
  /** Multiple of the fitted size, at least 1. */
  zoom: number;
  /** Original-image point at the centre of the visible area (float). */
  pan: Point;
}

/** Screen pixels per original pixel that the default maximum zoom reaches. */
export const MAX_PIXEL_SCALE = 16;

/** The largest zoom: {@link MAX_PIXEL_SCALE} screen pixels per original pixel (at least 1). */
export function maxZoomFor(viewportWidth: number, image: Size): number {
  return viewportWidth > 0 ? Math.max(1, (MAX_PIXEL_SCALE * image.width) / viewportWidth) : 1;
}

/**
 * Limits a view to `[1, maxZoom]` and pans it so that the image always covers the visible area
 * (the picker has the image's aspect ratio, so at zoom 1 the only valid pan is the centre).
 */
export function clampView(view: View, image: Size, maxZoom: number): View {
  // `|| fallback` only catches NaN: every clamped value is positive.
  const zoom = clamp(view.zoom, 1, Math.max(1, maxZoom)) || 1;
  const halfW = image.width / (2 * zoom);
  const halfH = image.height / (2 * zoom);
  return {
    zoom,
    pan: {
      x: clamp(view.pan.x, halfW, image.width - halfW) || halfW,
      y: clamp(view.pan.y, halfH, image.height - halfH) || halfH,
    },
  };
}

/** True when two views are equal. */
export function sameView(a: View, b: View): boolean {
  return a.zoom === b.zoom && a.pan.x === b.pan.x && a.pan.y === b.pan.y;
}

/**
 * Where the whole image lies, in screen pixels, for a view inside a `viewport` rect (the picker's
 * visible area as `getBoundingClientRect` gives it). With `screenToImage` / `imageToScreen` from
 * `./mapping`, this is the only conversion between screen and original pixels.
 */
export function imageRect(view: View, viewport: ScreenRect, image: Size): ScreenRect {
  const scale = (viewport.width / image.width) * view.zoom;
  return {
    left: viewport.left + viewport.width / 2 - view.pan.x * scale,
    top: viewport.top + viewport.height / 2 - view.pan.y * scale,
    width: image.width * scale,
    height: image.height * scale,
  };
}

/**
 * The view at `zoom` that shows the image point `anchor` (original pixels) at the screen point
 * `at`. Every view gesture is this one function: zoom around the pointer (anchor = the point
 * under it, `at` = the pointer), pan by dragging (anchor = the point grabbed, `at` = the pointer
 * now), pinch (both at once) and zoom around the centre. Not clamped.
 */
export function placeView(
  zoom: number,
  anchor: Point,
  at: Point,
  viewport: ScreenRect,
  image: Size,
): View {
  const scale = (viewport.width / image.width) * zoom;
  return {
    zoom,
    pan: {
      x: anchor.x - (at.x - viewport.left - viewport.width / 2) / scale,
      y: anchor.y - (at.y - viewport.top - viewport.height / 2) / scale,
    },
  };
}

/** The visible part of the image in original pixels (floats), as `[x1, y1, x2, y2]`. */
export function visibleArea(view: View, image: Size): [number, number, number, number] {
  const halfW = image.width / (2 * view.zoom);
  const halfH = image.height / (2 * view.zoom);
  return [view.pan.x - halfW, view.pan.y - halfH, view.pan.x + halfW, view.pan.y + halfH];
}

/**
 * Zoom factor of one wheel event: exponential, so zooming in then out by the same wheel travel
 * returns to the same zoom. A trackpad pinch arrives as a Ctrl+wheel with small deltas, so it
 * gets a stronger factor. Lines (Firefox's mouse wheel) count 16 pixels each.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, pinch: boolean): number {
  return 2 ** ((-deltaY * (deltaMode ? 16 : 1)) / (pinch ? 100 : 200));
}

/**
 * The view during a pan or pinch: the image point under the fingers' first midpoint follows
 * their midpoint (pan) and the zoom follows their distance (pinch). `start` is the view when the
 * gesture began, `from` and `to` the two fingers then and now (screen pixels); a one-pointer pan
 * passes its one point twice.
 */
export function pinchView(
  start: View,
  from: readonly [Point, Point],
  to: readonly [Point, Point],
  viewport: ScreenRect,
  image: Size,
): View {
  const anchor = screenToImage(midpoint(from), imageRect(start, viewport, image), image);
  // One pointer (a pan) passes the same point twice: no distance, no zoom change.
  const ratio = distance(to) / distance(from) || 1;
  return placeView(start.zoom * ratio, anchor, midpoint(to), viewport, image);
}

function midpoint([a, b]: readonly [Point, Point]): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function distance([a, b]: readonly [Point, Point]): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
