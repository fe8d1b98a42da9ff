import type { Box } from './geometry/types';

/**
 * Every text the picker shows or announces. Pass a partial object as the `labels` prop to
 * translate or reword any of them. Box numbers are 1-based, coordinates are original pixels.
 */
export interface BboxPickerLabels {
  /** Accessible name of the whole picker (a `role="group"`). */
  group: string;
  /** How screen readers call one box (`aria-roledescription`). */
  boxRole: string;
  /** Accessible name of a box. */
  box: (index: number, box: Box) => string;
  /** Accessible name of the remove button of a box. */
  remove: (index: number) => string;
  /** Usage help, linked to the group and to every box by `aria-describedby`. */
  instructions: string;
  /** Visible hint (and announcement) when `maxBoxes` is reached. */
  maxBoxesReached: (maxBoxes: number) => string;
  /** Announced after a box is drawn. */
  added: (index: number, box: Box) => string;
  /** Announced after a box is moved or resized. */
  changed: (index: number, box: Box) => string;
  /** Announced after a box is removed. */
  removed: (index: number) => string;
  /** Announced after a keyboard zoom or pan: the zoom and the visible part in original pixels. */
  view: (zoom: number, visible: Box) => string;
}

const coords = (b: Box) => `${b[0]}, ${b[1]} to ${b[2]}, ${b[3]}`;

/** The English defaults. */
export const defaultLabels: BboxPickerLabels = {
  group: 'Bounding boxes',
  boxRole: 'box',
  box: (i, b) => `Box ${i + 1}: ${coords(b)}`,
  remove: (i) => `Remove box ${i + 1}`,
  instructions:
    'Drag or press N to add a box. Arrows move it, Alt+arrows its edges, Delete removes it. Plus, minus, 0 zoom.',
  maxBoxesReached: (n) =>
    `Maximum of ${n} ${n === 1 ? 'box' : 'boxes'} reached. Remove one to draw another.`,
  added: (i, b) => `Box ${i + 1} added: ${coords(b)}`,
  changed: (i, b) => `Box ${i + 1}: ${coords(b)}`,
  removed: (i) => `Box ${i + 1} removed`,
  view: (z, b) => `Zoom ${Math.round(z * 100)}%: ${coords(b)}`,
};
