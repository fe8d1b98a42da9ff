import { drawBox } from './geometry/draw';
import { moveBox } from './geometry/move';
import { resizeBox } from './geometry/resize';
import type { Box, Handle, Point, Size } from './geometry/types';

/**
 * What a pointer drag edits, captured at pointer-down. Every later pointer position is applied
 * to this snapshot (never to the previous frame's box), so rounding cannot accumulate and the
 * grab offset is kept: the box does not jump when it is taken off-centre.
 */
export type DragTarget =
  | { kind: 'draw' }
  | { kind: 'move'; index: number; start: Box }
  | { kind: 'resize'; index: number; handle: Handle; start: Box };

/** The box a drag produces when the pointer is at `point` (image pixels, float, unclamped). */
export function dragBox(
  target: DragTarget,
  origin: Point,
  point: Point,
  image: Size,
  minSize: number,
): Box {
  switch (target.kind) {
    case 'draw':
      return drawBox(origin, point, image, minSize);
    case 'move':
      return moveBox(target.start, point.x - origin.x, point.y - origin.y, image);
    case 'resize':
      return resizeBox(
        target.start,
        target.handle,
        point.x - origin.x,
        point.y - origin.y,
        image,
        minSize,
      );
  }
}

/** Pointer travel, in CSS pixels, below which a press counts as a tap (draws or moves nothing). */
export function tapSlop(pointerType: string): number {
  return pointerType === 'mouse' ? 3 : 8;
}
