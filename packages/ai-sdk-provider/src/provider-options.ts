import { InvalidArgumentError, type SharedV3ProviderOptions } from '@ai-sdk/provider';
import * as z from 'zod/mini';

const nonNegativeInt = z.number().check(z.int(), z.nonnegative());
const box = z.tuple([nonNegativeInt, nonNegativeInt, nonNegativeInt, nonNegativeInt]);

/**
 * The schema of `providerOptions.tokenhub`. Only the shape is checked here; the model's own rules
 * (box order, counts, palette sums, ...) are checked by the core on the whole request.
 */
export const tokenHubImageOptionsSchema = z.strictObject({
  /** Boxes per input image, in image order (`[]` for an image without boxes): `bbox_list`. */
  boxes: z.optional(z.array(z.array(box))),
  /** Image-set mode: one coherent sequence of up to `n` images (`enable_sequential`). */
  sequential: z.optional(z.boolean()),
  /** Let the model reason before drawing, text-to-image only (`thinking_mode`). */
  thinkingMode: z.optional(z.boolean()),
  /** Add a watermark (`watermark`). */
  watermark: z.optional(z.boolean()),
  /** Let the model rewrite the prompt (`prompt_extend`). */
  promptExtend: z.optional(z.boolean()),
  /** What to keep out of the image (`negative_prompt`). */
  negativePrompt: z.optional(z.string()),
  /** 3 to 10 colours with ratios such as `"23.51%"` adding up to 100.00% (`color_palette`). */
  colorPalette: z.optional(z.array(z.object({ hex: z.string(), ratio: z.string() }))),
  /** A size tier; with `aspectRatio` it sets the pixel budget instead (see the README). */
  sizeTier: z.optional(z.enum(['1K', '2K', '4K'])),
});

/** `providerOptions.tokenhub` of `generateImage`. */
export type TokenHubImageOptions = z.infer<typeof tokenHubImageOptionsSchema>;

/**
 * Reads `providerOptions.tokenhub`. A value of the wrong shape is an `InvalidArgumentError` naming
 * the first bad path (e.g. `providerOptions.tokenhub.boxes.1.0`), raised before any network call.
 */
export function parseTokenHubOptions(
  providerOptions: SharedV3ProviderOptions | undefined,
): TokenHubImageOptions {
  const value = providerOptions?.tokenhub;
  if (value === undefined) return {};
  const parsed = tokenHubImageOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (issue) => `- ${optionPath(issue.path)}: ${issue.message} [${issue.code}]`,
  );
  throw new InvalidArgumentError({
    argument: optionPath(parsed.error.issues[0]?.path ?? []),
    message: `invalid providerOptions.tokenhub:\n${lines.join('\n')}`,
    cause: parsed.error,
  });
}

/** `providerOptions.tokenhub.boxes.0.0`: the path in the caller's object. */
function optionPath(path: readonly PropertyKey[]): string {
  return ['providerOptions.tokenhub', ...path.map(String)].join('.');
}
