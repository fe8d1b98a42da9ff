import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../src/styles.css';
import { BboxPicker } from '../../src/BboxPicker';
import type { Box } from '../../src/geometry/types';
import { testImage } from '../../src/stories/test-image';
import { clientPoint, dragElement, dragImage, nextFrame, recorder, waitForImage } from './helpers';

const photo = testImage(4000, 3000);

/** The picker inside a panel that starts collapsed (display: none). */
function Collapsible({ onChange }: { onChange: (boxes: Box[]) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <div style={{ display: open ? 'block' : 'none', width: 500 }}>
        <BboxPicker src={photo} alt="Test photo" onChange={onChange} />
      </div>
    </div>
  );
}

/** A parent that owns the boxes and shows them. */
function Controlled() {
  const [boxes, setBoxes] = useState<Box[]>([[100, 100, 500, 500]]);
  return (
    <>
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        value={boxes}
        onChange={setBoxes}
      />
      <output>{JSON.stringify(boxes)}</output>
    </>
  );
}

afterEach(async () => {
  await commands.setDevicePixelRatio(1);
});

describe('drawing with real pointer input at several display scales', () => {
  it.each([
    { width: 400, dpr: 1 },
    { width: 1000, dpr: 2 },
    { width: 250, dpr: 3 },
  ])('emits original pixels at $width px wide, devicePixelRatio $dpr', async ({ width, dpr }) => {
    await commands.setDevicePixelRatio(dpr);
    const change = recorder();
    const input = recorder();
    await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width }}
        onChange={change.fn}
        onInput={input.fn}
      />,
    );
    const img = await waitForImage();
    expect(window.devicePixelRatio).toBe(dpr);
    await dragImage(img, [800, 600], [2400, 1800]);
    expect(change.calls).toHaveLength(1);
    const [box] = change.last() ?? [];
    // One CSS pixel is 4000/width image pixels; the result must be within one of them.
    const tolerance = 4000 / width;
    expect(box?.every(Number.isInteger)).toBe(true);
    expect(Math.abs((box?.[0] ?? 0) - 800)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((box?.[1] ?? 0) - 600)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((box?.[2] ?? 0) - 2400)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((box?.[3] ?? 0) - 1800)).toBeLessThanOrEqual(tolerance);
    expect(input.calls.length).toBeGreaterThan(0);
  });

  it('draws nothing on a tap', async () => {
    const change = recorder();
    await render(
      <BboxPicker src={photo} alt="Test photo" style={{ width: 400 }} onChange={change.fn} />,
    );
    const img = await waitForImage();
    const p = clientPoint(img, 1000, 1000);
    await commands.pointerDrag({ pointerType: 'mouse', points: [p, { x: p.x + 1, y: p.y }] });
    await nextFrame();
    expect(change.calls).toHaveLength(0);
    expect(document.querySelectorAll('.bbox-picker__box')).toHaveLength(0);
  });

  it('clamps a drag that leaves the image (pointer capture) and normalises direction', async () => {
    const change = recorder();
    await render(
      <BboxPicker src={photo} alt="Test photo" style={{ width: 400 }} onChange={change.fn} />,
    );
    const img = await waitForImage();
    const r = img.getBoundingClientRect();
    const start = clientPoint(img, 2000, 1500);
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [start, { x: start.x - 50, y: start.y - 50 }, { x: r.left - 40, y: r.top - 30 }],
    });
    await nextFrame();
    expect(change.last()).toEqual([[0, 0, 2000, 1500]]);
  });

  it('draws with touch and with a pen', async () => {
    const change = recorder();
    await render(
      <BboxPicker src={photo} alt="Test photo" style={{ width: 400 }} onChange={change.fn} />,
    );
    const img = await waitForImage();
    await dragImage(img, [400, 400], [1200, 1000], 'touch');
    expect(change.last()).toHaveLength(1);
    expect(document.querySelector('.bbox-picker')?.getAttribute('data-pointer')).toBe('touch');
    await dragImage(img, [2000, 400], [3000, 1000], 'pen');
    expect(change.last()).toHaveLength(2);
    expect(document.querySelector('.bbox-picker')?.getAttribute('data-pointer')).toBe('pen');
  });

  it('measures at event time: correct after being shown from a collapsed panel', async () => {
    const change = recorder();
    const screen = await render(<Collapsible onChange={change.fn} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector('.bbox-picker[data-ready]')).toBeNull();
    await screen.getByRole('button', { name: 'Open' }).click();
    const img = await waitForImage();
    expect(img.getBoundingClientRect().width).toBe(500);
    await dragImage(img, [400, 400], [2000, 1600]);
    expect(change.last()).toEqual([[400, 400, 2000, 1600]]);
  });
});

describe('editing existing boxes', () => {
  const start: Box = [1000, 1000, 2000, 2000];

  it.each([
    ['nw', [600, 600, 2000, 2000]],
    ['n', [1000, 600, 2000, 2000]],
    ['ne', [1000, 600, 2400, 2000]],
    ['e', [1000, 1000, 2400, 2000]],
    ['se', [1000, 1000, 2400, 2400]],
    ['s', [1000, 1000, 2000, 2400]],
    ['sw', [600, 1000, 2000, 2400]],
    ['w', [600, 1000, 2000, 2000]],
  ] as const)(
    'resizes from the %s handle by 40 CSS px = 400 original px',
    async (handle, expected) => {
      const change = recorder();
      await render(
        <BboxPicker
          src={photo}
          alt="Test photo"
          style={{ width: 400 }}
          defaultValue={[start]}
          onChange={change.fn}
        />,
      );
      await waitForImage();
      await userEvent.keyboard('{Tab}'); // focus selects the box and shows its handles
      await nextFrame();
      const el = document.querySelector(`[data-handle="${handle}"]`);
      if (!el) throw new Error(`no ${handle} handle`);
      const dx = handle.includes('w') ? -40 : handle.includes('e') ? 40 : 0;
      const dy = handle.includes('n') ? -40 : handle.includes('s') ? 40 : 0;
      await dragElement(el, dx, dy);
      expect(change.last()).toEqual([expected]);
    },
  );

  it('clamps a resize that starts outside the image (on the protruding part of a corner handle)', async () => {
    const change = recorder();
    await render(
      <div style={{ padding: 40 }}>
        <BboxPicker
          src={photo}
          alt="Test photo"
          style={{ width: 400 }}
          defaultValue={[[0, 0, 1000, 1000]]}
          onChange={change.fn}
        />
      </div>,
    );
    const img = await waitForImage();
    await userEvent.keyboard('{Tab}');
    await nextFrame();
    const r = img.getBoundingClientRect();
    const outside = { x: r.left - 2, y: r.top - 2 };
    expect(document.elementFromPoint(outside.x, outside.y)?.getAttribute('data-handle')).toBe('nw');
    // Further out first: nothing can go below 0.
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [
        outside,
        { x: outside.x - 20, y: outside.y - 20 },
        { x: outside.x - 30, y: outside.y - 30 },
      ],
    });
    await nextFrame();
    expect(change.calls).toHaveLength(0);
    // Then inwards by 20 CSS px = 200 original px, keeping the grab offset.
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [
        outside,
        { x: outside.x + 10, y: outside.y + 10 },
        { x: outside.x + 20, y: outside.y + 20 },
      ],
    });
    await nextFrame();
    expect(change.last()).toEqual([[200, 200, 1000, 1000]]);
  });

  it('moves a box keeping the grab offset, clamped at the image edge, size unchanged', async () => {
    const change = recorder();
    await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        defaultValue={[start]}
        onChange={change.fn}
      />,
    );
    const img = await waitForImage();
    const from = clientPoint(img, 1200, 1300); // off-centre grab
    const to = { x: from.x + 30, y: from.y - 20 };
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [from, { x: from.x + 15, y: from.y - 10 }, to],
    });
    await nextFrame();
    expect(change.last()).toEqual([[1300, 800, 2300, 1800]]);
    await dragElement(document.querySelector('.bbox-picker__frame') as Element, 1000, 1000);
    expect(change.last()).toEqual([[3000, 2000, 4000, 3000]]);
  });

  it('moves, resizes and deletes with the keyboard', async () => {
    const change = recorder();
    await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        defaultValue={[start, [10, 10, 50, 50]]}
        onChange={change.fn}
      />,
    );
    await waitForImage();
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{ArrowRight}');
    expect(change.last()?.[0]).toEqual([1001, 1000, 2001, 2000]);
    await userEvent.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(change.last()?.[0]).toEqual([1001, 990, 2001, 1990]);
    await userEvent.keyboard('{Alt>}{ArrowRight}{/Alt}');
    expect(change.last()?.[0]).toEqual([1001, 990, 2002, 1990]);
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowUp}{/Shift}{/Alt}');
    expect(change.last()?.[0]).toEqual([1001, 989, 2002, 1990]);
    await userEvent.keyboard('{Tab}'); // the selected box's remove button comes next in tab order
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove box 1');
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(change.last()?.[1]).toEqual([0, 10, 40, 50]);
    await userEvent.keyboard('{Delete}');
    expect(change.last()).toEqual([[1001, 989, 2002, 1990]]);
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'Box 1: 1001, 989 to 2002, 1990',
    );
    await userEvent.keyboard('{Backspace}');
    expect(change.last()).toEqual([]);
    expect(document.querySelector('[aria-live]')?.textContent).toBe('Box 1 removed');
  });

  it('removes the selected box with its visible remove button', async () => {
    const change = recorder();
    const screen = await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        defaultValue={[start]}
        onChange={change.fn}
      />,
    );
    await waitForImage();
    await screen.getByRole('button', { name: /^Box 1/ }).click();
    await screen.getByRole('button', { name: 'Remove box 1' }).click();
    expect(change.last()).toEqual([]);
  });

  it('Escape cancels a drag in progress, then deselects', async () => {
    const change = recorder();
    const input = recorder();
    await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        defaultValue={[start]}
        onChange={change.fn}
        onInput={input.fn}
      />,
    );
    const img = await waitForImage();
    const from = clientPoint(img, 1500, 1500);
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [from, { x: from.x + 20, y: from.y }, { x: from.x + 50, y: from.y }],
      noRelease: true,
    });
    await nextFrame();
    expect(input.last()).toEqual([[1500, 1000, 2500, 2000]]);
    await userEvent.keyboard('{Escape}');
    await commands.pointerRelease({ x: from.x + 50, y: from.y });
    await nextFrame();
    expect(change.calls).toHaveLength(0);
    expect(input.last()).toEqual([start]);
    expect(document.querySelector('[data-selected]')).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(document.querySelector('[data-selected]')).toBeNull();
  });
});

describe('props', () => {
  it('is controlled: shows value, emits onChange, and follows the parent', async () => {
    const screen = await render(<Controlled />);
    const img = await waitForImage();
    await dragImage(img, [2000, 2000], [3000, 2500]);
    await expect
      .element(screen.getByRole('status'))
      .toHaveTextContent('[[100,100,500,500],[2000,2000,3000,2500]]');
  });

  it('blocks drawing at maxBoxes with a visible hint', async () => {
    const change = recorder();
    const screen = await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        maxBoxes={1}
        defaultValue={[[0, 0, 100, 100]]}
        onChange={change.fn}
      />,
    );
    const img = await waitForImage();
    await expect
      .element(screen.getByText('Maximum of 1 box reached. Remove one to draw another.'))
      .toBeVisible();
    await dragImage(img, [2000, 2000], [3000, 2500]);
    expect(change.calls).toHaveLength(0);
    expect(document.querySelectorAll('.bbox-picker__box')).toHaveLength(1);
  });

  it('enforces minSize in original pixels', async () => {
    const change = recorder();
    await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        minSize={500}
        onChange={change.fn}
      />,
    );
    const img = await waitForImage();
    await dragImage(img, [1000, 1000], [1100, 1100]);
    expect(change.last()).toEqual([[1000, 1000, 1500, 1500]]);
  });

  it('edits nothing when disabled but still names the boxes', async () => {
    const change = recorder();
    const screen = await render(
      <BboxPicker
        src={photo}
        alt="Test photo"
        style={{ width: 400 }}
        disabled
        defaultValue={[[0, 0, 100, 100]]}
        onChange={change.fn}
      />,
    );
    const img = await waitForImage();
    await dragImage(img, [2000, 2000], [3000, 2500]);
    await userEvent.keyboard('{Tab}{ArrowRight}{Delete}');
    expect(change.calls).toHaveLength(0);
    await expect
      .element(screen.getByRole('button', { name: 'Box 1: 0, 0 to 100, 100' }))
      .toBeInTheDocument();
  });

  it('uses overridden labels', async () => {
    const screen = await render(
      <BboxPicker
        src={photo}
        alt="Foto"
        style={{ width: 400 }}
        defaultValue={[[0, 0, 100, 100]]}
        labels={{ group: 'Rahmen', box: (i, b) => `Rahmen ${i + 1}: ${b.join(' ')}` }}
      />,
    );
    await waitForImage();
    await expect.element(screen.getByRole('group', { name: 'Rahmen' })).toBeInTheDocument();
    await expect
      .element(screen.getByRole('button', { name: 'Rahmen 1: 0 0 100 100' }))
      .toBeInTheDocument();
  });
});
