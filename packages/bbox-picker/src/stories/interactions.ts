/**
 * Helpers for play functions: drive the picker with pointer events in image pixels, from inside
 * the page (Storybook's play functions run in the browser, where there is no CDP). Moves are
 * dispatched to the drawing surface, as pointer capture would route them in real use.
 */
import type { Box } from '../geometry/types';

/** Which pointer to emulate. */
export type PointerKind = 'mouse' | 'pen' | 'touch';

const pointerIds: Record<PointerKind, number> = { mouse: 1, pen: 2, touch: 3 };

/** The picker root inside `canvas`, once its image is loaded and laid out. */
export async function readyPicker(canvas: ParentNode, nth = 0): Promise<HTMLElement> {
  for (let i = 0; i < 300; i++) {
    const picker = canvas.querySelectorAll<HTMLElement>('.bbox-picker[data-ready]')[nth];
    if (picker) return picker;
    await frame();
  }
  throw new Error('The picker image never loaded');
}

/** Waits one animation frame plus a task, so React has committed what the frame produced. */
export async function frame(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function parts(picker: HTMLElement) {
  const surface = picker.querySelector<HTMLElement>('.bbox-picker__surface');
  const img = picker.querySelector<HTMLImageElement>('.bbox-picker__image');
  if (!surface || !img) throw new Error('not a picker');
  return { surface, img };
}

/** Client coordinates of an image pixel of this picker (at its current display scale). */
export function toClient(picker: HTMLElement, x: number, y: number): { x: number; y: number } {
  const { img } = parts(picker);
  const r = img.getBoundingClientRect();
  return {
    x: r.left + (x * r.width) / img.naturalWidth,
    y: r.top + (y * r.height) / img.naturalHeight,
  };
}

function fire(
  target: Element,
  type: string,
  kind: PointerKind,
  at: { x: number; y: number },
  down: boolean,
) {
  target.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      cancelable: true,
      composed: true,
      pointerId: pointerIds[kind],
      pointerType: kind,
      isPrimary: true,
      clientX: at.x,
      clientY: at.y,
      button: type === 'pointermove' ? -1 : 0,
      buttons: down ? 1 : 0,
      pressure: down ? 0.5 : 0,
      width: kind === 'touch' ? 20 : 1,
      height: kind === 'touch' ? 20 : 1,
    }),
  );
}

/**
 * Presses on `start` (an element, or the element under the point), moves in `steps` frames to
 * `to` and releases. Points are client coordinates.
 */
export async function dragClient(
  picker: HTMLElement,
  from: { x: number; y: number },
  to: { x: number; y: number },
  options: { kind?: PointerKind; steps?: number; start?: Element; release?: boolean } = {},
): Promise<void> {
  const { kind = 'mouse', steps = 5, release = true } = options;
  const { surface } = parts(picker);
  const start = options.start ?? document.elementFromPoint(from.x, from.y) ?? surface;
  fire(start, 'pointerdown', kind, from, true);
  for (let i = 1; i <= steps; i++) {
    const at = {
      x: from.x + ((to.x - from.x) * i) / steps,
      y: from.y + ((to.y - from.y) * i) / steps,
    };
    fire(surface, 'pointermove', kind, at, true);
    await frame();
  }
  if (release) fire(surface, 'pointerup', kind, to, false);
  await frame();
}

/** Releases the pointer at a client point (ends a drag started with `release: false`). */
export async function release(
  picker: HTMLElement,
  at: { x: number; y: number },
  kind: PointerKind = 'mouse',
) {
  fire(parts(picker).surface, 'pointerup', kind, at, false);
  await frame();
}

/** Drags from image pixel `a` to image pixel `b` (draws on the bare image, moves on a box). */
export async function dragImage(
  picker: HTMLElement,
  a: [number, number],
  b: [number, number],
  kind: PointerKind = 'mouse',
) {
  await dragClient(picker, toClient(picker, ...a), toClient(picker, ...b), { kind });
}

/** Drags a handle of the selected box by `dx`, `dy` IMAGE pixels. */
export async function dragHandle(
  picker: HTMLElement,
  handle: string,
  dx: number,
  dy: number,
  kind: PointerKind = 'mouse',
) {
  const el = picker.querySelector(`[data-selected] [data-handle="${handle}"]`);
  if (!el) throw new Error(`no ${handle} handle on the selected box`);
  const r = el.getBoundingClientRect();
  const from = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  const { img } = parts(picker);
  const s = img.getBoundingClientRect().width / img.naturalWidth;
  await dragClient(picker, from, { x: from.x + dx * s, y: from.y + dy * s }, { kind, start: el });
}

/** The boxes as the accessible names state them (`Box 1: x1, y1 to x2, y2`). */
export function namedBoxes(picker: HTMLElement): Box[] {
  return [...picker.querySelectorAll('.bbox-picker__frame')].map((el) => {
    const numbers = (el.getAttribute('aria-label') ?? '').match(/-?\d+/g)?.map(Number) ?? [];
    return numbers.slice(1, 5) as Box;
  });
}

/** The picker's visible area (what wheel and pinch gestures land on). */
function viewportOf(picker: HTMLElement): HTMLElement {
  const viewport = picker.querySelector<HTMLElement>('.bbox-picker__viewport');
  if (!viewport) throw new Error('not a picker');
  return viewport;
}

/** A wheel event at an image pixel (`ctrl`: a trackpad pinch), then the frame that applies it. */
export async function wheelAt(
  picker: HTMLElement,
  [x, y]: [number, number],
  deltaY: number,
  ctrl = false,
): Promise<void> {
  const at = toClient(picker, x, y);
  viewportOf(picker).dispatchEvent(
    new WheelEvent('wheel', {
      bubbles: true,
      cancelable: true,
      clientX: at.x,
      clientY: at.y,
      deltaY,
      ctrlKey: ctrl,
    }),
  );
  await frame();
  await frame();
}

/**
 * Two touch pointers centred on an image pixel, `from` CSS px apart, spread (or pinched) to `to`
 * px apart in `steps` frames, then lifted.
 */
export async function pinchAt(
  picker: HTMLElement,
  [x, y]: [number, number],
  from: number,
  to: number,
  steps = 4,
): Promise<void> {
  const viewport = viewportOf(picker);
  const c = toClient(picker, x, y);
  const finger = (id: number, type: string, d: number) =>
    viewport.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        cancelable: true,
        pointerId: id,
        pointerType: 'touch',
        isPrimary: id === 11,
        clientX: c.x + (id === 11 ? -d : d) / 2,
        clientY: c.y,
        buttons: type === 'pointerup' ? 0 : 1,
      }),
    );
  finger(11, 'pointerdown', from);
  finger(12, 'pointerdown', from);
  for (let i = 1; i <= steps; i++) {
    const d = from + ((to - from) * i) / steps;
    finger(11, 'pointermove', d);
    finger(12, 'pointermove', d);
    await frame();
  }
  finger(12, 'pointerup', to);
  finger(11, 'pointerup', to);
  await frame();
}
