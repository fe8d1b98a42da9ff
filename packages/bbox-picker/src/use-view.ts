import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Point, Size } from './geometry/types';
import type { View } from './geometry/view';
import { clampView } from './geometry/view';

/** The zoom and pan props of the picker; each of `zoom` and `pan` is controlled or not on its own. */
export interface ViewProps {
  /**
   * Zoom (controlled): a multiple of the fitted view, from 1 (the whole image) to 16 screen pixels per
   * original pixel.
   * Wheel, pinch and `+`/`-`/`0` call `onZoomChange`.
   */
  zoom?: number;
  /** Initial zoom when uncontrolled. Default 1. */
  defaultZoom?: number;
  /** Called with the new zoom after a wheel, pinch or key zoom (at most once per frame). */
  onZoomChange?: (zoom: number) => void;
  /**
   * Pan (controlled): the ORIGINAL-image point shown at the centre of the picker (float pixels).
   * Clamped so the image always fills the picker; at zoom 1 only the image centre is possible.
   */
  pan?: Point;
  /** Initial pan when uncontrolled. Default: the image centre. */
  defaultPan?: Point;
  /** Called with the new pan after a pan, a zoom around a point or a pinch (at most once per frame). */
  onPanChange?: (pan: Point) => void;
}

/** What {@link useView} returns. */
export interface ViewState {
  /** The view shown now, clamped. */
  view: View;
  /** The newest view, including one scheduled for the next frame: gestures build on it. */
  latestView: () => View;
  /**
   * Clamps and commits a view now (keyboard); calls `onZoomChange` / `onPanChange` as needed.
   * Returns the view shown, or `null` when nothing changed.
   */
  setView: (next: View) => View | null;
  /**
   * Commits a view on the next animation frame; later calls in the same frame replace it.
   * Returns the view as it will be shown (clamped).
   */
  scheduleView: (next: View) => View;
}

/**
 * The controllable zoom and pan as one clamped {@link View}: each is controlled when its prop is
 * given, uncontrolled otherwise, and its callback is called only when it changes. Pointer gestures go through
 * `scheduleView`, so however many wheel or move events arrive, React commits once per frame.
 */
export function useView(props: ViewProps, image: Size | null, maxZoom: number): ViewState {
  // Uncontrolled values; a controlled prop wins over its half.
  const [own, setOwn] = useState({ zoom: props.defaultZoom ?? 1, pan: props.defaultPan });
  const pan = props.pan ?? own.pan;
  const view = image
    ? clampView(
        { zoom: props.zoom ?? own.zoom, pan: pan ?? { x: image.width / 2, y: image.height / 2 } },
        image,
        maxZoom,
      )
    : { zoom: 1, pan: { x: 0, y: 0 } };
  // `view` is the newest view committed or asked for; `next` waits for the next frame.
  const ref = useRef({ view, image, maxZoom, props, next: null as View | null, frame: 0 });
  useLayoutEffect(() => {
    Object.assign(ref.current, { view, image, maxZoom, props });
  });

  const setView = useCallback((next: View) => {
    const state = ref.current;
    if (!state.image) return null;
    const shown = clampView(next, state.image, state.maxZoom);
    const { zoom, pan } = state.view;
    const zoomed = shown.zoom !== zoom;
    const panned = shown.pan.x !== pan.x || shown.pan.y !== pan.y;
    if (!zoomed && !panned) return null;
    setOwn(shown);
    if (zoomed) state.props.onZoomChange?.(shown.zoom);
    if (panned) state.props.onPanChange?.(shown.pan);
    // Until React commits, a second change in the same task builds on this one.
    state.view = shown;
    return shown;
  }, []);

  const scheduleView = useCallback(
    (next: View) => {
      const state = ref.current;
      const clamped = state.image ? clampView(next, state.image, state.maxZoom) : next;
      state.next = clamped;
      state.frame ||= requestAnimationFrame(() => {
        state.frame = 0;
        if (state.next) setView(state.next);
        state.next = null;
      });
      return clamped;
    },
    [setView],
  );

  const latestView = useCallback(() => ref.current.next ?? ref.current.view, []);
  return { view, latestView, setView, scheduleView };
}
