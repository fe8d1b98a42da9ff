import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../src/styles.css';
import { BboxPicker, type BboxPickerProps } from '../../src/BboxPicker';
import type { Point } from '../../src/geometry/types';
import { testImage } from '../../src/stories/test-image';
import { clientPoint, dragElement, dragImage, nextFrame, recorder, waitForImage } from './helpers';

// 4000x3000 shown 400 px wide: 1 CSS px = 10 original px at zoom 1; zoom 160 = 16 CSS px per px.
const photo = testImage(4000, 3000);

/** The picker on the test photo, 400 px wide. */
function Picker(props: Partial<BboxPickerProps>) {
  return <BboxPicker src={photo} alt="Test photo" style={{ width: 400 }} {...props} />;
}

/** Records the last value of a callback. */
function last<T>() {
  const calls: T[] = [];
  return { fn: (v: T) => void calls.push(v), calls, last: () => calls[calls.length - 1] };
}

/** Waits for the frame that commits a coalesced view change. */
async function settle() {
  await nextFrame();
  await nextFrame();
}

function picker(): HTMLElement {
  return document.querySelector('.bbox-picker') as HTMLElement;
}

function names(): string[] {
  return [...document.querySelectorAll('.bbox-picker__frame')].map(
    (el) => el.getAttribute('aria-label') ?? '',
  );
}

function liveText(): string {
  return document.querySelector('[aria-live="polite"]')?.textContent ?? '';
}

describe('wheel and trackpad zoom', () => {
  it('zooms around the pointer and never changes the boxes', async () => {
    const change = recorder();
    const zoom = last<number>();
    const pan = last<Point>();
    await render(
      <Picker
        defaultValue={[[1000, 1000, 2000, 2000]]}
        onChange={change.fn}
        onZoomChange={zoom.fn}
        onPanChange={pan.fn}
      />,
    );
    const img = await waitForImage();
    const at = clientPoint(img, 1000, 750);
    await commands.wheel({ ...at, deltaY: -200 });
    await settle();
    expect(zoom.last()).toBeCloseTo(2, 5);
    expect(img.getBoundingClientRect().width).toBeCloseTo(800, 3);
    // The image point under the pointer is still under it.
    const still = clientPoint(img, 1000, 750);
    expect(still.x).toBeCloseTo(at.x, 3);
    expect(still.y).toBeCloseTo(at.y, 3);
    await commands.wheel({ ...at, deltaY: -100, ctrl: true }); // a trackpad pinch
    await settle();
    expect(zoom.last()).toBeCloseTo(4, 5);
    expect(pan.calls.length).toBeGreaterThan(0);
    expect(change.calls).toHaveLength(0);
    expect(names()).toEqual(['Box 1: 1000, 1000 to 2000, 2000']);
    expect(picker().hasAttribute('data-zoomed')).toBe(true);
  });

  it('lets a wheel that cannot zoom further scroll the page', async () => {
    const zoom = last<number>();
    await render(
      <div style={{ height: 3000 }}>
        <Picker onZoomChange={zoom.fn} />
      </div>,
    );
    const img = await waitForImage();
    window.scrollTo(0, 0);
    await commands.wheel({ ...clientPoint(img, 2000, 1500), deltaY: 100 }); // zoom out at zoom 1
    await expect.poll(() => window.scrollY, { timeout: 5000 }).toBeGreaterThan(0);
    expect(zoom.calls).toHaveLength(0);
    window.scrollTo(0, 0);
  });
});

describe('drawing, moving and resizing at 16 screen pixels per original pixel', () => {
  it('emits exact integer pixels at the maximum zoom, with mouse and touch', async () => {
    const change = recorder();
    await render(
      <Picker defaultZoom={1000} defaultPan={{ x: 1000, y: 800 }} onChange={change.fn} />,
    );
    const img = await waitForImage();
    await settle();
    expect(img.getBoundingClientRect().width / 4000).toBeCloseTo(16, 6); // clamped to 16x
    await dragImage(img, [995, 795], [1003, 805]);
    expect(change.last()).toEqual([[995, 795, 1003, 805]]);
    const se = document.querySelector('[data-handle="se"]') as Element;
    await dragElement(se, 32, 48); // 2 and 3 original pixels
    expect(change.last()).toEqual([[995, 795, 1005, 808]]);
    await dragElement(document.querySelector('.bbox-picker__frame') as Element, -64, 16);
    expect(change.last()).toEqual([[991, 796, 1001, 809]]);
    // Visible: x 987.5 to 1012.5, y 790.6 to 809.4.
    await dragImage(img, [1004, 792], [1010, 799], 'touch');
    expect(change.last()?.[1]).toEqual([1004, 792, 1010, 799]);
    // Handles stay finger-sized at every zoom.
    const handle = document.querySelector('[data-selected] [data-handle="nw"]') as Element;
    expect(handle.getBoundingClientRect().width).toBe(24);
  });
});

describe('panning', () => {
  it('pans with the middle button and with Space held, drawing nothing', async () => {
    const change = recorder();
    const pan = last<Point>();
    await render(<Picker defaultZoom={4} onChange={change.fn} onPanChange={pan.fn} />);
    const img = await waitForImage();
    const from = clientPoint(img, 2000, 1500);
    // At zoom 4, 1 CSS px = 2.5 original px: 40 px right pans 100 px left.
    await commands.pointerDrag({
      pointerType: 'mouse',
      button: 'middle',
      points: [from, { x: from.x + 20, y: from.y }, { x: from.x + 40, y: from.y }],
    });
    await settle();
    expect(pan.last()).toEqual({ x: 1900, y: 1500 });
    await commands.holdSpace(true);
    await commands.pointerDrag({
      pointerType: 'mouse',
      points: [from, { x: from.x, y: from.y - 20 }, { x: from.x, y: from.y - 40 }],
    });
    await commands.holdSpace(false);
    await settle();
    expect(pan.last()).toEqual({ x: 1900, y: 1600 });
    expect(change.calls).toHaveLength(0);
    expect(document.querySelectorAll('.bbox-picker__box')).toHaveLength(0);
  });

  it('zooms and pans with a two-finger pinch, drawing nothing', async () => {
    const change = recorder();
    const zoom = last<number>();
    const pan = last<Point>();
    await render(<Picker onChange={change.fn} onZoomChange={zoom.fn} onPanChange={pan.fn} />);
    const img = await waitForImage();
    const c = clientPoint(img, 2000, 1500);
    const fingers = (d: number, dx = 0) => [
      { x: c.x - d + dx, y: c.y },
      { x: c.x + d + dx, y: c.y },
    ];
    await commands.touchFrames([fingers(20), fingers(25), fingers(30), fingers(35), fingers(40)]);
    await settle();
    expect(zoom.last()).toBeCloseTo(2, 5);
    const mid = clientPoint(img, 2000, 1500); // the point between the fingers stayed there
    expect(mid.x).toBeCloseTo(c.x, 3);
    expect(mid.y).toBeCloseTo(c.y, 3);
    // Two fingers moved 20 px right at zoom 2 (1 CSS px = 5 original px): 100 px pan left.
    await commands.touchFrames([fingers(40), fingers(40, 10), fingers(40, 20)]);
    await settle();
    expect(zoom.last()).toBeCloseTo(2, 5);
    expect(pan.last()?.x).toBeCloseTo(1900, 5);
    expect(change.calls).toHaveLength(0);
    expect(document.querySelectorAll('.bbox-picker__box')).toHaveLength(0);
  });

  it('touch: one finger on the image draws, one finger beside it scrolls the page', async () => {
    const change = recorder();
    await render(
      <div style={{ height: 4000 }}>
        <div data-testid="above" style={{ height: 300 }}>
          Text above the picker
        </div>
        <Picker onChange={change.fn} />
      </div>,
    );
    const img = await waitForImage();
    window.scrollTo(0, 0);
    const a = clientPoint(img, 1000, 1000);
    const b = clientPoint(img, 2000, 2000);
    await commands.touchFrames([[a], [{ x: a.x + 30, y: a.y + 30 }], [b]]);
    await nextFrame();
    expect(change.last()).toEqual([[1000, 1000, 2000, 2000]]);
    expect(window.scrollY).toBe(0);
    await commands.touchFrames([
      [{ x: 100, y: 250 }],
      [{ x: 100, y: 200 }],
      [{ x: 100, y: 150 }],
      [{ x: 100, y: 100 }],
    ]);
    await expect.poll(() => window.scrollY, { timeout: 5000 }).toBeGreaterThan(0);
    expect(change.calls).toHaveLength(1);
    window.scrollTo(0, 0);
  });
});

/** A parent that owns zoom and pan and has its own controls. */
function ControlledView() {
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState<Point>({ x: 2000, y: 1500 });
  return (
    <>
      <Picker zoom={zoom} onZoomChange={setZoom} pan={pan} onPanChange={setPan} />
      <button type="button" onClick={() => setZoom(8)}>
        Zoom 8
      </button>
      <button type="button" onClick={() => setPan({ x: 500, y: 400 })}>
        Top left
      </button>
      <output>{JSON.stringify({ zoom, pan })}</output>
    </>
  );
}

describe('controlled zoom and pan', () => {
  it('follows the parent and reports gestures to it', async () => {
    const screen = await render(<ControlledView />);
    const img = await waitForImage();
    await screen.getByRole('button', { name: 'Zoom 8' }).click();
    await nextFrame();
    expect(img.getBoundingClientRect().width).toBeCloseTo(3200, 3);
    await screen.getByRole('button', { name: 'Top left' }).click();
    await nextFrame();
    // Image point (500, 400) is at the centre of the picker.
    const viewport = document.querySelector('.bbox-picker__viewport') as Element;
    const v = viewport.getBoundingClientRect();
    const p = clientPoint(img, 500, 400);
    expect(p.x).toBeCloseTo(v.left + v.width / 2, 3);
    expect(p.y).toBeCloseTo(v.top + v.height / 2, 3);
    await commands.wheel({ ...p, deltaY: 200 }); // zoom out by 2 around the centre
    await settle();
    await expect
      .element(screen.getByRole('status'))
      .toHaveTextContent('{"zoom":4,"pan":{"x":500,"y":400}}');
  });
});

describe('the keyboard does everything the mouse does', () => {
  it('N, +, -, 0, Home, End, arrows, Alt, Alt+Shift, Delete and Escape', async () => {
    const change = recorder();
    const zoom = last<number>();
    await render(<Picker onChange={change.fn} onZoomChange={zoom.fn} />);
    await waitForImage();
    await userEvent.keyboard('{Tab}'); // an empty picker is itself in the tab order
    expect(document.activeElement).toBe(picker());
    await userEvent.keyboard('n');
    expect(change.last()).toEqual([[1500, 1125, 2500, 1875]]);
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'Box 1: 1500, 1125 to 2500, 1875',
    );
    expect(liveText()).toBe('Box 1 added: 1500, 1125 to 2500, 1875');
    await userEvent.keyboard('+');
    expect(zoom.last()).toBe(2);
    expect(liveText()).toBe('Zoom 200%: 1000, 750 to 3000, 2250');
    await userEvent.keyboard('n'); // a quarter of the visible 2000x1500, centred
    expect(change.last()?.[1]).toEqual([1750, 1313, 2250, 1688]);
    await userEvent.keyboard('{Home}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Box 1:/);
    await userEvent.keyboard('{End}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Box 2:/);
    await userEvent.keyboard('{Alt>}{ArrowRight}{ArrowDown}{/Alt}');
    expect(change.last()?.[1]).toEqual([1750, 1313, 2251, 1689]);
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowLeft}{ArrowUp}{/Shift}{/Alt}');
    expect(change.last()?.[1]).toEqual([1749, 1312, 2251, 1689]);
    await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}{ArrowLeft}');
    expect(change.last()?.[1]).toEqual([1748, 1322, 2250, 1699]);
    expect(liveText()).toBe('Box 2: 1748, 1322 to 2250, 1699');
    await userEvent.keyboard('{Delete}');
    expect(change.last()).toEqual([[1500, 1125, 2500, 1875]]);
    const edits = change.calls.length;
    await userEvent.keyboard('{Escape}'); // deselects; focus goes to the picker, arrows pan
    expect(document.querySelector('[data-selected]')).toBeNull();
    expect(document.activeElement).toBe(picker());
    await userEvent.keyboard('{ArrowRight}');
    expect(liveText()).toBe('Zoom 200%: 1100, 750 to 3100, 2250');
    await userEvent.keyboard('-');
    expect(zoom.last()).toBe(1);
    await userEvent.keyboard('++0');
    expect(zoom.last()).toBe(1);
    expect(liveText()).toBe('Zoom 100%: 0, 0 to 4000, 3000');
    expect(change.calls).toHaveLength(edits); // zoom and pan never touch the boxes
  });

  it('N says so when maxBoxes is reached', async () => {
    const change = recorder();
    await render(<Picker maxBoxes={1} defaultValue={[[0, 0, 100, 100]]} onChange={change.fn} />);
    await waitForImage();
    await userEvent.keyboard('{Tab}n');
    expect(change.calls).toHaveLength(0);
    expect(liveText()).toBe('Maximum of 1 box reached. Remove one to draw another.');
  });
});
