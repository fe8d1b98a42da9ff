import type {
  CSSProperties,
  FocusEvent,
  KeyboardEvent,
  MouseEvent,
  PointerEvent as ReactPointerEvent,
} from 'react';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { BoxView, DraftView } from './BoxView';
import { createDraftStore } from './draft-store';
import type { DragTarget } from './drag';
import { dragBox, tapSlop } from './drag';
import { normalizeBox, sameBox } from './geometry/clamp';
import { applyKeyAction, keyToAction } from './geometry/keyboard';
import { screenToImage } from './geometry/mapping';
import type { Box, Handle, Point, ScreenRect, Size } from './geometry/types';
import type { BboxPickerLabels } from './labels';
import { defaultLabels } from './labels';
import { useControllableBoxes } from './use-controllable-boxes';

/** Props of {@link BboxPicker}. */
export interface BboxPickerProps {
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
  /** Shows the boxes but allows no editing. */
  disabled?: boolean;
  /** Extra class on the root element (which always has `bbox-picker`). */
  className?: string;
  /** Inline style of the root element: set its width, or `--bbox-picker-*` variables. */
  style?: CSSProperties;
  /** Overrides for any visible or announced text (i18n). */
  labels?: Partial<BboxPickerLabels>;
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
  /** Image rect measured at pointer-down; dropped on scroll/resize and measured again. */
  rect: ScreenRect | null;
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

const cx = (...names: (string | undefined | false)[]) => names.filter(Boolean).join(' ');

/**
 * Draw, select, move, resize and delete boxes on an image with mouse, touch, pen or keyboard.
 * Boxes are `[x1, y1, x2, y2]` in integer pixels of the natural image, whatever the display size.
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
  const [rawBoxes, commit] = useControllableBoxes(value, defaultValue, onChange);
  const [image, setImage] = useState<Size | null>(null);
  const [scale, setScale] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [active, setActive] = useState<Active>(null);
  const [message, setMessage] = useState('');
  const [pointerType, setPointerType] = useState<string | undefined>();
  const [store] = useState(createDraftStore);
  const rootRef = useRef<HTMLDivElement>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  const dragRef = useRef<DragSession | null>(null);
  const focusIndexRef = useRef<number | null>(null);
  const id = useId();
  const instructionsId = `${id}-help`;

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
    setScale(img.getBoundingClientRect().width / img.naturalWidth);
  }, []);

  // A cached image fires `load` before React listens; read the size at mount too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the source changes
  useLayoutEffect(measureImage, [measureImage, src]);

  // Layout changes (first shown in a collapsed panel, responsive widths, zoom) update the display
  // scale, which only decides handle layout; coordinates are always measured at event time.
  useEffect(() => {
    const img = imgRef.current;
    if (!img || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const session = dragRef.current;
      if (session) session.rect = null;
      setScale(img.naturalWidth > 0 ? img.getBoundingClientRect().width / img.naturalWidth : 0);
    });
    observer.observe(img);
    return () => observer.disconnect();
  }, []);

  useEffect(() => () => dragRef.current?.detach(), []);

  // Moves focus to a box after it was drawn or a neighbour was removed.
  useLayoutEffect(() => {
    const index = focusIndexRef.current;
    if (index === null) return;
    focusIndexRef.current = null;
    const target =
      rootRef.current?.querySelector<HTMLElement>(`[data-frame="${index}"]`) ?? rootRef.current;
    target?.focus({ preventScroll: true });
  });

  const announce = useCallback((text: string) => setMessage(text), []);

  const sessionBox = useCallback((session: DragSession): Box | null => {
    const { image: img, minSize: min } = latest.current;
    const el = imgRef.current;
    if (!img || !el) return null;
    session.rect ??= el.getBoundingClientRect();
    const point = screenToImage(session.lastClient, session.rect, img);
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
        if (session.target.kind === 'draw') setSelected(null);
        return;
      }
      setActive(null);
      const box = cancelled ? null : sessionBox(session);
      if (!box) {
        input?.(list.slice());
        return;
      }
      const { target } = session;
      if (target.kind === 'draw') {
        const next = withBox(list, target, box);
        save(next);
        setSelected(next.length - 1);
        focusIndexRef.current = next.length - 1;
        announce(text.added(next.length - 1, box));
      } else if (!sameBox(box, list[target.index])) {
        save(withBox(list, target, box));
        announce(text.changed(target.index, box));
      }
    },
    [announce, sessionBox],
  );

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const surface = surfaceRef.current;
    const img = imgRef.current;
    if (disabled || !image || !surface || !img || dragRef.current) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const el = event.target as Element;
    if (el.closest('[data-remove]')) return;
    const rect = img.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const handle = el.closest<HTMLElement>('[data-handle]')?.dataset.handle as Handle | undefined;
    const boxEl = el.closest<HTMLElement>('[data-index]');
    const index = boxEl ? Number(boxEl.dataset.index) : -1;
    let target: DragTarget;
    const start = boxes[index];
    if (start && handle) target = { kind: 'resize', index, handle, start };
    else if (start) target = { kind: 'move', index, start };
    else if (full) {
      // The hint is already visible; say it too, for screen reader users.
      announce(labels.maxBoxesReached(maxBoxes));
      setSelected(null);
      return;
    } else target = { kind: 'draw' };

    event.preventDefault(); // no text selection, no native image drag, no emulated mouse events
    const client = { x: event.clientX, y: event.clientY };
    try {
      surface.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events (tests, automation) have no active pointer to capture; moves still arrive.
    }

    const onMove = (e: PointerEvent) => {
      const session = dragRef.current;
      if (!session || e.pointerId !== session.pointerId) return;
      session.lastClient = { x: e.clientX, y: e.clientY };
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
    const flush = (session: DragSession) => {
      session.frame = 0;
      if (dragRef.current !== session) return;
      const box = sessionBox(session);
      if (!box || sameBox(box, store.get())) return;
      store.set(box);
      const { boxes: list, onInput: input } = latest.current;
      input?.(withBox(list, session.target, box));
    };
    const onUp = (e: PointerEvent) => {
      const session = dragRef.current;
      if (!session || e.pointerId !== session.pointerId) return;
      session.lastClient = { x: e.clientX, y: e.clientY };
      endDrag(false);
    };
    const onCancel = (e: PointerEvent) => {
      if (e.pointerId === dragRef.current?.pointerId) endDrag(true);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault(); // tells the root key handler the Escape is used up
      endDrag(true);
    };
    const onScroll = () => {
      const session = dragRef.current;
      if (session) session.rect = null;
    };
    surface.addEventListener('pointermove', onMove);
    surface.addEventListener('pointerup', onUp);
    surface.addEventListener('pointercancel', onCancel);
    surface.addEventListener('lostpointercapture', onCancel);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });

    dragRef.current = {
      target,
      pointerId: event.pointerId,
      pointerType: event.pointerType,
      origin: screenToImage(client, rect, image),
      startClient: client,
      lastClient: client,
      rect,
      started: false,
      frame: 0,
      detach() {
        if (this.frame) cancelAnimationFrame(this.frame);
        this.frame = 0;
        surface.removeEventListener('pointermove', onMove);
        surface.removeEventListener('pointerup', onUp);
        surface.removeEventListener('pointercancel', onCancel);
        surface.removeEventListener('lostpointercapture', onCancel);
        window.removeEventListener('keydown', onKey, true);
        window.removeEventListener('scroll', onScroll, true);
      },
    };
    setPointerType(event.pointerType);
    if (target.kind !== 'draw') {
      setSelected(target.index);
      rootRef.current
        ?.querySelector<HTMLElement>(`[data-frame="${target.index}"]`)
        ?.focus({ preventScroll: true });
    }
  };

  const removeBox = (index: number) => {
    const next = boxes.filter((_, i) => i !== index);
    commit(next);
    announce(labels.removed(index));
    const neighbour = next.length === 0 ? null : Math.min(index, next.length - 1);
    setSelected(neighbour);
    focusIndexRef.current = neighbour ?? -1;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    const action = keyToAction(event.key, event);
    const frame = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (!action || !frame) return;
    const index = Number(frame.dataset.index);
    const box = boxes[index];
    if (!box) return;
    if (action.type === 'escape') {
      if (current !== null) {
        event.preventDefault();
        setSelected(null);
      }
      return;
    }
    if (disabled || !image) return;
    event.preventDefault(); // arrows would scroll the page, Backspace could navigate
    if (action.type === 'remove') {
      removeBox(index);
      return;
    }
    setSelected(index);
    const next = applyKeyAction(box, action, image, minSize);
    if (sameBox(next, box)) return;
    const list = boxes.slice();
    list[index] = next;
    commit(list);
    announce(labels.changed(index, next));
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as Element).closest<HTMLElement>('[data-remove]');
    if (button && !disabled) removeBox(Number(button.dataset.remove));
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const frame = (event.target as HTMLElement).dataset.frame;
    if (frame !== undefined) setSelected(Number(frame));
  };

  // Side handles need room: hide them when the box is under ~4 handles wide or tall on screen.
  const compactLimit = pointerType === 'touch' ? 112 : 48;
  const currentBox = current !== null ? boxes[current] : undefined;
  const compact =
    !!currentBox &&
    scale > 0 &&
    Math.min(currentBox[2] - currentBox[0], currentBox[3] - currentBox[1]) * scale < compactLimit;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> sizes to min-content, which breaks the responsive image; a labelled group is what it means here.
    <div
      ref={rootRef}
      className={cx('bbox-picker', className)}
      style={style}
      role="group"
      aria-label={labels.group}
      aria-describedby={instructionsId}
      tabIndex={-1}
      data-ready={image && scale > 0 ? '' : undefined}
      data-disabled={disabled || undefined}
      data-full={full || undefined}
      data-dragging={active?.kind}
      data-pointer={pointerType}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={onFocus}
    >
      <div ref={surfaceRef} className="bbox-picker__surface" onPointerDown={onPointerDown}>
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
