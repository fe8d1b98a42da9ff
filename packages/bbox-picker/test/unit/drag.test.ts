import { describe, expect, it } from 'vitest';
import { type DragTarget, dragBox, tapSlop } from '../../src/drag';

const image = { width: 4000, height: 3000 };

describe('dragBox', () => {
  it('draws from the press point to the pointer', () => {
    expect(dragBox({ kind: 'draw' }, { x: 100.2, y: 200.7 }, { x: 50, y: 400 }, image, 1)).toEqual([
      50, 201, 100, 400,
    ]);
  });

  it('moves the pointer-down snapshot by the pointer delta, so a box never drifts', () => {
    const target: DragTarget = { kind: 'move', index: 0, start: [100, 100, 200, 200] };
    const origin = { x: 150.4, y: 150.4 };
    // Many small moves end where one big move ends: every frame starts from the snapshot.
    let last: readonly number[] = [];
    for (let i = 1; i <= 40; i++)
      last = dragBox(target, origin, { x: origin.x + i * 0.3, y: origin.y }, image, 1);
    expect(last).toEqual([112, 100, 212, 200]);
  });

  it('resizes from a handle by the pointer delta', () => {
    const target: DragTarget = {
      kind: 'resize',
      index: 0,
      handle: 'sw',
      start: [100, 100, 200, 200],
    };
    expect(dragBox(target, { x: 100, y: 200 }, { x: 60, y: 260 }, image, 1)).toEqual([
      60, 100, 200, 260,
    ]);
  });
});

describe('tapSlop', () => {
  it('tolerates more wobble for fingers and pens than for a mouse', () => {
    expect(tapSlop('touch')).toBeGreaterThan(tapSlop('mouse'));
    expect(tapSlop('pen')).toBeGreaterThan(tapSlop('mouse'));
  });
});
