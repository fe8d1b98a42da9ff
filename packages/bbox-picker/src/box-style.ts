import type { CSSProperties } from 'react';
import type { Box, Size } from './geometry/types';

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
