/**
 * Random access to bytes, read one at a time: a `Uint8Array` is one, and so is the payload of a
 * base64 data URI decoded lazily, so reading an image header never decodes megabytes.
 */
export interface ByteSource {
  /** Number of bytes. */
  readonly length: number;
  /** The byte at `index` (0-based, never negative), or undefined past the end. */
  at(index: number): number | undefined;
}

/**
 * The bytes of the base64 text in `text` from `start` on, each decoded (with the 3 bytes of its 4
 * characters, by the platform's `atob`) when read. Throws when the text's end is not valid base64
 * (length, padding); a character outside the alphabet throws when its bytes are read.
 */
export function base64ByteSource(text: string, start = 0): ByteSource {
  const chars = text.length - start;
  const last = chars % 4 || 4;
  // The last group of up to 4 characters carries the padding: atob checks it and says its length.
  const length = chars > 0 ? ((chars - last) / 4) * 3 + atob(text.slice(-last)).length : 0;
  return {
    length,
    at(index) {
      if (index >= length) return undefined;
      const from = start + Math.floor(index / 3) * 4;
      return atob(text.slice(from, from + 4)).charCodeAt(index % 3);
    },
  };
}
