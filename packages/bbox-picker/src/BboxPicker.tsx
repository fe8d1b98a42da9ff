import type {
  CSSProperties,
  FocusEvent,
  KeyboardEvent,
  MouseEvent,
  PointerEvent as ReactPointerEvent,
} from 'react';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { BoxView, DraftView } from './BoxView';
import { surfaceStyle } from './box-style';
import { createDraftStore } from './draft-store';
import type { DragTarget } from './drag';
import { dragBox, tapSlop } from './drag';
import { followPointer } from './follow-pointer';
import { normalizeBox, sameBox } from './geometry/clamp';
import type { KeyAction } from './geometry/keyboard';
import { applyKeyAction, keyToAction } from './geometry/keyboard';
import { screenToImage } from './geometry/mapping';
import type { Box, Handle, Point, ScreenRect, Size } from './geometry/types';
import type { View } from './geometry/view';
import {
  imageRect,
  maxZoomFor,
  pinchView,
  placeView,
  visibleArea,
  wheelZoomFactor,
} from './geometry/view';
import type { BboxPickerLabels } from './labels';
import { defaultLabels } from './labels';
import { useControllable } from './use-controllable';
import type { ViewProps } from './use-view';
import { useView } from './use-view';

/** Props of {@link BboxPicker}. */
export interface BboxPickerProps extends ViewProps {
  /** Image URL (any `<img src>`: http(s), data: or blob: URL). */
  src: string;
  /** Alternative text of the image. */
  alt: string;
  /** Boxes in integer pixels of the natural image (controlled). Invalid boxes are shown normalised. */
  value?: readonly Box[];
  /** Initial boxes when uncontrolled. */
  defaultValue?: readonly Box[];
  /** Called on commit: pointer up after a drag, each keyboard step, a removal. */
  onChange?: (boxes: Box[]) => void;
  /** Called live during a drag (at most once per animation frame) with the boxes as they look now. */
  onInput?: (boxes: Box[]) => void;
  /** Maximum number of boxes; drawing is blocked with a visible hint when reached. Default: no limit. */
  maxBoxes?: number;
  /** Minimum width and height of a box in original pixels. Default 1. */
  minSize?: number;
  /** Shows the boxes but allows no editing (zoom and pan still work). */
  disabled?: boolean;
  /** Extra class on the root element (which always has `bbox-picker`). */
  className?: string;
  /** Inline style of the root element: set its width, or `--bbox-picker-*` variables. */
  style?: CSSProperties;
  /** Overrides for any visible or announced text (i18n). */
  labels?: Partial<BboxPickerLabels>;
  // Zoom and pan: `zoom`, `defaultZoom`, `onZoomChange`, `pan`, `defaultPan`, `onPanChange`
  // (see ViewProps).
}

/** A pointer drag in progress. Lives in a ref: moving the pointer never re-renders by itself. */
interface DragSession {
  target: DragTarget;
  pointerId: number;
  pointerType: string;
  /** Where the drag started, in image pixels (unclamped). */
  origin: Point;
  startClient: Point;
  lastClient: Point;
  started: boolean;
  frame: number;
  detach: () => void;
}

type Active = { kind: DragTarget['kind']; index: number } | null;

/** The list with the dragged box in place (or appended, for a new box). */
function withBox(list: readonly Box[], target: DragTarget, box: Box): Box[] {
  if (target.kind === 'draw') return [...list, box];
  const next = list.slice();
  next[target.index] = box;
  return next;
}

/**
 * What a press on `el` edits: a handle resizes, a box moves, the bare image draws (or `'full'`
 * when `maxBoxes` is reached). `null` for the remove button, which clicks instead.
 */
function hitTest(el: Element, boxes: readonly Box[], full: boolean): DragTarget | 'full' | null {
  if (el.closest('[data-remove]')) return null;
  const handle = el.closest<HTMLElement>('[data-handle]')?.dataset.handle as Handle | undefined;
  const index = Number(el.closest<HTMLElement>('[data-index]')?.dataset.index ?? -1);
  const start = boxes[index];
  if (start && handle) return { kind: 'resize', index, handle, start };
  if (start) return { kind: 'move', index, start };
  return full ? 'full' : { kind: 'draw' };
}

/** A new box a quarter of the visible width and height, centred in the visible area. */
function boxInView(view: View, image: Size, minSize: number): Box {
  // The visible area is image / zoom: an eighth of it either side of the centre.
  const w = image.width / 8 / view.zoom;
  const h = image.height / 8 / view.zoom;
  return normalizeBox(
    [view.pan.x - w, view.pan.y - h, view.pan.x + w, view.pan.y + h],
    image,
    minSize,
  );
}

const client = (e: { clientX: number; clientY: number }): Point => ({ x: e.clientX, y: e.clientY });

/**
 * Draw, select, move, resize and delete boxes on an image with mouse, touch, pen or keyboard,
 * zoomed and panned by wheel, pinch, drag or keyboard. Boxes are `[x1, y1, x2, y2]` in integer
 * pixels of the natural image, whatever the display size and zoom.
 * Import `@tokenhub/bbox-picker/styles.css` once for the default look.
 */
export function BboxPicker(props: BboxPickerProps) {
  const {
    src,
    alt,
    value,
    defaultValue,
    onChange,
    onInput,
    maxBoxes = Number.POSITIVE_INFINITY,
    minSize = 1,
    disabled = false,
    className,
    style,
    labels: labelOverrides,
  } = props;
  const labels = useMemo(() => ({ ...defaultLabels, ...labelOverrides }), [labelOverrides]);
  const [rawBoxes, commit] = useControllable<readonly Box[], Box[]>(
    value,
    defaultValue ?? [],
    onChange,
  );
  const [image, setImage] = useState<Size | null>(null);
  /** Width of the visible area in screen pixels (0 while hidden). */
  const [viewportWidth, setViewportWidth] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [active, setActive] = useState<Active>(null);
  const [message, setMessage] = useState('');
  const [pointerType, setPointerType] = useState<string | undefined>();
  const [store] = useState(createDraftStore);
  const rootRef = useRef<HTMLDivElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  const dragRef = useRef<DragSession | null>(null);
  /** A pan or pinch in progress: its detach function. */
  const gestureRef = useRef<(() => void) | null>(null);
  const spaceRef = useRef(false);
  const focusIndexRef = useRef<number | null>(null);
  const id = useId();
  const instructionsId = `${id}-help`;

  const maxZoom = image ? maxZoomFor(viewportWidth, image) : 1;
  const { view, latestView, setView, scheduleView } = useView(props, image, maxZoom);

  // Normalised for display and for every edit; unchanged boxes keep their identity (memo).
  const boxes = useMemo(() => {
    if (!image) return rawBoxes as Box[];
    return rawBoxes.map((b) => {
      const n = normalizeBox(b, image, minSize);
      return sameBox(n, b) ? b : n;
    });
  }, [rawBoxes, image, minSize]);
  const full = boxes.length >= maxBoxes;
  const current = selected !== null && selected < boxes.length ? selected : null;

  // Native listeners read the latest committed render through this ref instead of being re-created.
  const latest = useRef({ boxes, image, minSize, onInput, labels, commit });
  useLayoutEffect(() => {
    latest.current = { boxes, image, minSize, onInput, labels, commit };
  });

  const measureImage = useCallback(() => {
    const img = imgRef.current;
    if (!img?.complete || img.naturalWidth === 0) return;
    setImage({ width: img.naturalWidth, height: img.naturalHeight });
  }, []);

  // A cached image fires `load` before React listens; read the size at mount too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the source changes
  useLayoutEffect(measureImage, [measureImage, src]);

  // The display width, measured when observed and on every layout change (first shown in a
  // collapsed panel, responsive widths, the image loading into an unsized picker). It only decides
  // handle layout and the maximum zoom; coordinates are always measured at event time.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      setViewportWidth(viewport.getBoundingClientRect().width),
    );
    observer.observe(viewport);
    return () => observer.disconnect();
  }, []);

  useEffect(
    () => () => {
      dragRef.current?.detach();
      gestureRef.current?.();
    },
    [],
  );

  // Moves focus to a box after it was drawn or a neighbour was removed.
  useLayoutEffect(() => {
    const index = focusIndexRef.current;
    if (index === null) return;
    focusIndexRef.current = null;
    focusBox(index);
  });

  /** Focuses box `index` (which selects it), or the picker itself for -1. */
  const focusBox = (index: number) => {
    const target =
      rootRef.current?.querySelector<HTMLElement>(`[data-frame="${index}"]`) ?? rootRef.current;
    target?.focus({ preventScroll: true });
  };

  const announce = useCallback((text: string) => setMessage(text), []);

  /** Appends a drawn or keyboard-made box, selects and focuses it, and says so. */
  const addBox = useCallback(
    (list: readonly Box[], box: Box) => {
      const { commit: save, labels: text } = latest.current;
      save([...list, box]);
      setSelected(list.length);
      focusIndexRef.current = list.length;
      announce(text.added(list.length, box));
    },
    [announce],
  );

  // Wheel zoom needs a non-passive native listener to keep the page from scrolling.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const onWheel = (e: WheelEvent) => {
      const img = latest.current.image;
      if (!img) return;
      const base = latestView();
      const rect = viewport.getBoundingClientRect();
      const at = client(e);
      const anchor = screenToImage(at, imageRect(base, rect, img), img);
      const zoom = base.zoom * wheelZoomFactor(e.deltaY, e.deltaMode, e.ctrlKey);
      // A wheel that cannot zoom further scrolls the page; a pinch never zooms the page.
      if (scheduleView(placeView(zoom, anchor, at, rect, img)).zoom !== base.zoom || e.ctrlKey)
        e.preventDefault();
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    return () => viewport.removeEventListener('wheel', onWheel);
  }, [latestView, scheduleView]);

  // Space held turns a drag into a pan. Tracked on the window: the picker need not have focus.
  useEffect(() => {
    const onKey = (e: Event) => {
      const space = (e as globalThis.KeyboardEvent).code === 'Space';
      if (!space && e.type !== 'blur') return;
      spaceRef.current = e.type === 'keydown';
      // Over the image, Space pans: it must neither scroll the page nor click a focused button
      // (but it still types a space into a text field elsewhere).
      const focus = document.activeElement;
      const ours = focus === document.body || rootRef.current?.contains(focus);
      if (ours && viewportRef.current?.matches(':hover')) e.preventDefault();
    };
    const types = ['keydown', 'keyup', 'blur']; // blur: a key released in another window
    for (const type of types) window.addEventListener(type, onKey);
    return () => {
      for (const type of types) window.removeEventListener(type, onKey);
    };
  }, []);

  const sessionBox = useCallback((session: DragSession): Box | null => {
    const { image: img, minSize: min } = latest.current;
    const el = imgRef.current;
    if (!img || !el) return null;
    // Measured once per frame: scrolling, resizing, zooming or panning during a drag is followed.
    const point = screenToImage(session.lastClient, el.getBoundingClientRect(), img);
    return dragBox(session.target, session.origin, point, img, min);
  }, []);

  const endDrag = useCallback(
    (cancelled: boolean) => {
      const session = dragRef.current;
      if (!session) return;
      dragRef.current = null;
      session.detach();
      const { boxes: list, onInput: input, labels: text, commit: save } = latest.current;
      if (!session.started) {
        // A tap: no box is drawn or moved. A tap on the bare image deselects.
        if (session.target.kind === 'draw' && !cancelled) setSelected(null);
        return;
      }
      setActive(null);
      const box = cancelled ? null : sessionBox(session);
      if (!box) {
        input?.(list.slice());
        return;
      }
      const { target } = session;
      if (target.kind === 'draw') addBox(list, box);
      else if (!sameBox(box, list[target.index])) {
        save(withBox(list, target, box));
        announce(text.changed(target.index, box));
      }
    },
    [announce, sessionBox, addBox],
  );

  /** A box drag session: draws, moves or resizes `target` until the pointer is released. */
  const startDrag = (
    event: ReactPointerEvent<HTMLDivElement>,
    target: DragTarget,
    rect: ScreenRect,
  ) => {
    const viewport = event.currentTarget;
    const img = latest.current.image;
    if (!img) return;
    const flush = (session: DragSession) => {
      session.frame = 0;
      if (dragRef.current !== session) return;
      const box = sessionBox(session);
      if (!box || sameBox(box, store.get())) return;
      store.set(box);
      const { boxes: list, onInput: input } = latest.current;
      input?.(withBox(list, session.target, box));
    };
    const onMove = (e: PointerEvent) => {
      const session = dragRef.current;
      if (!session) return;
      session.lastClient = client(e);
      if (!session.started) {
        const dx = e.clientX - session.startClient.x;
        const dy = e.clientY - session.startClient.y;
        if (Math.hypot(dx, dy) < tapSlop(session.pointerType)) return;
        session.started = true;
        const t = session.target;
        store.set(t.kind === 'draw' ? null : t.start);
        setActive({ kind: t.kind, index: t.kind === 'draw' ? -1 : t.index });
      }
      // Coalesce: whatever the event rate, compute and render once per animation frame.
      if (!session.frame) session.frame = requestAnimationFrame(() => flush(session));
    };
    const unfollow = followPointer(viewport, event.pointerId, {
      move: onMove,
      end(e, cancelled) {
        const session = dragRef.current;
        if (session && !cancelled) session.lastClient = client(e);
        endDrag(cancelled);
      },
    });
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault(); // tells the root key handler the Escape is used up
      endDrag(true);
    };
    window.addEventListener('keydown', onKey, true);

    const start = client(event);
    dragRef.current = {
      target,
      pointerId: event.pointerId,
      pointerType: event.pointerType,
      origin: screenToImage(start, rect, img),
      startClient: start,
      lastClient: start,
      started: false,
      frame: 0,
      detach() {
        if (this.frame) cancelAnimationFrame(this.frame);
        this.frame = 0;
        unfollow();
        window.removeEventListener('keydown', onKey, true);
      },
    };
    if (target.kind !== 'draw') {
      setSelected(target.index);
      focusBox(target.index);
    }
  };

  /**
   * A pan (one pointer: middle button, Space+drag) or a pinch (two fingers): the image point
   * under the pointers follows them, and the zoom follows the distance between two fingers.
   */
  const startGesture = (viewport: HTMLElement, fingers: { id: number; at: Point }[]) => {
    const img = latest.current.image;
    if (!img) return;
    const start = latestView();
    const rect = viewport.getBoundingClientRect();
    const from = fingers.map((f) => f.at);
    const now = from.slice();
    const pair = (p: Point[]) => [p[0] as Point, p[p.length - 1] as Point] as const;
    const stop = () => {
      for (const unfollow of unfollows) unfollow();
      gestureRef.current = null;
    };
    const unfollows = fingers.map((f, i) =>
      followPointer(viewport, f.id, {
        move(e) {
          now[i] = client(e);
          scheduleView(pinchView(start, pair(from), pair(now), rect, img));
        },
        end: stop,
      }),
    );
    gestureRef.current = stop;
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const img = imgRef.current;
    if (!image || !img || gestureRef.current) return;
    const viewport = event.currentTarget;
    const here = { id: event.pointerId, at: client(event) };
    const first = dragRef.current;
    if (first) {
      if (event.pointerType === 'touch' && first.pointerType === 'touch') {
        // A second finger: the first one drew or moved nothing, the gesture is a pinch.
        endDrag(true);
        startGesture(viewport, [{ id: first.pointerId, at: first.lastClient }, here]);
      }
      return;
    }
    if (event.button === 1 || (spaceRef.current && event.button === 0)) {
      event.preventDefault(); // no middle-button autoscroll, no text selection
      startGesture(viewport, [here]);
      return;
    }
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const rect = img.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const target = hitTest(event.target as Element, boxes, full);
    if (!target) return;
    if (target === 'full') {
      // The hint is already visible; say it too, for screen reader users.
      announce(labels.maxBoxesReached(maxBoxes));
      setSelected(null);
      return;
    }
    event.preventDefault(); // no text selection, no native image drag, no emulated mouse events
    setPointerType(event.pointerType);
    startDrag(event, target, rect);
  };

  const removeBox = (index: number) => {
    const next = boxes.filter((_, i) => i !== index);
    commit(next);
    announce(labels.removed(index));
    const neighbour = next.length === 0 ? null : Math.min(index, next.length - 1);
    setSelected(neighbour);
    focusIndexRef.current = neighbour ?? -1;
  };

  /** Applies a view change from the keyboard and announces what is visible; `true` if it changed. */
  const keyView = (zoom: number, pan: Point, img: Size): boolean => {
    const shown = setView({ zoom, pan });
    if (shown) announce(labels.view(shown.zoom, visibleArea(shown, img).map(Math.round) as Box));
    return !!shown;
  };

  /** Keys that act on the picker as a whole; `true` when the key was used. */
  const onViewKey = (action: KeyAction, img: Size): boolean => {
    const { zoom, pan } = view;
    switch (action.type) {
      case 'zoom':
        return keyView(zoom * action.by, pan, img);
      case 'move':
        // No box selected: arrows pan by 5% of the visible area (Shift: 50%).
        return keyView(
          zoom,
          {
            x: pan.x + (action.dx * img.width) / (20 * zoom),
            y: pan.y + (action.dy * img.height) / (20 * zoom),
          },
          img,
        );
      case 'select':
        focusBox(action.index < 0 ? boxes.length - 1 : 0);
        return boxes.length > 0;
    }
    if (action.type !== 'add' || disabled) return false;
    if (full) {
      announce(labels.maxBoxesReached(maxBoxes));
      return true;
    }
    addBox(boxes, boxInView(view, img, minSize));
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    const action = keyToAction(event.key, event);
    if (!action || !image) return;
    const frame = (event.target as Element).closest<HTMLElement>('[data-index]');
    const index = frame ? Number(frame.dataset.index) : -1;
    const box = boxes[index];
    if (action.type === 'escape') {
      if (current !== null) {
        event.preventDefault();
        setSelected(null);
        focusBox(-1); // arrows now pan
      }
    } else if (box && (action.type === 'move' || action.type === 'resize')) {
      if (disabled) return;
      event.preventDefault(); // arrows would scroll the page
      setSelected(index);
      const next = applyKeyAction(box, action, image, minSize);
      if (sameBox(next, box)) return;
      const list = boxes.slice();
      list[index] = next;
      commit(list);
      announce(labels.changed(index, next));
    } else if (box && action.type === 'remove') {
      if (disabled) return;
      event.preventDefault(); // Backspace could navigate
      removeBox(index);
    } else if (onViewKey(action, image)) event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as Element).closest<HTMLElement>('[data-remove]');
    if (button && !disabled) removeBox(Number(button.dataset.remove));
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const frame = (event.target as HTMLElement).dataset.frame;
    if (frame === undefined) return;
    setSelected(Number(frame));
  };

  // Side handles need room: hide them when the box is under ~4 handles wide or tall on screen.
  const compactLimit = pointerType === 'touch' ? 112 : 48;
  const scale = image ? (viewportWidth / image.width) * view.zoom : 0;
  const currentBox = current !== null ? boxes[current] : undefined;
  const compact =
    !!currentBox &&
    scale > 0 &&
    Math.min(currentBox[2] - currentBox[0], currentBox[3] - currentBox[1]) * scale < compactLimit;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> sizes to min-content, which breaks the responsive image; a labelled group is what it means here.
    <div
      ref={rootRef}
      className={className ? `bbox-picker ${className}` : 'bbox-picker'}
      style={style}
      role="group"
      aria-label={labels.group}
      aria-describedby={instructionsId}
      // In the tab order itself only while there is no box to tab to (boxes are buttons).
      tabIndex={boxes.length === 0 ? 0 : -1}
      data-ready={image && viewportWidth > 0 ? '' : undefined}
      data-disabled={disabled || undefined}
      data-full={full || undefined}
      data-dragging={active?.kind}
      data-zoomed={view.zoom > 1 || undefined}
      data-pointer={pointerType}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={onFocus}
    >
      <div
        ref={viewportRef}
        className="bbox-picker__viewport"
        style={image ? { aspectRatio: `${image.width} / ${image.height}` } : undefined}
        onPointerDown={onPointerDown}
      >
        <div className="bbox-picker__surface" style={image ? surfaceStyle(view, image) : undefined}>
          <img
            ref={imgRef}
            className="bbox-picker__image"
            src={src}
            alt={alt}
            draggable={false}
            onLoad={measureImage}
          />
          {image &&
            boxes.map((box, index) => (
              <BoxView
                // Boxes have no identity beyond their position in the list, which is also the
                // position in `bbox_list`; the index is the right key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                index={index}
                box={box}
                image={image}
                selected={index === current}
                live={active?.index === index}
                compact={index === current && compact}
                disabled={disabled}
                store={store}
                labels={labels}
                describedBy={instructionsId}
              />
            ))}
          {image && active?.kind === 'draw' && <DraftView store={store} image={image} />}
        </div>
      </div>
      {full && !disabled && <p className="bbox-picker__hint">{labels.maxBoxesReached(maxBoxes)}</p>}
      <p id={instructionsId} className="bbox-picker__sr-only">
        {labels.instructions}
      </p>
      <div className="bbox-picker__sr-only" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </div>
  );
}
