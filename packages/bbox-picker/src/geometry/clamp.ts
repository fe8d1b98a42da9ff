import type { Box, Size } from './types';

/** Limits `value` to `[min, max]`. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * The minimum box side actually enforced: at least 1 pixel (so `x1 < x2` holds), at most the
 * image side (a minimum larger than the image cannot be met), and an integer.
 */
export function effectiveMinSize(minSize: number, side: number): number {
  const whole = Number.isFinite(minSize) ? Math.ceil(minSize) : 1;
  return clamp(whole, 1, Math.max(1, side));
}

/**
 * Turns any four numbers into a valid box inside the image. The rounding rule:
 * 1. sort each pair of edges so the first is the smaller;
 * 2. round each edge to the nearest integer pixel (`Math.round`, halves go up);
 * 3. clamp each edge to `[0, width]` / `[0, height]`;
 * 4. grow a side smaller than `minSize` (at least 1) away from the first edge, shifting the box
 *    back inside the image when it would cross the far edge.
 * Non-finite input edges count as 0.
 */
export function normalizeBox(box: readonly number[], image: Size, minSize = 1): Box {
  const [x1, x2] = normalizeSpan(box[0] ?? 0, box[2] ?? 0, image.width, minSize);
  const [y1, y2] = normalizeSpan(box[1] ?? 0, box[3] ?? 0, image.height, minSize);
  return [x1, y1, x2, y2];
}

/** One axis of {@link normalizeBox}. */
export function normalizeSpan(
  a: number,
  b: number,
  side: number,
  minSize: number,
): [number, number] {
  const [fa, fb] = [finite(a), finite(b)];
  const lo = clamp(Math.round(Math.min(fa, fb)), 0, side);
  let hi = clamp(Math.round(Math.max(fa, fb)), 0, side);
  const min = effectiveMinSize(minSize, side);
  if (hi - lo >= min) return [lo, hi];
  hi = lo + min;
  if (hi > side) return [side - min, side];
  return [lo, hi];
}

function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

/** True when two boxes have the same four edges. */
export function sameBox(
  a: readonly number[] | null | undefined,
  b: readonly number[] | null | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
