import type { CSSProperties } from 'react';
import type { Box, Size } from './geometry/types';
import type { View } from './geometry/view';

/**
 * Positions a box in percent of the displayed image. Percentages make the overlay independent
 * of the display size: a resize or zoom needs no re-render and no measurement.
 */
export function boxStyle(box: Box, image: Size): CSSProperties {
  return {
    left: `${(box[0] / image.width) * 100}%`,
    top: `${(box[1] / image.height) * 100}%`,
    width: `${((box[2] - box[0]) / image.width) * 100}%`,
    height: `${((box[3] - box[1]) / image.height) * 100}%`,
  };
}

/**
 * Places the drawing surface for a view, in percent of the picker's width (`width`) and of the
 * surface's own size (`translate`): like the boxes, no measurement, no re-render on resize.
 */
export function surfaceStyle(view: View, image: Size): CSSProperties {
  const x = (1 / (2 * view.zoom) - view.pan.x / image.width) * 100;
  const y = (1 / (2 * view.zoom) - view.pan.y / image.height) * 100;
  return { width: `${view.zoom * 100}%`, transform: `translate(${x}%, ${y}%)` };
}
