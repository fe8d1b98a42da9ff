import type { ModelRules, Range, RuleContext } from '@tokenhub/image-core';

/** The pixel budget of each size tier: 1K = 1024*1024, 2K = 2048*2048, 4K = 4096*4096. */
const tierSide = { '1K': 1024, '2K': 2048, '4K': 4096 } as const;

/** A size tier as `providerOptions.tokenhub.sizeTier` takes it. */
export type SizeTier = keyof typeof tierSide;

/**
 * `'16:9'` as a width/height ratio. Anything else gives NaN, 0 or Infinity, which turns into a size
 * the core rejects with its `size-format` rule, naming the aspect ratio it came from.
 */
export function parseAspectRatio(aspectRatio: string): number {
  const [width, height] = aspectRatio.split(':').map(Number);
  return Number(width) / Number(height);
}

/**
 * Turns an aspect ratio into an explicit `W*H` the model accepts:
 * 1. the pixel budget is the tier's (`sizeTier`, default 2K: 2048*2048),
 * 2. clamped into the model's `W*H` pixel range for this request (e.g. wan2.7: 768^2..2048^2,
 *    4096^2 for pro text-to-image; wan2.6-t2i: 1280^2..1440^2),
 * 3. W = sqrt(budget * ratio), H = sqrt(budget / ratio), scaled to fit the model's side range,
 * 4. rounded to whole pixels, down when that would exceed the pixel maximum, up when it would
 *    fall under the minimum.
 * A ratio the model cannot take (beyond 1:8..8:1 on wan2.7) still yields a size; the core then
 * rejects it with its `size-aspect-ratio` rule.
 */
export function sizeForAspectRatio(
  ratio: number,
  tier: SizeTier,
  rules: ModelRules | undefined,
  context: RuleContext,
): string {
  const limits = rules?.size;
  const range: Range | undefined =
    typeof limits?.pixels === 'function' ? limits.pixels(context) : limits?.pixels;
  const side = tierSide[tier];
  const budget = clamp(side * side, range);
  let width = Math.sqrt(budget * ratio);
  let height = Math.sqrt(budget / ratio);
  if (limits?.side) {
    const scale = Math.min(1, limits.side.max / Math.max(width, height));
    width *= scale;
    height *= scale;
  }
  let w = Math.round(width);
  let h = Math.round(height);
  if (range && w * h > range.max) [w, h] = [Math.floor(width), Math.floor(height)];
  if (range && w * h < range.min) [w, h] = [Math.ceil(width), Math.ceil(height)];
  return `${w}*${h}`;
}

function clamp(value: number, range: Range | undefined): number {
  return range ? Math.min(range.max, Math.max(range.min, value)) : value;
}
