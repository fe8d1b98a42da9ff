import { clamp } from './clamp';
import type { Box, Size } from './types';

/**
 * Moves a box by `dx`, `dy` image pixels without changing its size. The delta is rounded to
 * whole pixels first, then limited so the box stays inside the image (a move past an edge stops
 * at the edge). `box` must already be a valid box inside `image` (see `normalizeBox`).
 *
 * Drags call this with the delta from the pointer-down position and the box snapshot taken
 * then, so the box keeps its grab offset and never drifts.
 */
export function moveBox(box: Box, dx: number, dy: number, image: Size): Box {
  const [x1, y1, x2, y2] = box;
  const mx = clamp(Math.round(dx), -x1, image.width - x2);
  const my = clamp(Math.round(dy), -y1, image.height - y2);
  // `+ 0` turns a -0 (from clamping to -0) into 0 so results compare and serialise cleanly.
  return [x1 + mx + 0, y1 + my + 0, x2 + mx + 0, y2 + my + 0];
}
