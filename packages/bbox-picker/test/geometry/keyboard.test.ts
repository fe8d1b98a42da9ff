import { describe, expect, it } from 'vitest';
import { applyKeyAction, keyToAction } from '../../src/geometry/keyboard';

const image = { width: 4000, height: 3000 };
const none = { shiftKey: false, altKey: false };

describe('keyToAction', () => {
  it('maps arrows to 1 px moves and Shift+arrows to 10 px moves', () => {
    expect(keyToAction('ArrowLeft', none)).toEqual({ type: 'move', dx: -1, dy: 0 });
    expect(keyToAction('ArrowDown', { shiftKey: true, altKey: false })).toEqual({
      type: 'move',
      dx: 0,
      dy: 10,
    });
  });

  it('maps Alt+arrows to the bottom/right edges and Alt+Shift+arrows to the top/left edges', () => {
    expect(keyToAction('ArrowRight', { shiftKey: false, altKey: true })).toEqual({
      type: 'resize',
      handle: 'se',
      dx: 1,
      dy: 0,
    });
    expect(keyToAction('ArrowUp', { shiftKey: true, altKey: true })).toEqual({
      type: 'resize',
      handle: 'nw',
      dx: 0,
      dy: -1,
    });
  });

  it('maps Delete, Backspace, Escape, N, Home, End and the zoom keys; ignores other keys', () => {
    expect(keyToAction('Delete', none)).toEqual({ type: 'remove' });
    expect(keyToAction('Backspace', none)).toEqual({ type: 'remove' });
    expect(keyToAction('Escape', none)).toEqual({ type: 'escape' });
    expect(keyToAction('n', none)).toEqual({ type: 'add' });
    expect(keyToAction('N', { shiftKey: true, altKey: false })).toEqual({ type: 'add' });
    expect(keyToAction('Home', none)).toEqual({ type: 'select', index: 0 });
    expect(keyToAction('End', none)).toEqual({ type: 'select', index: -1 });
    expect(keyToAction('+', { shiftKey: true, altKey: false })).toEqual({ type: 'zoom', by: 2 });
    expect(keyToAction('=', none)).toEqual({ type: 'zoom', by: 2 });
    expect(keyToAction('-', none)).toEqual({ type: 'zoom', by: 0.5 });
    expect(keyToAction('0', none)).toEqual({ type: 'zoom', by: 0 });
    expect(keyToAction('a', none)).toBeNull();
  });
});

describe('applyKeyAction', () => {
  it('moves and resizes in original pixels, clamped', () => {
    expect(applyKeyAction([0, 0, 100, 100], { type: 'move', dx: -10, dy: 1 }, image)).toEqual([
      0, 1, 100, 101,
    ]);
    const se = { type: 'resize', handle: 'se' } as const;
    const nw = { type: 'resize', handle: 'nw' } as const;
    expect(applyKeyAction([0, 0, 100, 100], { ...se, dx: 10, dy: 0 }, image)).toEqual([
      0, 0, 110, 100,
    ]);
    expect(applyKeyAction([0, 0, 5, 100], { ...se, dx: -10, dy: 0 }, image, 2)).toEqual([
      0, 0, 2, 100,
    ]);
    expect(applyKeyAction([50, 50, 100, 100], { ...nw, dx: -1, dy: 0 }, image)).toEqual([
      49, 50, 100, 100,
    ]);
    expect(applyKeyAction([0, 50, 100, 100], { ...nw, dx: -1, dy: 1 }, image)).toEqual([
      0, 51, 100, 100,
    ]);
  });
});
