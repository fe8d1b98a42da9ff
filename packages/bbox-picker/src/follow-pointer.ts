/** What to do with one followed pointer. */
export interface PointerHandlers {
  /** Each move of the pointer. */
  move: (event: PointerEvent) => void;
  /** Release (`cancelled` false), or cancel / lost capture (`cancelled` true). */
  end: (event: PointerEvent, cancelled: boolean) => void;
}

/**
 * Follows one pointer on `el` (captured, so it keeps arriving outside the element) until the
 * caller detaches. Shared by box drags, pans and both fingers of a pinch. Returns the detach
 * function.
 */
export function followPointer(
  el: HTMLElement,
  pointerId: number,
  handlers: PointerHandlers,
): () => void {
  try {
    el.setPointerCapture(pointerId);
  } catch {
    // Synthetic events (tests, automation) have no active pointer to capture; moves still arrive.
  }
  const on = (e: PointerEvent) => {
    if (e.pointerId !== pointerId) return;
    if (e.type === 'pointermove') handlers.move(e);
    else handlers.end(e, e.type !== 'pointerup');
  };
  const types = ['pointermove', 'pointerup', 'pointercancel', 'lostpointercapture'] as const;
  for (const type of types) el.addEventListener(type, on);
  return () => {
    for (const type of types) el.removeEventListener(type, on);
  };
}
