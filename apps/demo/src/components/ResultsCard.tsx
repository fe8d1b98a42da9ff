import type { ImageHistoryEntry, UseImageGenerationResult } from '@tokenhub/image-react';
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
 * where to read its error (the full error sits under the Generate button that started it). Before
 * any run on this page (after a reload), the newest result in the history, while it still shows.
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
  const fromHistory = data || isError || isPending ? undefined : showableEntry(generation.history);
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
      ) : fromHistory ? (
        <>
          <p className="small muted" data-testid="results-from-history">
            Your latest result, kept in this browser's history.
          </p>
          <Gallery result={fromHistory.result} prompt={fromHistory.prompt} />
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

/** The newest history entry whose images still show (links alive, or bytes kept here). */
function showableEntry(history: readonly ImageHistoryEntry[]): ImageHistoryEntry | undefined {
  const newest = history[0];
  return newest && (newest.cached || !newest.isExpired) ? newest : undefined;
}
