/**
 * The mock gateway's `x-mock-assumed-input-size` header: it fetches no image from other hosts, so
 * it guesses their size and says so. Parsed here into a note for people. Pure.
 */

/** The response header the mock gateway sets (and the proxy passes back). */
export const ASSUMED_SIZE_HEADER = 'x-mock-assumed-input-size';

/** What the header says: the guessed size and the 1-based numbers of the images it applies to. */
export interface AssumedInputSize {
  width: number;
  height: number;
  images: number[];
}

/** Parses `1024x1024; images=1,2`; undefined for anything else. */
export function parseAssumedInputSize(
  header: string | null | undefined,
): AssumedInputSize | undefined {
  const match = /^\s*(\d+)x(\d+)\s*;\s*images=([\d,\s]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const images = (match[3] ?? '')
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((value) => Number.isInteger(value) && value > 0);
  if (images.length === 0) return undefined;
  return { width: Number(match[1]), height: Number(match[2]), images };
}

/** An input image as the demo sent it: its name and, when this browser loaded it, its size. */
export interface SentImage {
  name: string;
  size: { width: number; height: number } | undefined;
}

/** A URL's file name ("…/photo.webp" → "photo.webp"); other names as they are. */
function shortName(name: string): string {
  try {
    const url = new URL(name);
    return decodeURIComponent(url.pathname.split('/').at(-1) || url.host);
  } catch {
    return name;
  }
}

function listed(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The note shown with a result whose input sizes the mock guessed. */
export function assumedSizeNote(assumed: AssumedInputSize, sent: readonly SentImage[]): string {
  const one = assumed.images.length === 1;
  const described = assumed.images.map((number) => {
    const image = sent[number - 1];
    if (!image) return String(number);
    const real = image.size ? `, ${image.size.width}x${image.size.height} in this browser` : '';
    return `${number} (${shortName(image.name)}${real})`;
  });
  return (
    `The mock gateway fetches no images from other hosts, so it assumed that ` +
    `${one ? 'image' : 'images'} ${listed(described)} ${one ? 'is' : 'are'} ` +
    `${assumed.width}x${assumed.height}. It outlines boxes at their relative position on that ` +
    'guessed size, so in its picture a box can sit away from where you drew it. The boxes sent are ' +
    'the ones you drew, and the real TokenHub reads the real image.'
  );
}
