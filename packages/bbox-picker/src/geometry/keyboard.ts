import { moveBox } from './move';
import { resizeBox } from './resize';
import type { Box, Size } from './types';

/** What a key press does to the focused box. */
export type KeyAction =
  | { type: 'move'; dx: number; dy: number }
  | { type: 'resize'; dx: number; dy: number }
  | { type: 'remove' }
  | { type: 'escape' };

/** Modifier state of a key event, as far as the picker cares. */
export interface KeyModifiers {
  /** Shift: steps of 10 pixels instead of 1. */
  shiftKey: boolean;
  /** Alt (Option on macOS): the arrows resize instead of move. */
  altKey: boolean;
}

/** Pixels per arrow press without and with Shift. */
export const KEY_STEP = 1;
/** Pixels per arrow press with Shift. */
export const KEY_STEP_LARGE = 10;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The key map: arrows move 1 px (Shift: 10 px); Alt+arrows resize by moving the right or
 * bottom edge (Right/Down grow, Left/Up shrink; Shift: 10 px); Delete and Backspace remove;
 * Escape cancels or deselects. Returns `null` for any other key. Arrow directions are physical
 * (left is left on screen) even on right-to-left pages, because image pixels are physical.
 */
export function keyToAction(key: string, mods: KeyModifiers): KeyAction | null {
  const dir = ARROWS[key];
  if (dir) {
    const step = mods.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    return { type: mods.altKey ? 'resize' : 'move', dx: dir[0] * step, dy: dir[1] * step };
  }
  if (key === 'Delete' || key === 'Backspace') return { type: 'remove' };
  if (key === 'Escape') return { type: 'escape' };
  return null;
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
    : resizeBox(box, 'se', action.dx, action.dy, image, minSize);
}
