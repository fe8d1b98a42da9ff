/**
 * Errors of saving generated images to disk (`saveImages` in `@tokenhub/image-core/node`). They
 * live beside the other errors and are browser-safe, so code that only classifies errors (a UI, a
 * logger) can import them from the main entry. They extend {@link TokenHubError}, so
 * `TokenHubError.isInstance` recognises them too, and carry their own `Symbol.for` markers so the
 * checks work across two installed copies of the package.
 */
import { hasMarker, mark, TokenHubError } from './errors.js';

const markers = {
  expired: Symbol.for('tokenhub.image.error.image-expired'),
  download: Symbol.for('tokenhub.image.error.download'),
} as const;

/** Strips the query (the signature) from a signed URL so messages and logs never carry it. */
export function describeImageUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * The storage refused a generated image's link (403, 404 or 410): signed links live about 24
 * hours, so the image is gone and has to be generated again. Never retried.
 */
export class TokenHubImageExpiredError extends TokenHubError {
  override readonly name: string = 'TokenHubImageExpiredError';
  /** Zero-based position of the image in the result. */
  readonly index: number;
  /** The link without its signature (origin and path). */
  readonly url: string;
  /** The HTTP status the storage answered with. */
  readonly status: number;
  /** When the link said it would expire, if the URL carried an `Expires` parameter. */
  readonly expiresAt: Date | undefined;

  constructor(init: { index: number; url: string; status: number; expiresAt?: Date | undefined }) {
    const when = init.expiresAt ? ` (link expired at ${init.expiresAt.toISOString()})` : '';
    super(
      `image ${init.index + 1} can no longer be downloaded: the storage answered ${init.status} for ${describeImageUrl(init.url)}${when}; signed image links expire after about 24 hours, generate it again`,
      { retryable: false },
    );
    this.index = init.index;
    this.url = describeImageUrl(init.url);
    this.status = init.status;
    this.expiresAt = init.expiresAt;
    mark(this, markers.expired);
  }

  /** True for an expired-image error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubImageExpiredError {
    return hasMarker(error, markers.expired);
  }
}

/**
 * Why saving an image failed, as a stable machine-readable name. `connection` and `timeout` are
 * the network's fault; `file-system` is the local disk's (unwritable or missing folder, disk full,
 * name too long): no retry fixes it, so it is never retried. `duplicate-filename`: two images of
 * one call would get the same file name, so neither is written.
 */
export type DownloadFailureReason =
  | 'unsupported-url'
  | 'http-status'
  | 'not-an-image'
  | 'too-large'
  | 'connection'
  | 'timeout'
  | 'too-many-redirects'
  | 'invalid-filename'
  | 'duplicate-filename'
  | 'file-system';

/** Saving one image failed for a reason other than an expired link. */
export class TokenHubDownloadError extends TokenHubError {
  override readonly name: string = 'TokenHubDownloadError';
  /** Zero-based position of the image in the result. */
  readonly index: number;
  /** The link without its signature (origin and path). */
  readonly url: string;
  /** Stable reason name. */
  readonly reason: DownloadFailureReason;
  /** HTTP status when the storage answered, otherwise undefined. */
  readonly status: number | undefined;
  /** For `duplicate-filename`: the zero-based position of the other image with the same name. */
  readonly otherIndex: number | undefined;
  /** For `file-system`: the operating system's error code, e.g. `ENOSPC` or `EACCES`. */
  readonly code: string | undefined;

  constructor(
    init: {
      index: number;
      url: string;
      reason: DownloadFailureReason;
      message: string;
      status?: number | undefined;
      otherIndex?: number | undefined;
      code?: string | undefined;
      retryable?: boolean;
    },
    options: { cause?: unknown } = {},
  ) {
    super(`image ${init.index + 1} (${describeImageUrl(init.url)}): ${init.message}`, {
      cause: options.cause,
      retryable: init.retryable ?? false,
    });
    this.index = init.index;
    this.url = describeImageUrl(init.url);
    this.reason = init.reason;
    this.status = init.status;
    this.otherIndex = init.otherIndex;
    this.code = init.code;
    mark(this, markers.download);
  }

  /** True for a download error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubDownloadError {
    return hasMarker(error, markers.download);
  }
}
