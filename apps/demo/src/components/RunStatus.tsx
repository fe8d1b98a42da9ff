import type { UseImageGenerationResult } from '@tokenhub/image-react';
import { useEffect, useRef } from 'react';
import { formatSeconds } from '../results/format';
import { ErrorPanel } from './ErrorPanel';

/** The sentence under Generate: running (with the retry attempt), cancelled or done. */
function summaryOf(
  generation: UseImageGenerationResult,
  cancelled: boolean,
  maxRetries: number,
): string {
  const { isPending, isSuccess, elapsedMs, attempt, resumed } = generation;
  const retries = Math.max(0, attempt - 1);
  // A run picked up after a reload: the proxy kept it going; the page waits for its answer.
  if (isPending && resumed) return 'Resumed: still generating…';
  if (isPending)
    return attempt > 1 ? `Retrying: attempt ${attempt} of ${maxRetries + 1}` : 'Generating…';
  if (cancelled) return 'Cancelled. Nothing was generated.';
  if (!isSuccess) return '';
  if (resumed) return `Resumed after a reload: done ${formatSeconds(elapsedMs)} after it started.`;
  const after =
    retries > 0
      ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'} (attempt ${attempt})`
      : '';
  return `Done in ${formatSeconds(elapsedMs)}${after}.`;
}

/**
 * The run's state under Generate, in the tab that started it: elapsed time, the estimated
 * progress, the retry attempt; afterwards how it went, and a failure in full, focused, so it is
 * seen where the person pressed the button (the Results card can be far away).
 */
export function RunStatus({
  idPrefix,
  generation,
  cancelled,
  maxRetries,
  shown,
}: {
  idPrefix: string;
  generation: UseImageGenerationResult;
  cancelled: boolean;
  maxRetries: number;
  /** False in tabs that did not start the latest run: the live region stays, empty. */
  shown: boolean;
}) {
  const { isPending, isSuccess, isError, error, progress, elapsedMs } = generation;
  const failure = shown && isError && !cancelled ? error : undefined;
  const errorRef = useRef<HTMLDivElement>(null);
  const focusedError = useRef<unknown>(undefined);
  useEffect(() => {
    // Each new failure takes the focus once; re-showing the same one (a tab switch) does not.
    if (!failure || focusedError.current === failure) return;
    focusedError.current = failure;
    errorRef.current?.focus();
  }, [failure]);

  return (
    <div className="run-status" data-testid="run-status">
      <p role="status" className="run-summary">
        {shown ? summaryOf(generation, cancelled, maxRetries) : ''}
      </p>
      {failure && <ErrorPanel ref={errorRef} id={`${idPrefix}-run-error`} error={failure} />}
      {shown && isSuccess && !cancelled && (
        <p className="small">
          <a href="#results-title">See the results</a>
        </p>
      )}
      {shown && isPending && (
        <div className="run-progress">
          <progress max={1} value={progress} aria-label="Estimated progress" />
          <span className="small">
            about {Math.round(progress * 100)}% (estimate) · {formatSeconds(elapsedMs)} elapsed
          </span>
        </div>
      )}
    </div>
  );
}
