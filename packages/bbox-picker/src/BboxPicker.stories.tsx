import type { Meta, StoryObj } from '@storybook/react-vite';
import { type CSSProperties, useState } from 'react';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { BboxPicker, type BboxPickerProps } from './BboxPicker';
import type { Box } from './geometry/types';
import {
  dragClient,
  dragHandle,
  dragImage,
  frame,
  readyPicker,
  release,
  toClient,
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
  },
  parameters: {
    docs: {
      description: {
        component:
          'Boxes are `[x1, y1, x2, y2]` in integer pixels of the ORIGINAL image at any display size. Drag to draw; drag a box to move it; drag one of the 8 handles to resize; Delete/Backspace or the × button removes; arrows move by 1 (Shift: 10); Alt+arrows resize; Escape cancels a drag or deselects.',
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
    await step('keyboard: Alt+Shift+ArrowLeft shrinks by 10, ArrowUp moves by 1', async () => {
      await userEvent.keyboard('{Alt>}{Shift>}{ArrowLeft}{/Shift}{/Alt}{ArrowUp}');
      await expect(lastCall(args.onChange)).toEqual([
        [box[0], box[1] - 1, box[2] - 10, box[3] - 1],
      ]);
    });
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
    const surface = picker.querySelector('.bbox-picker__surface') as HTMLElement;
    await expect(getComputedStyle(surface).touchAction).toBe('none');
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
