import type { Point, ScreenRect, Size } from './types';

/**
 * Maps a client (screen) point to image pixels of the natural image. The result is a float
 * and is not clamped: a pointer outside the image maps outside `[0, width]`.
 *
 * The rect is measured at event time (`getBoundingClientRect`), which already accounts for CSS
 * width, page scroll, scrolled containers and scale transforms, so one linear map suffices.
 */
export function screenToImage(point: Point, rect: ScreenRect, natural: Size): Point {
  return {
    x: ((point.x - rect.left) * natural.width) / rect.width,
    y: ((point.y - rect.top) * natural.height) / rect.height,
  };
}

/** Maps an image point (natural pixels) to client coordinates: the inverse of {@link screenToImage}. */
export function imageToScreen(point: Point, rect: ScreenRect, natural: Size): Point {
  return {
    x: rect.left + (point.x * rect.width) / natural.width,
    y: rect.top + (point.y * rect.height) / natural.height,
  };
}
