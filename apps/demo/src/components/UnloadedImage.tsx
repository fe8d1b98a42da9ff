import type { ValidationIssue } from '@tokenhub/image-core';
import type { ReferenceImage } from '../form/form-state';
import { describedBy } from './FieldMessages';

/**
 * In place of a reference image this browser could not load: what that means and the choice to
 * send it anyway (the Remove button sits in the item's header). No `<img>`, so no broken-image icon
 * with its alt text over the layout.
 */
export function UnloadedImage({
  itemId,
  image,
  label,
  boxes,
  errors,
  onKeep,
}: {
  /** The item's field id; its messages list is `${itemId}-messages`. */
  itemId: string;
  image: ReferenceImage;
  label: string;
  /** Whether this scenario draws boxes on its images. */
  boxes: boolean;
  /** The item's errors (the "did not load" one until the person keeps the image). */
  errors: readonly ValidationIssue[];
  onKeep: (kept: boolean) => void;
}) {
  const kept = image.load.state === 'failed' && image.load.kept;
  const explanationId = `${itemId}-unloaded`;
  const why = /^https?:/i.test(image.src)
    ? 'The gateway fetches image URLs itself, so it may still reach one this browser cannot (an address blocked here, a slow host); if it cannot, it answers with an error.'
    : 'This browser cannot decode the file; the gateway will most likely refuse it too.';
  return (
    <div className="unloaded" data-testid="unloaded-image">
      <p id={explanationId}>
        <strong>{label} did not load in this browser</strong>
        {boxes ? ', so boxes cannot be drawn on it' : ''}. {why}
        {kept ? ' It is sent as it is.' : ''}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={kept}
          onChange={(event) => onKeep(event.target.checked)}
          {...describedBy(itemId, errors, explanationId)}
        />
        Send {label} anyway{boxes ? ', without boxes' : ''}
      </label>
    </div>
  );
}
