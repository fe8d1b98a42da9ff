/**
 * Which size an output image has: the nominal size the model would produce (reported in
 * `usage.size`) and the smaller size the mock really draws.
 */

import { bareModelName } from '@tokenhub/image-core';

/** A width and height in pixels. */
export interface PixelSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** The two sizes of an output. */
export interface OutputSize {
  /** What the model would produce for this request; reported as `usage.size`. */
  nominal: PixelSize;
  /** What the mock draws: the nominal aspect, scaled down to fit `maxImageSide`. */
  actual: PixelSize;
}

/** Upstream aspect ratio limits, 1:8 to 8:1. */
const maxAspect = 8;

/** Side of a square tier for a model: wan2.6 draws `1K` as ~1280*1280, the others as 1024*1024. */
export function tierSide(model: string, tier: 1 | 2 | 4): number {
  if (tier === 1 && bareModelName(model).startsWith('wan2.6')) return 1280;
  return tier * 1024;
}

/** The size a model uses when the request has no `parameters.size`. */
export function defaultSizeFor(model: string): string {
  const bare = bareModelName(model);
  if (bare.startsWith('wan2.7')) return '2K';
  if (bare === 'wan2.6-t2i') return '1280*1280';
  if (bare.startsWith('wan2.6')) return '1K';
  return '1024*1024';
}

/** A parsed `size` parameter: an explicit `W*H` or a tier. */
export type SizeSpec =
  | { kind: 'explicit'; width: number; height: number }
  | { kind: 'tier'; tier: 1 | 2 | 4 };

/** Parses `W*H` (also `WxH`) or a tier `1K`/`2K`/`4K`; `undefined` for anything else. */
export function parseSizeSpec(size: string): SizeSpec | undefined {
  const explicit = /^(\d+)\s*[*x]\s*(\d+)$/i.exec(size.trim());
  if (explicit) {
    const width = Number(explicit[1]);
    const height = Number(explicit[2]);
    return width > 0 && height > 0 ? { kind: 'explicit', width, height } : undefined;
  }
  const tier = /^([124])k$/i.exec(size.trim());
  return tier ? { kind: 'tier', tier: Number(tier[1]) as 1 | 2 | 4 } : undefined;
}

/**
 * The nominal output size. A `W*H` size is used as given. A tier (`1K`, `2K`, `4K`) is square
 * without input images; with input images it keeps the tier's pixel count and takes the aspect
 * ratio of the LAST input image. A missing or unparseable size means the model's default.
 */
export function nominalOutputSize(
  model: string,
  size: string | undefined,
  lastInput: PixelSize | undefined,
): PixelSize {
  const spec = parseSizeSpec(size ?? '') ??
    parseSizeSpec(defaultSizeFor(model)) ?? { kind: 'explicit', width: 1024, height: 1024 };
  if (spec.kind === 'explicit') return { width: spec.width, height: spec.height };
  const side = tierSide(model, spec.tier);
  if (!lastInput || lastInput.width <= 0 || lastInput.height <= 0) {
    return { width: side, height: side };
  }
  const aspect = Math.min(maxAspect, Math.max(1 / maxAspect, lastInput.width / lastInput.height));
  return {
    width: Math.round(side * Math.sqrt(aspect)),
    height: Math.round(side / Math.sqrt(aspect)),
  };
}

/** Scales `size` down (never up) so that its longer side is at most `maxSide`, keeping the aspect. */
export function fitWithin(size: PixelSize, maxSide: number): PixelSize {
  const factor = Math.min(1, maxSide / Math.max(size.width, size.height));
  return {
    width: Math.max(1, Math.round(size.width * factor)),
    height: Math.max(1, Math.round(size.height * factor)),
  };
}

/** Nominal and drawn size of the outputs of one request. */
export function outputSize(
  model: string,
  size: string | undefined,
  lastInput: PixelSize | undefined,
  maxSide: number,
): OutputSize {
  const nominal = nominalOutputSize(model, size, lastInput);
  return { nominal, actual: fitWithin(nominal, maxSide) };
}

/** Formats a size as upstream reports it: `W*H`. */
export function formatSize(size: PixelSize): string {
  return `${size.width}*${size.height}`;
}
