import type { ImageGenerationResult } from '@tokenhub/image-core';
import { useNow } from '../hooks/use-now';
import { downloadImage } from '../results/download-image';
import { formatTimeLeft } from '../results/format';

/** Prompt text for alt texts, shortened. */
export function shortPrompt(prompt: string | undefined, max = 80): string {
  if (!prompt) return 'no prompt';
  return prompt.length > max ? `${prompt.slice(0, max - 1)}…` : prompt;
}

/** The images of the last result: full size, download, expiry countdown. */
export function Gallery({
  result,
  prompt,
}: {
  result: ImageGenerationResult;
  prompt: string | undefined;
}) {
  const now = useNow(1000);
  const count = result.images.length;
  return (
    <div className="gallery-wrap">
      <p className="result-meta">
        {count} image{count === 1 ? '' : 's'}
        {result.usage?.size ? `, ${result.usage.size}` : ''}. Request id{' '}
        <code>{result.requestId}</code>
      </p>
      <ul className="gallery" aria-label="Generated images">
        {result.images.map((image, index) => {
          const expiresAt = image.expiresAt ? new Date(image.expiresAt).getTime() : undefined;
          const expired = expiresAt !== undefined && expiresAt <= now;
          const label = `Result ${index + 1} of ${count}`;
          return (
            <li key={image.url} className="gallery-item">
              <figure>
                <a href={image.url} target="_blank" rel="noreferrer" className="gallery-link">
                  <img
                    src={image.url}
                    alt={`${label}: ${shortPrompt(prompt)}`}
                    data-testid="result-image"
                  />
                </a>
                <figcaption>
                  <span>{label}</span>
                  <span className={expired ? 'expired' : 'expiry'}>
                    {expiresAt === undefined
                      ? 'Link valid about 24 h'
                      : expired
                        ? 'Link expired'
                        : `Link expires in ${formatTimeLeft(expiresAt, now)}`}
                  </span>
                </figcaption>
              </figure>
              <div className="gallery-actions">
                <a
                  href={image.url}
                  target="_blank"
                  rel="noreferrer"
                  className="button button-small"
                >
                  Open full size<span className="visually-hidden"> ({label})</span>
                </a>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    void downloadImage(
                      image.url,
                      `tokenhub-${result.requestId || 'image'}-${index + 1}.png`,
                    )
                  }
                >
                  Download<span className="visually-hidden"> {label}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
