/**
 * `@tokenhub/bbox-picker`: draw boxes on an image and get them in integer pixels of the original
 * image, ready for `parameters.bbox_list`. Depends on React only.
 *
 * @packageDocumentation
 */
export type { BboxPickerProps } from './BboxPicker';
export { BboxPicker } from './BboxPicker';
export { clamp, effectiveMinSize, normalizeBox, sameBox } from './geometry/clamp';
export { drawBox } from './geometry/draw';
export type { KeyAction, KeyModifiers } from './geometry/keyboard';
export { applyKeyAction, KEY_STEP, KEY_STEP_LARGE, keyToAction } from './geometry/keyboard';
export { imageToScreen, screenToImage } from './geometry/mapping';
export { moveBox } from './geometry/move';
export { resizeBox } from './geometry/resize';
export type { Box, Handle, Point, ScreenRect, Size } from './geometry/types';
export { HANDLES } from './geometry/types';
export type { View } from './geometry/view';
export { clampView, imageRect, placeView, visibleArea } from './geometry/view';
export type { BboxPickerLabels } from './labels';
export { defaultLabels } from './labels';
export type { ViewProps } from './use-view';
