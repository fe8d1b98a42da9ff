import { clamp, effectiveMinSize } from './clamp';
import type { Box, Point, Size } from './types';

/**
 * The box drawn by dragging from `anchor` to `current` (both image pixels, floats, possibly
 * outside the image). Both corners are rounded to whole pixels and clamped to the image; the
 * box is normalised so x1 < x2 and y1 < y2 whatever the drag direction; a side shorter than
 * `minSize` grows in the direction of the drag (or back from the image edge when there is no
 * room).
 */
export function drawBox(anchor: Point, current: Point, image: Size, minSize = 1): Box {
  const [x1, x2] = drawSpan(anchor.x, current.x, image.width, minSize);
  const [y1, y2] = drawSpan(anchor.y, current.y, image.height, minSize);
  return [x1, y1, x2, y2];
}

function drawSpan(from: number, to: number, side: number, minSize: number): [number, number] {
  const a = clamp(Math.round(from), 0, side);
  const b = clamp(Math.round(to), 0, side);
  const min = effectiveMinSize(minSize, side);
  if (Math.abs(b - a) >= min) return a < b ? [a, b] : [b, a];
  // Too small: extend from the anchor towards the pointer, falling back to the other side.
  const forward = to >= from;
  if (forward) return a + min <= side ? [a, a + min] : [side - min, side];
  return a - min >= 0 ? [a - min, a] : [0, min];
}
