import type { ImageModelV3CallOptions, ImageModelV3File, SharedV3Warning } from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { type ImageRequestBuilder, imageRequest, type ModelRules } from '@tokenhub/image-core';
import { parseAspectRatio, sizeForAspectRatio } from './aspect-ratio.js';
import type { TokenHubImageOptions } from './provider-options.js';

/** The parts of a `doGenerate` call that shape the request. */
export type ImageCallInput = Pick<
  ImageModelV3CallOptions,
  'prompt' | 'n' | 'size' | 'aspectRatio' | 'seed' | 'files' | 'mask'
>;

/** A request built from an AI SDK call, before validation. */
export interface ImageRequestPlan {
  /** The core builder holding the whole request. */
  builder: ImageRequestBuilder;
  /** Settings of the call that were not sent, as AI SDK warnings. */
  warnings: SharedV3Warning[];
  /** What `parameters.size` was computed from, when not from `size` (for error messages). */
  sizeSource: string | undefined;
}

const maskDetails =
  'not sent: TokenHub edits regions by box; use providerOptions.tokenhub.boxes (e.g. from <BboxPicker>).';
const sizeWins = 'not sent: size is set and wins.';

/**
 * Maps an AI SDK image call to a TokenHub request through the core builder: input files become
 * image items in their order (bytes as data URIs), then the prompt as the text item, as in the
 * gateway's guide. Pure: nothing is validated or sent here.
 *
 * @param sequentialByDefault - The model was created as an image-set model.
 */
export function planImageRequest(
  modelId: string,
  call: ImageCallInput,
  options: TokenHubImageOptions,
  rules: ModelRules | undefined,
  sequentialByDefault = false,
): ImageRequestPlan {
  const warnings: SharedV3Warning[] = [];
  const files = call.files ?? [];
  const sequential = options.sequential ?? (sequentialByDefault || undefined);
  let builder = imageRequest(modelId);
  for (const file of files) builder = builder.image(toImageSource(file));
  if (call.prompt !== undefined) builder = builder.text(call.prompt);
  builder = builder.n(call.n);

  let size: string | undefined = options.sizeTier;
  let sizeSource: string | undefined;
  if (call.size !== undefined) {
    size = call.size.replace('x', '*');
    if (call.aspectRatio !== undefined) {
      warnings.push(ignored('aspectRatio', sizeWins));
    }
    if (options.sizeTier !== undefined) {
      warnings.push(ignored('providerOptions.tokenhub.sizeTier', sizeWins));
    }
  } else if (call.aspectRatio !== undefined) {
    size = sizeForAspectRatio(parseAspectRatio(call.aspectRatio), options.sizeTier ?? '2K', rules, {
      model: rules?.model ?? modelId,
      imageCount: files.length,
      textCount: call.prompt === undefined ? 0 : 1,
      sequential: sequential === true,
      parameters: {},
    });
    sizeSource = `aspectRatio ${call.aspectRatio}`;
  }
  if (call.mask !== undefined) warnings.push(ignored('mask', maskDetails));

  // One merge: keys left undefined are not sent. bbox_list goes as given, so the core checks that
  // it has one entry per input image.
  builder = builder.parameters({
    size,
    seed: call.seed,
    enable_sequential: sequential,
    thinking_mode: options.thinkingMode,
    watermark: options.watermark,
    prompt_extend: options.promptExtend,
    negative_prompt: options.negativePrompt,
    bbox_list: options.boxes,
    color_palette: options.colorPalette,
  });
  return { builder, warnings, sizeSource };
}

/** An input file as an image source: URLs unchanged, base64 and bytes as data URIs. */
export function toImageSource(file: ImageModelV3File): string {
  if (file.type === 'url') return file.url;
  const base64 = typeof file.data === 'string' ? file.data : convertUint8ArrayToBase64(file.data);
  return `data:${file.mediaType};base64,${base64}`;
}

function ignored(feature: string, details: string): SharedV3Warning {
  return { type: 'unsupported', feature, details };
}
