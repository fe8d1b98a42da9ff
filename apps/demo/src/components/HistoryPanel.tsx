import type { ImageHistoryEntry } from '@tokenhub/image-react';
import { useNow } from '../hooks/use-now';
import { formatTimeLeft } from '../results/format';
import { shortPrompt } from './Gallery';

/** Past results kept in this browser (localStorage), newest first; expired ones are marked. */
export function HistoryPanel({
  history,
  onClear,
}: {
  history: readonly ImageHistoryEntry[];
  onClear: () => void;
}) {
  const now = useNow(1000);
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="section-head">
        <h2 id="history-title">History</h2>
        {history.length > 0 && (
          <button type="button" className="button button-small" onClick={onClear}>
            Clear history
          </button>
        )}
      </div>
      {history.length === 0 ? (
        <p className="muted">
          Nothing yet. Results are kept in this browser until their links expire.
        </p>
      ) : (
        <ol className="history">
          {history.map((entry) => {
            // An expired entry whose bytes this browser kept still shows (blob: URLs).
            const saved = entry.cached;
            const expired = !saved && (entry.isExpired || entry.expiresAt.getTime() <= now);
            return (
              <li key={entry.id} className="history-item" data-expired={expired || undefined}>
                <div className="history-text">
                  <p className="history-prompt">{shortPrompt(entry.prompt, 120)}</p>
                  <p className="muted small">
                    {entry.model ?? 'unknown model'} ·{' '}
                    {new Date(entry.receivedAt).toLocaleTimeString()} ·{' '}
                    {saved ? (
                      <strong className="saved">Saved in this browser</strong>
                    ) : expired ? (
                      <strong className="expired">Expired</strong>
                    ) : (
                      <span>expires in {formatTimeLeft(entry.expiresAt.getTime(), now)}</span>
                    )}
                  </p>
                  {entry.keptBytes === 'link-only' && entry.keptBytesReason && (
                    <p className="muted small">
                      Not saved in this browser: {entry.keptBytesReason}
                    </p>
                  )}
                </div>
                {!expired && (
                  <ul className="history-thumbs">
                    {entry.result.images.map((image, index) => (
                      <li key={image.url}>
                        <a href={image.url} target="_blank" rel="noreferrer">
                          <img
                            src={image.url}
                            alt={`Result ${index + 1} of ${entry.result.images.length}: ${shortPrompt(entry.prompt)}`}
                            loading="lazy"
                            data-testid="history-image"
                          />
                        </a>
                        <a
                          href={image.url}
                          download={`tokenhub-${entry.id}-${index + 1}.png`}
                          className="small"
                        >
                          Download<span className="visually-hidden"> result {index + 1}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
