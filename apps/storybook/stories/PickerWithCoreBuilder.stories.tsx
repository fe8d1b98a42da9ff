import { BboxPicker, type Box } from '@tokenhub/bbox-picker';
import '@tokenhub/bbox-picker/styles.css';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { imageRequest } from '@tokenhub/image-core';
import { useState } from 'react';
import { expect, userEvent } from 'storybook/test';
import { generatedImage } from './generated-image';

// The pickers show local SVG previews; the request names the uploaded originals by URL, because the
// gateway accepts http(s) URLs and JPEG/PNG/BMP/WEBP data URIs only (validate() would flag an SVG).
const living = generatedImage(4000, 3000, 30, 'Living room');
const sofa = generatedImage(2000, 2000, 200, 'Sofa');
const LIVING_URL = 'https://example.com/uploads/living-room-4000x3000.png';
const SOFA_URL = 'https://example.com/uploads/sofa-2000x2000.png';

/**
 * Two input images side by side, one picker each; the request body (with `bbox_list`, one entry
 * per image, in original pixels) is built live by `imageRequest(...).image(src, { boxes })`.
 */
function TwoImages() {
  const [first, setFirst] = useState<Box[]>([[600, 900, 1800, 2400]]);
  const [second, setSecond] = useState<Box[]>([]);
  const request = imageRequest('wan2.7-image')
    .image(LIVING_URL, { boxes: first })
    .image(SOFA_URL, { boxes: second })
    .text('Put the sofa from image 2 into the marked area of image 1');
  const check = request.validate();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <div style={{ display: 'flex', gap: 16 }}>
        <BboxPicker
          src={living}
          alt="Image 1: living room"
          value={first}
          onChange={setFirst}
          maxBoxes={2}
          style={{ width: 400 }}
        />
        <BboxPicker
          src={sofa}
          alt="Image 2: sofa"
          value={second}
          onChange={setSecond}
          maxBoxes={2}
          style={{ width: 260 }}
        />
      </div>
      <p data-testid="validation" style={{ margin: 0 }}>
        {check.ok
          ? 'Valid for wan2.7-image: ready to send.'
          : check.errors.map((issue) => `${issue.path}: ${issue.message}`).join('\n')}
      </p>
      <figure style={{ margin: 0 }}>
        <figcaption>Request body</figcaption>
        <pre data-testid="request-body" style={{ margin: 0, fontSize: 12 }}>
          {JSON.stringify(request.toBody(), null, 2)}
        </pre>
      </figure>
    </div>
  );
}

const meta = {
  title: 'bbox-picker/With the core builder',
  component: TwoImages,
} satisfies Meta<typeof TwoImages>;

export default meta;

/** Draw on image 2 (shown at 260 px for 2000 px) and keyboard-move the box on image 1. */
export const TwoImagesSideBySide: StoryObj<typeof meta> = {
  play: async ({ canvasElement, step }) => {
    const pickers = await waitForPickers(canvasElement, 2);
    const [one, two] = pickers as [HTMLElement, HTMLElement];
    const bodyEl = canvasElement.querySelector('[data-testid="request-body"]') as HTMLElement;
    const bboxList = () =>
      (JSON.parse(bodyEl.textContent ?? '{}') as { parameters: { bbox_list: Box[][] } }).parameters
        .bbox_list;
    await expect(bboxList()).toEqual([[[600, 900, 1800, 2400]], []]);

    await step('draw a box on image 2', async () => {
      await drag(two, [500, 400], [1500, 1600]);
      await expect(bboxList()).toEqual([[[600, 900, 1800, 2400]], [[500, 400, 1500, 1600]]]);
    });
    await step('keyboard-move the box on image 1', async () => {
      (one.querySelector('.bbox-picker__frame') as HTMLElement).focus();
      await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
      await expect(bboxList()).toEqual([[[610, 900, 1810, 2400]], [[500, 400, 1500, 1600]]]);
    });
    await step('the body passes the core validation', async () => {
      await expect(canvasElement.querySelector('[data-testid="validation"]')).toHaveTextContent(
        'Valid for wan2.7-image: ready to send.',
      );
    });
  },
};

async function waitForPickers(root: HTMLElement, count: number): Promise<HTMLElement[]> {
  for (let i = 0; i < 300; i++) {
    const ready = [...root.querySelectorAll<HTMLElement>('.bbox-picker[data-ready]')];
    if (ready.length === count) return ready;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('pickers never became ready');
}

/** Synthetic mouse drag between two image pixels of a picker. */
async function drag(picker: HTMLElement, a: [number, number], b: [number, number]) {
  const img = picker.querySelector('img') as HTMLImageElement;
  const surface = picker.querySelector('.bbox-picker__surface') as HTMLElement;
  const r = img.getBoundingClientRect();
  const at = ([x, y]: [number, number]) => ({
    clientX: r.left + (x * r.width) / img.naturalWidth,
    clientY: r.top + (y * r.height) / img.naturalHeight,
  });
  const init = {
    bubbles: true,
    cancelable: true,
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
    button: 0,
    buttons: 1,
  };
  surface.dispatchEvent(new PointerEvent('pointerdown', { ...init, ...at(a) }));
  for (let i = 1; i <= 4; i++) {
    const p: [number, number] = [a[0] + ((b[0] - a[0]) * i) / 4, a[1] + ((b[1] - a[1]) * i) / 4];
    surface.dispatchEvent(new PointerEvent('pointermove', { ...init, ...at(p) }));
    await new Promise((res) => requestAnimationFrame(res));
  }
  surface.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0, ...at(b) }));
  await new Promise((res) => setTimeout(res, 0));
}
