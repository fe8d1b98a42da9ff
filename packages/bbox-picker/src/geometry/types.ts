/**
 * A box `[x1, y1, x2, y2]`: the left, top, right and bottom edges in integer pixels of the
 * ORIGINAL (natural) image, origin top left. `x1 < x2` and `y1 < y2` always hold for boxes the
 * picker emits. Edges, not pixel indices: a box covering the whole 4000x3000 image is
 * `[0, 0, 4000, 3000]`.
 */
export type Box = [x1: number, y1: number, x2: number, y2: number];

/** A size in pixels (natural image size, or a displayed size in CSS pixels). */
export interface Size {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A point; in image pixels or CSS pixels depending on where it is used. */
export interface Point {
  /** Horizontal coordinate. */
  x: number;
  /** Vertical coordinate. */
  y: number;
}

/** Where the displayed image sits on screen, in CSS pixels (what `getBoundingClientRect` gives). */
export interface ScreenRect {
  /** Left edge in client coordinates. */
  left: number;
  /** Top edge in client coordinates. */
  top: number;
  /** Displayed width. */
  width: number;
  /** Displayed height. */
  height: number;
}

/** One of the eight resize handles, named by compass direction. */
export type Handle = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';

/** All handles in the order they are rendered. */
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
