import type { UseImageGenerationResult } from '@tokenhub/image-react';
import { formatSeconds } from '../results/format';

/** While running: elapsed time, the estimated progress, the retry attempt. Afterwards: how it went. */
export function RunStatus({
  generation,
  cancelled,
  maxRetries,
}: {
  generation: UseImageGenerationResult;
  cancelled: boolean;
  maxRetries: number;
}) {
  const { isPending, isSuccess, progress, elapsedMs, attempt } = generation;
  const retries = Math.max(0, attempt - 1);
  let summary = '';
  if (isPending)
    summary = attempt > 1 ? `Retrying: attempt ${attempt} of ${maxRetries + 1}` : 'Generating…';
  else if (cancelled) summary = 'Cancelled. Nothing was generated.';
  else if (isSuccess) {
    summary = `Done in ${formatSeconds(elapsedMs)}${retries > 0 ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'} (attempt ${attempt})` : ''}.`;
  }
  return (
    <div className="run-status" data-testid="run-status">
      <p role="status" className="run-summary">
        {summary}
      </p>
      {isSuccess && !cancelled && (
        <p className="small">
          <a href="#results-title">See the results</a>
        </p>
      )}
      {isPending && (
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
