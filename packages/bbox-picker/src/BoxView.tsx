import { memo, useSyncExternalStore } from 'react';
import { boxStyle } from './box-style';
import type { DraftStore } from './draft-store';
import type { Box, Size } from './geometry/types';
import { HANDLES } from './geometry/types';
import type { BboxPickerLabels } from './labels';

/** Props of {@link BoxView}. */
export interface BoxViewProps {
  /** Position in the list (0-based), which is also the position in `bbox_list`. */
  index: number;
  /** The committed box, normalised. */
  box: Box;
  /** Natural image size, for percentage positioning. */
  image: Size;
  /** Shows handles and the remove button. */
  selected: boolean;
  /** True while this box is dragged: it then shows the live box from the store. */
  live: boolean;
  /** Hide the four side handles (the box is too small on screen for eight). */
  compact: boolean;
  /** No handles, no remove button; the frame stays focusable so its name can be read. */
  disabled: boolean;
  /** Holds the live box while dragging. */
  store: DraftStore;
  /** Texts, already merged with the defaults. */
  labels: BboxPickerLabels;
  /** Id of the usage instructions. */
  describedBy: string;
}

const noSubscribe = () => () => {};
const noDraft = () => null;

/**
 * One box: a focusable frame (moves), eight handles and a remove button when selected.
 * Memoised so that only the dragged box re-renders during a drag; pointer and key handling is
 * delegated to the picker root, so the props hold data only.
 */
export const BoxView = memo(function BoxView(props: BoxViewProps) {
  const { index, box, image, selected, live, compact, disabled, store, labels, describedBy } =
    props;
  // Only the live box subscribes, so a store update notifies one component.
  const draft = useSyncExternalStore(
    live ? store.subscribe : noSubscribe,
    live ? store.get : noDraft,
    noDraft,
  );
  const shown = draft ?? box;
  const editable = selected && !disabled;
  return (
    <div
      className="bbox-picker__box"
      data-index={index}
      data-selected={selected || undefined}
      data-active={live || undefined}
      data-compact={compact || undefined}
      style={boxStyle(shown, image)}
    >
      <button
        type="button"
        className="bbox-picker__frame"
        aria-roledescription={labels.boxRole}
        aria-label={labels.box(index, shown)}
        aria-describedby={describedBy}
        aria-disabled={disabled || undefined}
        data-frame={index}
      >
        <span className="bbox-picker__badge" aria-hidden="true">
          {index + 1}
        </span>
      </button>
      {editable &&
        HANDLES.map((handle) => (
          <div
            key={handle}
            className="bbox-picker__handle"
            data-handle={handle}
            aria-hidden="true"
          />
        ))}
      {editable && (
        <button
          type="button"
          className="bbox-picker__remove"
          data-remove={index}
          aria-label={labels.remove(index)}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
});

/** The box being drawn: the only subscriber to the store while drawing. */
export function DraftView({ store, image }: { store: DraftStore; image: Size }) {
  const draft = useSyncExternalStore(store.subscribe, store.get, noDraft);
  if (!draft) return null;
  return (
    <div
      className="bbox-picker__box"
      data-drawing=""
      aria-hidden="true"
      style={boxStyle(draft, image)}
    />
  );
}
