import { moveBox } from './move';
import { resizeBox } from './resize';
import type { Box, Size } from './types';

/** What a key press does. Box actions apply to the selected box, view actions to the picker. */
export type KeyAction =
  /** Arrows: move the selected box, or pan the view when no box is selected. */
  | { type: 'move'; dx: number; dy: number }
  /** Alt+arrows: move the bottom/right edges (`'se'`); Alt+Shift+arrows: the top/left ones (`'nw'`). */
  | { type: 'resize'; handle: 'se' | 'nw'; dx: number; dy: number }
  | { type: 'remove' }
  | { type: 'escape' }
  /** `N`: a new box in the middle of the visible area. */
  | { type: 'add' }
  /** Home / End: select the first (`0`) / last (`-1`) box. */
  | { type: 'select'; index: 0 | -1 }
  /** `+` / `-`: zoom in or out around the centre by this factor; `0` (by 0): back to the whole image. */
  | { type: 'zoom'; by: number };

/** Modifier state of a key event, as far as the picker cares. */
export interface KeyModifiers {
  /** Shift: steps of 10 pixels instead of 1; with Alt, the top/left edges. */
  shiftKey: boolean;
  /** Alt (Option on macOS): the arrows move edges instead of the box. */
  altKey: boolean;
}

/** Pixels per arrow press. */
export const KEY_STEP = 1;
/** Pixels per arrow press with Shift. */
export const KEY_STEP_LARGE = 10;
/** Zoom factor of one `+` / `-` press. */
export const KEY_ZOOM_STEP = 2;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

const OTHER_KEYS: Record<string, KeyAction> = {
  Delete: { type: 'remove' },
  Backspace: { type: 'remove' },
  Escape: { type: 'escape' },
  n: { type: 'add' },
  N: { type: 'add' },
  Home: { type: 'select', index: 0 },
  End: { type: 'select', index: -1 },
  '+': { type: 'zoom', by: KEY_ZOOM_STEP },
  '=': { type: 'zoom', by: KEY_ZOOM_STEP },
  '-': { type: 'zoom', by: 1 / KEY_ZOOM_STEP },
  '0': { type: 'zoom', by: 0 }, // the zoom is clamped to 1, which centres the image
};

/**
 * The key map: arrows move 1 px (Shift: 10 px); Alt+arrows move the right or bottom edge and
 * Alt+Shift+arrows the left or top edge by 1 px; Delete and Backspace remove; Escape cancels or
 * deselects; `N` adds a box; Home/End select the first/last box; `+`/`=`, `-` and `0` zoom in,
 * out and back to fit. Returns `null` for any other key. Arrow directions are physical (left is
 * left on screen) even on right-to-left pages, because image pixels are physical.
 */
export function keyToAction(key: string, mods: KeyModifiers): KeyAction | null {
  const dir = ARROWS[key];
  if (!dir) return OTHER_KEYS[key] ?? null;
  if (mods.altKey) {
    return { type: 'resize', handle: mods.shiftKey ? 'nw' : 'se', dx: dir[0], dy: dir[1] };
  }
  const step = mods.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
  return { type: 'move', dx: dir[0] * step, dy: dir[1] * step };
}

/** Applies a move or resize key action to a box (clamped to the image, min size kept). */
export function applyKeyAction(
  box: Box,
  action: KeyAction & { type: 'move' | 'resize' },
  image: Size,
  minSize = 1,
): Box {
  return action.type === 'move'
    ? moveBox(box, action.dx, action.dy, image)
    : resizeBox(box, action.handle, action.dx, action.dy, image, minSize);
}
