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

  it('maps Alt+arrows to resizes', () => {
    expect(keyToAction('ArrowRight', { shiftKey: false, altKey: true })).toEqual({
      type: 'resize',
      dx: 1,
      dy: 0,
    });
    expect(keyToAction('ArrowUp', { shiftKey: true, altKey: true })).toEqual({
      type: 'resize',
      dx: 0,
      dy: -10,
    });
  });

  it('maps Delete, Backspace and Escape; ignores other keys', () => {
    expect(keyToAction('Delete', none)).toEqual({ type: 'remove' });
    expect(keyToAction('Backspace', none)).toEqual({ type: 'remove' });
    expect(keyToAction('Escape', none)).toEqual({ type: 'escape' });
    expect(keyToAction('a', none)).toBeNull();
  });
});

describe('applyKeyAction', () => {
  it('moves and resizes in original pixels, clamped', () => {
    expect(applyKeyAction([0, 0, 100, 100], { type: 'move', dx: -10, dy: 1 }, image)).toEqual([
      0, 1, 100, 101,
    ]);
    expect(applyKeyAction([0, 0, 100, 100], { type: 'resize', dx: 10, dy: 0 }, image)).toEqual([
      0, 0, 110, 100,
    ]);
    expect(applyKeyAction([0, 0, 5, 100], { type: 'resize', dx: -10, dy: 0 }, image, 2)).toEqual([
      0, 0, 2, 100,
    ]);
  });
});
