/**
 * Where the proxy keeps copies of generated images, so their same-origin URLs keep working after
 * the upstream's signed links expire (about 24 hours). `fileImageStore` from
 * `@tokenhub/image-core/node` keeps them on disk; an S3-compatible store implements the same two
 * methods.
 */

/** An inclusive byte range, as in `Range: bytes=start-end`. */
export interface ByteRange {
  /** First byte. */
  start: number;
  /** Last byte (inclusive). */
  end: number;
}

/** Image bytes to keep. */
export interface ImageToKeep {
  /** The bytes, streamed. */
  body: ReadableStream<Uint8Array>;
  /** The upstream content type, e.g. `image/png`. */
  contentType: string;
}

/** Kept image bytes, whole or a range of them. */
export interface KeptImage {
  /** The bytes of `range`, or all of them. */
  body: ReadableStream<Uint8Array>;
  /** The content type given to `put`. */
  contentType: string;
  /** Size of the whole image in bytes. */
  size: number;
  /** The range served, when one was asked for and satisfiable. */
  range?: ByteRange;
}

/** A store for image bytes, keyed by generation id (scoped per caller) and image index. */
export interface ImageStore {
  /** Keeps image `index` of generation `id`; rejects when it cannot (too large, disk full). */
  put(id: string, index: number, image: ImageToKeep): Promise<void>;
  /**
   * The kept image, or `undefined` when it is not kept. With `range`, only those bytes (a range
   * past the end is clamped; one starting past the end gives `undefined` for the range).
   */
  get(id: string, index: number, range?: ByteRange): Promise<KeptImage | undefined>;
}

/**
 * Reads a single `Range: bytes=...` header against a size: the range, `'unsatisfiable'`, or
 * `undefined` when there is none or it is not a single byte range (then the whole body is sent).
 */
export function parseByteRange(
  header: string | null,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    // A suffix: the last N bytes.
    const length = Number(to);
    if (length === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
