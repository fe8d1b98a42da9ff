import type { UseImageGenerationResult } from '@tokenhub/image-react';
import {
  assumedSizeNote,
  parseAssumedInputSize,
  type SentImage,
} from '../results/assumed-input-size';
import { errorAdvice } from '../results/error-advice';
import { Gallery } from './Gallery';
import { ResultWarnings } from './ResultWarnings';

/** What the demo remembers of the latest run: where it came from and what it sent. */
export interface RunRecord {
  /** The label of the tab that started it. */
  tabLabel: string;
  prompt: string | undefined;
  /** The input images in the order sent. */
  images: SentImage[];
}

/**
 * The outcome of the latest run: its images (with the mock's note when it guessed input sizes), or
 * where to read its error (the full error sits under the Generate button that started it).
 */
export function ResultsCard({
  generation,
  run,
  assumedSizes,
}: {
  generation: UseImageGenerationResult;
  run: RunRecord | undefined;
  /** `x-mock-assumed-input-size` values by request id. */
  assumedSizes: ReadonlyMap<string, string>;
}) {
  const { data, error, isError, isPending } = generation;
  const assumed = parseAssumedInputSize(
    data?.requestId ? assumedSizes.get(data.requestId) : undefined,
  );
  return (
    <section className="card results" aria-labelledby="results-title" data-testid="results">
      <h2 id="results-title">Results</h2>
      {run && (data || isError) && <p className="small muted">From {run.tabLabel}.</p>}
      {isError && error && (
        <p className="issue issue-error">
          <span className="issue-label">Failed:</span> {errorAdvice(error).title}. The details are
          under the Generate button{run ? ` of ${run.tabLabel}` : ''}.
        </p>
      )}
      <ResultWarnings warnings={generation.warnings} />
      {data ? (
        <>
          {assumed && (
            <p className="note small" data-testid="assumed-size-note">
              {assumedSizeNote(assumed, run?.images ?? [])}
            </p>
          )}
          <Gallery result={data} prompt={run?.prompt} />
        </>
      ) : (
        !isError && (
          <p className="muted">
            {isPending ? 'Generating…' : 'Nothing generated yet. Fill in a tab and press Generate.'}
          </p>
        )
      )}
    </section>
  );
}
