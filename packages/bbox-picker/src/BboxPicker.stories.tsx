import type { Meta, StoryObj } from '@storybook/react-vite';
import { type CSSProperties, useState } from 'react';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { BboxPicker, type BboxPickerProps } from './BboxPicker';
import type { Box, Point } from './geometry/types';
import {
  dragClient,
  dragHandle,
  dragImage,
  frame,
  pinchAt,
  readyPicker,
  release,
  toClient,
  wheelAt,
} from './stories/interactions';
import { testImage } from './stories/test-image';
import './styles.css';

const photo = testImage(4000, 3000);

const meta = {
  title: 'bbox-picker/BboxPicker',
  component: BboxPicker,
  args: {
    src: photo,
    alt: 'A generated 4000 by 3000 test photo with a grid every 500 pixels',
    style: { width: 600 },
    onChange: fn(),
    onInput: fn(),
    onZoomChange: fn(),
    onPanChange: fn(),
  },
  parameters: {
    docs: {
      description: {
        component: `Boxes are \`[x1, y1, x2, y2]\` in integer pixels of the ORIGINAL image at any display size and zoom. Drag to draw; drag a box to move it; drag one of the 8 handles to resize; the × button removes. Zoom with the wheel, a trackpad pinch (Ctrl+wheel) or a two-finger pinch, up to 16 screen pixels per original pixel; pan with two fingers, the middle button or Space+drag.

Keyboard (Tab to the picker or a box):

| keys | effect |
| --- | --- |
| N | new box, a quarter of the visible width and height, centred in the visible area, selected |
| ← → ↑ ↓ | move the selected box 1 original pixel (Shift: 10); with no box selected, pan |
| Alt + arrows | move the bottom / right edge 1 pixel |
| Alt + Shift + arrows | move the top / left edge 1 pixel |
| Home / End | select the first / last box |
| Delete / Backspace | remove the selected box |
| Escape | cancel the drag in progress, otherwise deselect |
| + / - | zoom in / out around the centre |
| 0 | back to the whole image |

Every change is announced in a polite live region in original pixels ("Box 2: 989, 515 to 1138, 681").`,
      },
    },
  },
} satisfies Meta<typeof BboxPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The last boxes passed to a `fn()` spy. */
function lastCall(spy: unknown): Box[] | undefined {
  const calls = (spy as { mock: { calls: [Box[]][] } }).mock.calls;
  return calls[calls.length - 1]?.[0];
}

/** No boxes yet: draw one with the mouse, then delete it with the keyboard. */
export const Empty: Story = {
  play: async ({ canvasElement, args, step }) => {
    const picker = await readyPicker(canvasElement);
    await step('a tap draws nothing', async () => {
      await dragImage(picker, [1000, 1000], [1000, 1000]);
      await expect(args.onChange).not.toHaveBeenCalled();
    });
    await step('drag right-to-left draws a normalised box in original pixels', async () => {
      await dragImage(picker, [2500, 2000], [500, 700]);
      await expect(lastCall(args.onChange)).toEqual([[500, 700, 2500, 2000]]);
      await expect(args.onInput).toHaveBeenCalled();
    });
    await step('the new box has focus; Delete removes it', async () => {
      await expect(document.activeElement).toHaveAccessibleName('Box 1: 500, 700 to 2500, 2000');
      await userEvent.keyboard('{Delete}');
      await expect(lastCall(args.onChange)).toEqual([]);
    });
    await step('Escape during a drag cancels it: nothing is drawn', async () => {
      const end = toClient(picker, 3000, 2500);
      await dragClient(picker, toClient(picker, 1000, 1000), end, { release: false });
      await expect(picker).toHaveAttribute('data-dragging', 'draw');
      await userEvent.keyboard('{Escape}');
      await release(picker, end);
      await expect(picker).not.toHaveAttribute('data-dragging');
      await expect(lastCall(args.onChange)).toEqual([]);
      await expect(picker.querySelectorAll('.bbox-picker__box')).toHaveLength(0);
    });
  },
};

function ControlledDemo(props: BboxPickerProps) {
  const [boxes, setBoxes] = useState<Box[]>([
    [400, 300, 1600, 1400],
    [2200, 900, 3600, 2600],
  ]);
  const [live, setLive] = useState<Box[] | null>(null);
  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <BboxPicker
        {...props}
        value={boxes}
        onChange={(next) => {
          setBoxes(next);
          setLive(null);
          props.onChange?.(next);
        }}
        onInput={(next) => {
          setLive(next);
          props.onInput?.(next);
        }}
      />
      <figure style={{ margin: 0 }}>
        <figcaption>Live parameters</figcaption>
        <pre data-testid="bbox-list" style={{ margin: 0, fontSize: 13 }}>
          {JSON.stringify({ bbox_list: [live ?? boxes] })}
        </pre>
      </figure>
    </div>
  );
}

/** Controlled with two boxes; the `bbox_list` beside it follows live during a drag. */
export const ControlledTwoBoxes: Story = {
  render: (args) => <ControlledDemo {...args} />,
  play: async ({ canvasElement, args, step }) => {
    const picker = await readyPicker(canvasElement);
    const list = canvasElement.querySelector('[data-testid="bbox-list"]') as HTMLElement;
    await step('keyboard: Tab to box 2, Shift+ArrowDown moves it 10 px', async () => {
      await userEvent.tab(); // box 1
      await userEvent.tab(); // remove button of box 1
      await userEvent.tab(); // box 2
      await userEvent.keyboard('{Shift>}{ArrowDown}{/Shift}');
      await expect(list).toHaveTextContent(
        '{"bbox_list":[[[400,300,1600,1400],[2200,910,3600,2610]]]}',
      );
    });
    await step('pointer: drag box 1 by (+200, +100) original px', async () => {
      await dragImage(picker, [1000, 800], [1200, 900]);
      await expect(lastCall(args.onChange)).toEqual([
        [600, 400, 1800, 1500],
        [2200, 910, 3600, 2610],
      ]);
      await expect(list).toHaveTextContent('[[[600,400,1800,1500],[2200,910,3600,2610]]]');
    });
  },
};

/** `maxBoxes={2}`: the third drag draws nothing and a visible hint says why. */
export const MaxTwoBoxes: Story = {
  args: { maxBoxes: 2 },
  play: async ({ canvasElement, args }) => {
    const picker = await readyPicker(canvasElement);
    await dragImage(picker, [200, 200], [1200, 1000]);
    await dragImage(picker, [2000, 1500], [3000, 2500]);
    await expect(lastCall(args.onChange)).toHaveLength(2);
    await expect(picker.querySelector('.bbox-picker__hint')).toBeVisible();
    await expect(picker).toHaveAttribute('data-full');
    await dragImage(picker, [3200, 200], [3800, 800]);
    await expect(args.onChange).toHaveBeenCalledTimes(2);
    await expect(picker.querySelectorAll('.bbox-picker__frame')).toHaveLength(2);
  },
};

/** Disabled: boxes are shown and named, nothing can be drawn, moved or removed. */
export const Disabled: Story = {
  args: { disabled: true, defaultValue: [[500, 500, 1500, 1500]] },
  play: async ({ canvasElement, args }) => {
    const picker = await readyPicker(canvasElement);
    await dragImage(picker, [2000, 2000], [3000, 2800]);
    await dragImage(picker, [1000, 1000], [1400, 1400]);
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}{Delete}');
    await expect(args.onChange).not.toHaveBeenCalled();
    await expect(document.activeElement).toHaveAccessibleName('Box 1: 500, 500 to 1500, 1500');
  },
};

const corner: Record<string, [number, number]> = {
  nw: [-200, -100],
  n: [0, -100],
  ne: [200, -100],
  e: [200, 0],
  se: [200, 100],
  s: [0, 100],
  sw: [-200, 100],
  w: [-200, 0],
};

/** A 4000x3000 image shown 400 px wide (1 CSS px = 10 original px): draw, move, all 8 handles, delete. */
export const LargeImageAt400px: Story = {
  args: { style: { width: 400 } },
  play: async ({ canvasElement, args, step }) => {
    const picker = await readyPicker(canvasElement);
    let box: Box = [1000, 1000, 3000, 2000];
    await step('draw', async () => {
      await dragImage(picker, [1000, 1000], [3000, 2000]);
      await expect(lastCall(args.onChange)).toEqual([box]);
    });
    for (const [handle, [dx, dy]] of Object.entries(corner)) {
      await step(`resize from the ${handle} handle`, async () => {
        await dragHandle(picker, handle, dx, dy);
        const [x1, y1, x2, y2] = box;
        box = [
          handle.includes('w') ? x1 + dx : x1,
          handle.includes('n') ? y1 + dy : y1,
          handle.includes('e') ? x2 + dx : x2,
          handle.includes('s') ? y2 + dy : y2,
        ];
        await expect(lastCall(args.onChange)).toEqual([box]);
      });
    }
    await step('move past the right edge: clamped, size kept', async () => {
      await dragImage(picker, [2000, 1500], [3900, 1500]);
      const w = box[2] - box[0];
      await expect(lastCall(args.onChange)).toEqual([[4000 - w, box[1], 4000, box[3]]]);
      box = [4000 - w, box[1], 4000, box[3]];
    });
    await step(
      'keyboard: Alt+Shift+ArrowLeft grows the left edge by 1, ArrowUp moves by 1',
      async () => {
        await userEvent.keyboard('{Alt>}{Shift>}{ArrowLeft}{/Shift}{/Alt}{ArrowUp}');
        await expect(lastCall(args.onChange)).toEqual([
          [box[0] - 1, box[1] - 1, box[2], box[3] - 1],
        ]);
      },
    );
    await step('delete with the remove button', async () => {
      await userEvent.click(picker.querySelector('.bbox-picker__remove') as HTMLElement);
      await expect(lastCall(args.onChange)).toEqual([]);
    });
  },
};

/** The same image 1000 px wide inside a scrolled 480x320 container. */
export const InScrolledContainer: Story = {
  args: { style: { width: 1000 } },
  render: (args) => (
    <section
      data-testid="scroller"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be keyboard reachable (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Scrolled panel"
      style={{ width: 480, height: 320, overflow: 'auto', border: '1px solid #888' }}
    >
      <div style={{ width: 1000, paddingTop: 300 }}>
        <BboxPicker {...args} />
      </div>
    </section>
  ),
  play: async ({ canvasElement, args }) => {
    const picker = await readyPicker(canvasElement);
    const scroller = canvasElement.querySelector('[data-testid="scroller"]') as HTMLElement;
    scroller.scrollTo(400, 500);
    await frame();
    // Visible part: x 1600..3520, y 800..2080 of the original image (1 CSS px = 4 px).
    await dragImage(picker, [2000, 1000], [3000, 1800]);
    await expect(lastCall(args.onChange)).toEqual([[2000, 1000, 3000, 1800]]);
    await dragImage(picker, [2500, 1400], [2600, 1500]);
    await expect(lastCall(args.onChange)).toEqual([[2100, 1100, 3100, 1900]]);
  },
};

/** Touch: larger handles, `touch-action: none` on the image only. */
export const Touch: Story = {
  args: { style: { width: 320 } },
  play: async ({ canvasElement, args }) => {
    const picker = await readyPicker(canvasElement);
    await dragImage(picker, [500, 500], [2500, 2000], 'touch');
    await expect(lastCall(args.onChange)).toEqual([[500, 500, 2500, 2000]]);
    await expect(picker).toHaveAttribute('data-pointer', 'touch');
    const handle = picker.querySelector('[data-handle="se"]') as HTMLElement;
    await expect(handle.getBoundingClientRect().width).toBe(24);
    await dragHandle(picker, 'se', 500, 500, 'touch');
    await expect(lastCall(args.onChange)).toEqual([[500, 500, 3000, 2500]]);
    const viewport = picker.querySelector('.bbox-picker__viewport') as HTMLElement;
    await expect(getComputedStyle(viewport).touchAction).toBe('none');
    await expect(getComputedStyle(picker).touchAction).toBe('auto');
  },
};

const dark = {
  width: 560,
  '--bbox-picker-color': '#38bdf8',
  '--bbox-picker-fill': 'rgb(56 189 248 / 0.15)',
  '--bbox-picker-selected-color': '#facc15',
  '--bbox-picker-selected-fill': 'rgb(250 204 21 / 0.15)',
  '--bbox-picker-focus-color': '#f8fafc',
  '--bbox-picker-handle-color': '#0f172a',
  '--bbox-picker-badge-color': '#0f172a',
  '--bbox-picker-hint-color': '#e2e8f0',
} as CSSProperties;

/** Dark theme purely through CSS variables. */
export const DarkTheme: Story = {
  args: { style: dark, defaultValue: [[600, 600, 1800, 1500]], maxBoxes: 1 },
  render: (args) => (
    <div style={{ background: '#0f172a', color: '#e2e8f0', padding: 16 }}>
      <BboxPicker {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const picker = await readyPicker(canvasElement);
    const box = picker.querySelector('.bbox-picker__box') as HTMLElement;
    await expect(getComputedStyle(box).borderTopColor).toBe('rgb(56, 189, 248)');
    await userEvent.tab();
    await waitFor(() => expect(getComputedStyle(box).borderTopColor).toBe('rgb(250, 204, 21)'));
  },
};

/** A right-to-left page with Arabic labels: coordinates stay physical (x from the left). */
export const RightToLeft: Story = {
  args: {
    style: { width: 500 },
    labels: {
      group: 'مربعات التحديد',
      box: (i, b) => `المربع ${i + 1}: ${b.join('، ')}`,
      remove: (i) => `حذف المربع ${i + 1}`,
    },
  },
  render: (args) => (
    <div dir="rtl" lang="ar">
      <BboxPicker {...args} />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const picker = await readyPicker(canvasElement);
    await dragImage(picker, [400, 400], [1400, 1200]);
    await expect(lastCall(args.onChange)).toEqual([[400, 400, 1400, 1200]]);
    const img = picker.querySelector('img') as HTMLElement;
    const box = picker.querySelector('.bbox-picker__box') as HTMLElement;
    // 400 of 4000 px is 10% from the LEFT edge of the image, also right-to-left.
    await expect(
      Math.round(box.getBoundingClientRect().left - img.getBoundingClientRect().left),
    ).toBe(50);
    await userEvent.keyboard('{ArrowLeft}');
    await expect(lastCall(args.onChange)).toEqual([[399, 400, 1399, 1200]]);
    await expect(document.activeElement).toHaveAccessibleName('المربع 1: 399، 400، 1399، 1200');
  },
};

/** The last value passed to a `fn()` spy. */
function lastValue<T>(spy: unknown): T | undefined {
  const calls = (spy as { mock: { calls: [T][] } }).mock.calls;
  return calls[calls.length - 1]?.[0];
}

function ZoomControlsDemo(props: BboxPickerProps) {
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState<Point>({ x: 2000, y: 1500 });
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <div role="toolbar" aria-label="Zoom" style={{ display: 'flex', gap: 8 }}>
        <button type="button" onClick={() => setZoom((z) => z * 2)}>
          Zoom in
        </button>
        <button type="button" onClick={() => setZoom((z) => Math.max(1, z / 2))}>
          Zoom out
        </button>
        <button type="button" onClick={() => setZoom(1)}>
          Fit
        </button>
      </div>
      <BboxPicker
        {...props}
        zoom={zoom}
        pan={pan}
        onZoomChange={(z) => {
          setZoom(z);
          props.onZoomChange?.(z);
        }}
        onPanChange={(p) => {
          setPan(p);
          props.onPanChange?.(p);
        }}
      />
      <output data-testid="view">
        {`zoom ${zoom.toFixed(2)}, centre ${Math.round(pan.x)}, ${Math.round(pan.y)}`}
      </output>
    </div>
  );
}

/**
 * Zoom and pan, controlled by the app's own buttons: wheel, Ctrl+wheel (trackpad pinch) and a
 * two-finger pinch zoom; a box drawn at 16 screen pixels per original pixel is exact.
 */
export const ZoomAndPan: Story = {
  args: { style: { width: 400 } },
  render: (args) => <ZoomControlsDemo {...args} />,
  play: async ({ canvasElement, args, step }) => {
    const picker = await readyPicker(canvasElement);
    const img = picker.querySelector('img') as HTMLImageElement;
    const zoomIn = canvasElement.querySelector('button') as HTMLButtonElement;
    await step('the wheel zooms around the pointer', async () => {
      const before = toClient(picker, 1000, 750);
      await wheelAt(picker, [1000, 750], -200);
      await expect(lastValue<number>(args.onZoomChange)).toBeCloseTo(2, 5);
      const after = toClient(picker, 1000, 750);
      await expect(after.x).toBeCloseTo(before.x, 3);
      await expect(after.y).toBeCloseTo(before.y, 3);
    });
    await step('the app zooms to 16 screen pixels per original pixel', async () => {
      for (let i = 0; i < 8; i++) await userEvent.click(zoomIn);
      await frame();
      await expect(img.getBoundingClientRect().width / 4000).toBeCloseTo(16, 6);
    });
    await step('a box drawn at 16x is exact', async () => {
      const pan = lastValue<Point>(args.onPanChange) as Point;
      const [x, y] = [Math.round(pan.x), Math.round(pan.y)];
      await dragImage(picker, [x - 5, y - 4], [x + 3, y + 4]);
      await expect(lastCall(args.onChange)).toEqual([[x - 5, y - 4, x + 3, y + 4]]);
    });
    await step('a two-finger pinch and a trackpad pinch zoom out; boxes never change', async () => {
      const pan = lastValue<Point>(args.onPanChange) as Point;
      await pinchAt(picker, [pan.x, pan.y], 200, 100);
      await expect(lastValue<number>(args.onZoomChange)).toBeCloseTo(80, 3);
      await wheelAt(picker, [pan.x, pan.y], 100, true);
      await expect(lastValue<number>(args.onZoomChange)).toBeCloseTo(40, 3);
      await userEvent.click(canvasElement.querySelector('button:nth-child(3)') as HTMLElement);
      await expect(img.getBoundingClientRect().width).toBeCloseTo(400, 3);
      await expect(args.onChange).toHaveBeenCalledTimes(1);
    });
  },
};

/** Everything by keyboard, from an empty picker: the table on the docs page. */
export const Keyboard: Story = {
  args: { style: { width: 400 } },
  play: async ({ canvasElement, args, step }) => {
    const picker = await readyPicker(canvasElement);
    const live = picker.querySelector('[aria-live="polite"]') as HTMLElement;
    await step('Tab focuses the empty picker; N adds a box in the middle', async () => {
      await userEvent.tab();
      await expect(document.activeElement).toBe(picker);
      await userEvent.keyboard('n');
      await expect(lastCall(args.onChange)).toEqual([[1500, 1125, 2500, 1875]]);
      await expect(live).toHaveTextContent('Box 1 added: 1500, 1125 to 2500, 1875');
    });
    await step('Alt moves the bottom/right edges, Alt+Shift the top/left ones', async () => {
      await userEvent.keyboard('{Alt>}{ArrowRight}{/Alt}');
      await expect(lastCall(args.onChange)).toEqual([[1500, 1125, 2501, 1875]]);
      await userEvent.keyboard('{Alt>}{Shift>}{ArrowUp}{/Shift}{/Alt}');
      await expect(lastCall(args.onChange)).toEqual([[1500, 1124, 2501, 1875]]);
      await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}');
      await expect(lastCall(args.onChange)).toEqual([[1490, 1124, 2491, 1875]]);
      await expect(live).toHaveTextContent('Box 1: 1490, 1124 to 2491, 1875');
    });
    await step('+ zooms around the centre; N adds a box in the visible area', async () => {
      await userEvent.keyboard('+');
      await expect(lastValue<number>(args.onZoomChange)).toBe(2);
      await userEvent.keyboard('n');
      await expect(lastCall(args.onChange)?.[1]).toEqual([1750, 1313, 2250, 1688]);
    });
    await step('Home and End select the first and last box; Delete removes', async () => {
      await userEvent.keyboard('{Home}');
      await expect(document.activeElement).toHaveAccessibleName('Box 1: 1490, 1124 to 2491, 1875');
      await userEvent.keyboard('{End}{Delete}');
      await expect(lastCall(args.onChange)).toEqual([[1490, 1124, 2491, 1875]]);
    });
    await step('Escape deselects; arrows then pan; 0 resets the zoom', async () => {
      await userEvent.keyboard('{Escape}');
      await expect(picker.querySelector('[data-selected]')).toBeNull();
      await userEvent.keyboard('{ArrowDown}');
      await expect(live).toHaveTextContent('Zoom 200%: 1000, 825 to 3000, 2325');
      await userEvent.keyboard('0');
      await expect(lastValue<number>(args.onZoomChange)).toBe(1);
      await expect(args.onChange).toHaveBeenCalledTimes(6);
    });
  },
};
