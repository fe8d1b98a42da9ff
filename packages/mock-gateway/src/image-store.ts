/**
 * In-memory store of generated PNGs with an expiry, bounded in count (oldest dropped first).
 */

/** What looking up an image found. */
export type StoredImageLookup =
  | { status: 'found'; png: Buffer }
  | { status: 'expired' }
  | { status: 'unknown' };

interface StoredImage {
  png: Buffer;
  expiresAt: number;
}

/** A bounded map from image id to PNG bytes, with a time to live. */
export class ImageStore {
  readonly #images = new Map<string, StoredImage>();

  /**
   * @param capacity - How many images to keep; adding one more drops the oldest.
   * @param now - Clock, replaceable for tests.
   */
  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a PNG until `expiresAt` (ms since epoch). */
  add(id: string, png: Buffer, expiresAt: number): void {
    this.#images.set(id, { png, expiresAt });
    while (this.#images.size > this.capacity) {
      const oldest = this.#images.keys().next();
      if (oldest.done) break;
      this.#images.delete(oldest.value);
    }
  }

  /** Finds an image; an expired one stays `expired` until it is dropped for space. */
  get(id: string): StoredImageLookup {
    const image = this.#images.get(id);
    if (!image) return { status: 'unknown' };
    if (this.now() >= image.expiresAt) return { status: 'expired' };
    return { status: 'found', png: image.png };
  }

  /** Number of images held. */
  get size(): number {
    return this.#images.size;
  }
}
