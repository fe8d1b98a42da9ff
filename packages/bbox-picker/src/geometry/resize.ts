import { clamp, effectiveMinSize } from './clamp';
import type { Box, Handle, Size } from './types';

/**
 * Resizes a box by dragging one handle by `dx`, `dy` image pixels. Only the edges the handle
 * names move (`'e'` moves x2, `'nw'` moves x1 and y1...). Each moved edge is rounded to the
 * nearest pixel, clamped to the image, and stopped `minSize` pixels before the opposite edge,
 * so the box never flips and never shrinks below the minimum. `box` must be valid and inside.
 */
export function resizeBox(
  box: Box,
  handle: Handle,
  dx: number,
  dy: number,
  image: Size,
  minSize = 1,
): Box {
  let [x1, y1, x2, y2] = box;
  const minW = effectiveMinSize(minSize, image.width);
  const minH = effectiveMinSize(minSize, image.height);
  if (handle.includes('w')) x1 = clamp(Math.round(x1 + dx), 0, Math.max(0, x2 - minW));
  if (handle.includes('e'))
    x2 = clamp(Math.round(x2 + dx), Math.min(image.width, x1 + minW), image.width);
  if (handle.includes('n')) y1 = clamp(Math.round(y1 + dy), 0, Math.max(0, y2 - minH));
  if (handle.includes('s'))
    y2 = clamp(Math.round(y2 + dy), Math.min(image.height, y1 + minH), image.height);
  return [x1, y1, x2, y2];
}
