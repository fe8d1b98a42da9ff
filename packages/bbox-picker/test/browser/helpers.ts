import { commands } from 'vitest/browser';
import type { Box } from '../../src/geometry/types';

/** The picker's displayed image, once it is loaded and laid out. */
export async function waitForImage(root: ParentNode = document): Promise<HTMLImageElement> {
  for (let i = 0; i < 500; i++) {
    const picker = root.querySelector<HTMLElement>('.bbox-picker[data-ready]');
    const img = picker?.querySelector<HTMLImageElement>('.bbox-picker__image');
    if (img) return img;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('picker image never became ready');
}

/** Client point of an image pixel, read from the live layout. */
export function clientPoint(img: HTMLImageElement, x: number, y: number) {
  const r = img.getBoundingClientRect();
  return {
    x: r.left + (x * r.width) / img.naturalWidth,
    y: r.top + (y * r.height) / img.naturalHeight,
  };
}

/** Intermediate points so the drag crosses the tap threshold and gets several frames. */
export function path(from: { x: number; y: number }, to: { x: number; y: number }, steps = 6) {
  return Array.from({ length: steps + 1 }, (_, i) => ({
    x: from.x + ((to.x - from.x) * i) / steps,
    y: from.y + ((to.y - from.y) * i) / steps,
  }));
}

/** Drags with real input from image pixel `a` to image pixel `b` (both mapped to the screen). */
export async function dragImage(
  img: HTMLImageElement,
  a: [number, number],
  b: [number, number],
  pointerType: 'mouse' | 'pen' | 'touch' = 'mouse',
) {
  await commands.pointerDrag({
    pointerType,
    points: path(clientPoint(img, ...a), clientPoint(img, ...b)),
  });
  await nextFrame();
}

/** Drags a handle or frame element by a screen offset in CSS pixels. */
export async function dragElement(
  el: Element,
  dx: number,
  dy: number,
  pointerType: 'mouse' | 'pen' | 'touch' = 'mouse',
) {
  const r = el.getBoundingClientRect();
  const from = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  await commands.pointerDrag({
    pointerType,
    points: path(from, { x: from.x + dx, y: from.y + dy }),
  });
  await nextFrame();
}

/** Resolves after the next animation frame and a React commit. */
export async function nextFrame() {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await new Promise((r) => setTimeout(r, 0));
}

/** The last value a mock-free recorder received. */
export function recorder() {
  const calls: Box[][] = [];
  const fn = (boxes: Box[]) => {
    calls.push(boxes);
  };
  return { fn, calls, last: () => calls[calls.length - 1] };
}
