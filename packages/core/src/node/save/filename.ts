/** Picking safe file names for saved images. Pure functions, no I/O. */

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

/** The bare media type of a `Content-Type` header value, lower-cased (`image/png; q=1` -> `image/png`). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The file extension (without dot) for an image media type; `img` for an unknown image type. */
export function extensionFor(contentType: string): string {
  const type = mediaType(contentType);
  return (
    extensions[type] ??
    (type.startsWith('image/') ? type.slice(6).replace(/[^a-z0-9]/g, '') || 'img' : 'img')
  );
}

/** What a custom `filename` function gets to name one image. */
export interface FilenameInfo {
  /** Zero-based position of the image in the result. */
  index: number;
  /** The image URL (with its signature: do not log it). */
  url: string;
  /** The gateway's request id of the result, when known. */
  requestId: string | undefined;
  /** The media type the storage sent, e.g. `image/png`. */
  contentType: string;
  /** The matching extension without dot, e.g. `png`. */
  extension: string;
}

/** Default name: `<request id>-<n>.<ext>` (n from 1), or `image-<n>.<ext>` without a request id. */
export function defaultFilename(info: FilenameInfo): string {
  const stem = info.requestId ? info.requestId.replace(/[^A-Za-z0-9._-]/g, '_') : 'image';
  return `${stem}-${info.index + 1}.${info.extension}`;
}

/**
 * The longest file name, in bytes of UTF-8, that Linux (ext4, tmpfs, XFS, Btrfs) and macOS accept
 * for one path component. Counted in bytes, not UTF-16 units: 100 `€` are 100 units but 300 bytes.
 */
export const MAX_FILENAME_BYTES = 255;

/** How many bytes `name` takes on disk (UTF-8). */
export function filenameBytes(name: string): number {
  return new TextEncoder().encode(name).length;
}

/**
 * The name a download is streamed into before it is renamed to its final name. Its length does not
 * depend on the final name, so any final name that fits also fits while it is being written.
 */
export function temporaryFilename(id: string): string {
  return `.tokenhub-${id}.part`;
}

/**
 * Checks that a name is a plain file name inside the target directory: no separators, no `..`,
 * no NUL, not empty, and at most {@link MAX_FILENAME_BYTES} bytes. Returns the problem in words,
 * or undefined when the name is fine.
 */
export function filenameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (/[/\\\0]/.test(name)) return `"${name}" must be a plain file name without path separators`;
  const bytes = filenameBytes(name);
  if (bytes > MAX_FILENAME_BYTES) {
    return `is ${bytes} bytes long (UTF-8), over the ${MAX_FILENAME_BYTES}-byte limit of file systems`;
  }
  return undefined;
}

/**
 * The key under which two names count as the same file. macOS and Windows file systems ignore
 * letter case and treat the composed and decomposed forms of an accented letter as one name, so
 * `Fox.png` and `fox.png` would overwrite each other there: they clash everywhere, so a script
 * behaves the same on every machine.
 */
export function filenameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Reads the expiry of a signed link from its `Expires` query parameter (seconds since the epoch). */
export function expiryFromUrl(url: string): Date | undefined {
  try {
    const value =
      new URL(url).searchParams.get('Expires') ?? new URL(url).searchParams.get('expires');
    if (!value || !/^\d+$/.test(value)) return undefined;
    return new Date(Number(value) * 1000);
  } catch {
    return undefined;
  }
}
