/** Turning parsed flags into an image request (pure apart from reading local images). */
import { type ImageRequestBuilder, imageRequest } from '@tokenhub/image-core';
import { resolveImageInput } from './image-input.js';
import type { BoxSpec } from './parse-values.js';
import { UsageError } from './usage-error.js';

/** The request-shaping flags of `generate`. */
export interface RequestFlags {
  model: string;
  prompt?: string | undefined;
  image?: string[] | undefined;
  box?: BoxSpec[] | undefined;
  size?: string | undefined;
  n?: number | undefined;
  seed?: number | undefined;
  negative?: string | undefined;
  sequential?: boolean | undefined;
  thinking?: boolean | undefined;
  watermark?: boolean | undefined;
  promptExtend?: boolean | undefined;
  param?: Array<[string, unknown]> | undefined;
}

/** Builds the request: images first (in flag order, as the guide's examples do), then the prompt. */
export async function buildRequest(
  flags: RequestFlags,
  prompt: string | undefined,
): Promise<ImageRequestBuilder> {
  const images = flags.image ?? [];
  for (const spec of flags.box ?? []) {
    if (spec.image > images.length) {
      throw new UsageError(
        '--box',
        `${spec.image}:${spec.box.join(',')} refers to image ${spec.image}, but ${images.length === 1 ? 'there is 1 --image' : `there are ${images.length} --image flags`}`,
      );
    }
  }
  let request = imageRequest(flags.model);
  for (const [position, source] of images.entries()) {
    const boxes = (flags.box ?? [])
      .filter((spec) => spec.image === position + 1)
      .map((spec) => spec.box);
    request = request.image(await resolveImageInput(source), boxes.length > 0 ? { boxes } : {});
  }
  if (prompt !== undefined) request = request.text(prompt);
  if (flags.param && flags.param.length > 0)
    request = request.parameters(Object.fromEntries(flags.param));
  if (flags.size !== undefined) request = request.size(flags.size);
  if (flags.n !== undefined) request = request.n(flags.n);
  if (flags.seed !== undefined) request = request.seed(flags.seed);
  if (flags.negative !== undefined) request = request.negativePrompt(flags.negative);
  if (flags.sequential !== undefined) request = request.sequential(flags.sequential);
  if (flags.thinking !== undefined) request = request.thinkingMode(flags.thinking);
  if (flags.watermark !== undefined) request = request.watermark(flags.watermark);
  if (flags.promptExtend !== undefined) request = request.promptExtend(flags.promptExtend);
  return request;
}

const flagOfPath: Array<[RegExp, string]> = [
  [/^model/, '--model'],
  [/^parameters\.bbox_list/, '--box'],
  [/^parameters\.size/, '--size'],
  [/^parameters\.n\b/, '--n'],
  [/^parameters\.seed/, '--seed'],
  [/^parameters\.negative_prompt/, '--negative'],
  [/^parameters\.enable_sequential/, '--sequential'],
  [/^parameters\.thinking_mode/, '--thinking'],
  [/^parameters\.watermark/, '--watermark'],
  [/^parameters\.prompt_extend/, '--prompt-extend'],
  [/^parameters\./, '--param'],
  [/\.image$/, '--image'],
  [/\.text$/, '--prompt'],
];

/** The flag that sets the field at a validation path, e.g. `parameters.n` -> `--n`. */
export function flagForPath(path: string): string | undefined {
  return flagOfPath.find(([pattern]) => pattern.test(path))?.[1];
}
