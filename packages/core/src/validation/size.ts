/** A parsed `size` parameter: a named tier (`2K`) or explicit pixels (`1280*1280`). */
export type ParsedSize =
  | { kind: 'tier'; tier: string }
  | { kind: 'pixels'; width: number; height: number }
  | { kind: 'invalid' };

const TIER = /^\d+K$/;
const PIXELS = /^(\d+)\*(\d+)$/;

/** Parses `size` as sent on the wire. Tiers are upper-case (`1K`, `2K`, `4K`); pixels use `*`. */
export function parseSize(size: string): ParsedSize {
  if (TIER.test(size)) return { kind: 'tier', tier: size };
  const match = PIXELS.exec(size);
  if (match) {
    const width = Number(match[1]);
    const height = Number(match[2]);
    if (width > 0 && height > 0) return { kind: 'pixels', width, height };
  }
  return { kind: 'invalid' };
}

// How neighbouring SDKs and people write sizes: `1024x1024` (OpenAI), `1024 × 1024`, `2k`.
const HABIT_PIXELS = /^\s*(\d+)\s*[x×*]\s*(\d+)\s*$/i;
const HABIT_TIER = /^\s*(\d+)\s*k\s*$/i;

/**
 * The gateway's spelling of a size written as other SDKs do: `2048x2048` -> `2048*2048`,
 * `2k` -> `2K`. Anything else is returned unchanged (and validated as it is).
 */
export function normalizeSize(size: string): string {
  const pixels = HABIT_PIXELS.exec(size);
  if (pixels) return `${pixels[1]}*${pixels[2]}`;
  const tier = HABIT_TIER.exec(size);
  return tier ? `${tier[1]}K` : size;
}

/** The long side divided by the short side (>= 1). */
export function aspectRatio(width: number, height: number): number {
  return Math.max(width, height) / Math.min(width, height);
}

/** Formats a pixel count as `2048^2` when it is a square number, for messages people can check. */
export function formatPixels(pixels: number): string {
  const side = Math.sqrt(pixels);
  return Number.isInteger(side) ? `${side}*${side}` : String(pixels);
}
