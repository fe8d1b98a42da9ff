import type { BrowserCommand } from 'vitest/node';

/** A point in the test iframe's client coordinates (CSS pixels). */
export interface ClientPoint {
  x: number;
  y: number;
}

/** Options of the `pointerDrag` command. */
export interface PointerDragOptions {
  pointerType: 'mouse' | 'pen' | 'touch';
  /** Press at the first point, move through the others, release at the last. */
  points: ClientPoint[];
  /** Skip the release (to test Escape during a drag). */
  noRelease?: boolean;
  /** Mouse button (default `left`): `middle` pans. */
  button?: 'left' | 'middle';
}

/** Options of the `wheel` command. */
export interface WheelOptions extends ClientPoint {
  deltaX?: number;
  deltaY: number;
  /** Ctrl held: what a trackpad pinch sends. */
  ctrl?: boolean;
}

interface Cdp {
  send: (method: string, params?: object) => Promise<unknown>;
}

const sessions = new WeakMap<object, Promise<Cdp>>();

function cdpFor(context: Parameters<BrowserCommand>[0]): Promise<Cdp> {
  const page = context.page;
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page) as unknown as Promise<Cdp>;
    sessions.set(page, session);
  }
  return session;
}

/**
 * Maps the test iframe's client coordinates to the top-level page, where CDP input lands. The
 * runner may show the iframe scaled down to fit, so the scale is measured, not assumed.
 */
async function toPage(
  context: Parameters<BrowserCommand>[0],
): Promise<(p: ClientPoint) => ClientPoint> {
  const box = await context.iframe.owner().boundingBox();
  const frame = await context.frame();
  const innerWidth = await frame.evaluate(() => window.innerWidth);
  if (!box) throw new Error('test iframe not found');
  const scale = box.width / innerWidth;
  return (p) => ({ x: box.x + p.x * scale, y: box.y + p.y * scale });
}

/**
 * Real input through Chromium's input pipeline (CDP `Input.*`): real pointer ids, pointer
 * capture, coalescing and touch. Coordinates are given in the test page's client pixels.
 */
const pointerDrag: BrowserCommand<[PointerDragOptions]> = async (context, options) => {
  const cdp = await cdpFor(context);
  const map = await toPage(context);
  const pts = options.points.map(map);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last) return;
  if (options.pointerType === 'touch') {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ ...first, id: 1 }],
    });
    for (const p of pts.slice(1)) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ ...p, id: 1 }],
      });
    }
    if (!options.noRelease)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    return;
  }
  const button = options.button ?? 'left';
  const buttons = button === 'middle' ? 4 : 1;
  const base = { pointerType: options.pointerType, button };
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseMoved',
    ...first,
    pointerType: options.pointerType,
  });
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mousePressed',
    ...first,
    ...base,
    buttons,
    clickCount: 1,
  });
  for (const p of pts.slice(1)) {
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...p, ...base, buttons });
  }
  if (!options.noRelease) {
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      ...last,
      ...base,
      buttons: 0,
      clickCount: 1,
    });
  }
};

/** Releases the mouse button at a point (ends a drag started with `noRelease`). */
const pointerRelease: BrowserCommand<[ClientPoint]> = async (context, point) => {
  const cdp = await cdpFor(context);
  const map = await toPage(context);
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseReleased',
    ...map(point),
    button: 'left',
    buttons: 0,
    clickCount: 1,
  });
};

/** Emulates a device pixel ratio (1, 2, 3...) without changing the viewport size. */
const setDevicePixelRatio: BrowserCommand<[number]> = async (context, ratio) => {
  const cdp = await cdpFor(context);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: 0,
    height: 0,
    deviceScaleFactor: ratio,
    mobile: false,
  });
};

/** A real wheel event (mouse wheel, or a trackpad pinch with `ctrl`) at a client point. */
const wheel: BrowserCommand<[WheelOptions]> = async (context, options) => {
  const cdp = await cdpFor(context);
  const map = await toPage(context);
  const at = map(options);
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at });
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseWheel',
    ...at,
    deltaX: options.deltaX ?? 0,
    deltaY: options.deltaY,
    modifiers: options.ctrl ? 2 : 0,
  });
};

/**
 * Real multi-touch: each frame lists where every finger is (finger `i` has touch id `i + 1`);
 * the first frame puts the fingers down one after the other, the last lifts them all.
 */
const touchFrames: BrowserCommand<[ClientPoint[][]]> = async (context, frames) => {
  const cdp = await cdpFor(context);
  const map = await toPage(context);
  const touches = (frame: ClientPoint[]) => frame.map((p, i) => ({ ...map(p), id: i + 1 }));
  const [first, ...rest] = frames;
  if (!first) return;
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  for (let n = 1; n <= first.length; n++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: touches(first.slice(0, n)),
    });
  }
  for (const frame of rest) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touches(frame) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
};

/** Holds (`down: true`) or releases the Space bar with real key events. */
const holdSpace: BrowserCommand<[boolean]> = async (context, down) => {
  const cdp = await cdpFor(context);
  await cdp.send('Input.dispatchKeyEvent', {
    type: down ? 'keyDown' : 'keyUp',
    key: ' ',
    code: 'Space',
    windowsVirtualKeyCode: 32,
    ...(down ? { text: ' ' } : {}),
  });
};

/** Commands available in browser tests through `commands` from `vitest/browser`. */
export const pointerCommands = {
  pointerDrag,
  pointerRelease,
  setDevicePixelRatio,
  wheel,
  touchFrames,
  holdSpace,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    wheel: (options: WheelOptions) => Promise<void>;
    touchFrames: (frames: ClientPoint[][]) => Promise<void>;
    holdSpace: (down: boolean) => Promise<void>;
    pointerDrag: (options: PointerDragOptions) => Promise<void>;
    pointerRelease: (point: ClientPoint) => Promise<void>;
    setDevicePixelRatio: (ratio: number) => Promise<void>;
  }
}
