import type { ImageOptions, ImageRequestBuilder } from '../builder.js';
import type { ImageRequestParameters } from '../types.js';
import type { BUILTIN_MODELS } from './builtin-models.js';

// Types that know the built-in models, derived from the same table as the runtime rules
// (builtin-models.ts). Only types: nothing here reaches a bundle.

type Models = typeof BUILTIN_MODELS;

/** The name of a model whose rules the kit ships, e.g. `wan2.7-image-pro`. */
export type KnownImageModel = keyof Models;

/** `alibaba/wan2.7-image-pro` -> `wan2.7-image-pro`. */
type BareName<M extends string> = M extends `${string}/${infer Rest}` ? BareName<Rest> : M;

/** The table entry of a known model (bare or `provider/model`), or `undefined` for any other. */
type FactsOf<M extends string> =
  BareName<M> extends KnownImageModel ? Models[BareName<M>] : undefined;

type TiersOf<Facts> = Facts extends { tiers: readonly (infer Tier)[] } ? Tier : never;

/** Every tier a built-in model offers. */
type AnyTier = TiersOf<Models[KnownImageModel]>;

/** Explicit pixels as the gateway writes them (`1280*1280`) or as other SDKs do (`1280x1280`). */
export type PixelSize = `${number}*${number}` | `${number}x${number}`;

/**
 * The `size` values `model` accepts, for the builder's `.size()`: its tiers (either case) and
 * `W*H`. A model the kit does not know (or a `string` name) accepts any
 * string, with the known tiers offered for completion. A model that takes no `size` accepts any
 * string too: the gateway ignores it, and validation warns.
 */
export type ImageModelSize<M extends string> =
  FactsOf<M> extends { tiers: readonly (infer Tier extends string)[] }
    ? Tier | Lowercase<Tier> | PixelSize
    : AnyTier | PixelSize | (string & {});

/** `1 | 2 | ... | N`. */
type UpTo<N extends number, Counts extends number[] = [1]> = Counts['length'] extends N
  ? Counts[number]
  : UpTo<N, [...Counts, [...Counts, 1]['length']]>;

/**
 * The `n` values `model` accepts with `enable_sequential` `Sequential` (`boolean` when not known,
 * which accepts either mode's values); `number` for a model the kit does not know.
 */
export type ImageModelCount<M extends string, Sequential extends boolean = false> =
  FactsOf<M> extends { n: infer Max extends number }
    ? Sequential extends true
      ? UpTo<FactsOf<M> extends { sequentialN: infer Most extends number } ? Most : Max>
      : UpTo<Max>
    : number;

/**
 * The builder `imageRequest(model)` returns: an {@link ImageRequestBuilder} whose `.size()` and
 * `.n()` accept only what `Model` takes when the kit knows it. `'4K'` on `wan2.7-image`, any tier
 * on `wan2.6-t2i`, or `.n(5)` on wan2.7 without `.sequential()` are type errors; a value held in
 * a plain `string` or `number` is checked at run time only. `Sequential` tracks `.sequential()`,
 * which raises the largest `n` of models with image sets, so call it before `.n()`.
 */
export interface ModelRequestBuilder<Model extends string, Sequential extends boolean = false>
  extends ImageRequestBuilder {
  /** See {@link ImageRequestBuilder.text}. */
  text(text: string): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.image}. */
  image(src: string, options?: ImageOptions): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.negativePrompt}. */
  negativePrompt(text: string | undefined): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.promptExtend}. */
  promptExtend(enabled?: boolean): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.watermark}. */
  watermark(enabled?: boolean): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.thinkingMode}. */
  thinkingMode(enabled?: boolean): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.seed}. */
  seed(seed: number | undefined): ModelRequestBuilder<Model, Sequential>;
  /** See {@link ImageRequestBuilder.parameters}. */
  parameters(parameters: ImageRequestParameters): ModelRequestBuilder<Model, Sequential>;
  /** Another model, same content and parameters. */
  model<Other extends KnownImageModel | (string & {})>(
    model: Other,
  ): ModelRequestBuilder<Other, Sequential>;
  /** Sets `size`; for a known model, only a tier or `W*H` it takes (see {@link ImageModelSize}). */
  size(size: ImageModelSize<Model> | undefined): ModelRequestBuilder<Model, Sequential>;
  /** A size held in a `string` (not a literal): checked by validation at run time. */
  size<Size extends string>(
    size: string extends Size ? Size : never,
  ): ModelRequestBuilder<Model, Sequential>;
  /** Sets `n`; for a known model, at most its largest `n` in this mode. */
  n(count: ImageModelCount<Model, Sequential> | undefined): ModelRequestBuilder<Model, Sequential>;
  /** A count held in a `number` (not a literal): checked by validation at run time. */
  n<Count extends number>(
    count: number extends Count ? Count : never,
  ): ModelRequestBuilder<Model, Sequential>;
  /** Sets `enable_sequential` (default `true`); `n` then takes the model's image-set range. */
  sequential<Enabled extends boolean | undefined = true>(
    enabled?: Enabled,
  ): ModelRequestBuilder<Model, Enabled extends false ? false : true>;
}
