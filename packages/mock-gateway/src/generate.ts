/**
 * Turns an accepted generation request into stored PNGs and the upstream-shaped success body.
 */
import { randomUUID } from 'node:crypto';
import type { GenerationPlan } from './generation-plan.js';
import type { ImageStore } from './image-store.js';
import { type InputImageSize, resolveInputImageSizes } from './input-images.js';
import { formatSize, outputSize } from './output-size.js';
import { mapBoxToOutput, renderImage } from './render-image.js';

/** What generating needs from the running gateway. */
export interface GenerateContext {
  /** Base URL the image links point to. */
  baseUrl: string;
  /** Where the PNGs go. */
  store: ImageStore;
  /** Longest side of a drawn image. */
  maxImageSide: number;
  /** Lifetime of the image links in ms. */
  imageTtlMs: number;
  /** The request's id, for the body. */
  requestId: string;
  /** Clock. */
  now: () => number;
}

/** The upstream success body. */
export interface SuccessBody {
  /** The choices, one image each. */
  output: {
    choices: {
      finish_reason: 'stop';
      message: { content: { image: string; type: 'image' }[]; role: 'assistant' };
    }[];
    finished: true;
  };
  /** Usage; `size` is the nominal requested size. */
  usage: {
    image_count: number;
    input_tokens: 0;
    output_tokens: 0;
    size: string;
    total_tokens: 0;
  };
  /** The request's id. */
  request_id: string;
}

/** A generated answer. */
export interface GenerationOutcome {
  /** The JSON body to send. */
  body: SuccessBody;
  /** 1-based numbers of the input images whose size was assumed (could not be read). */
  assumedInputs: number[];
  /** The sizes used for each input image. */
  inputSizes: InputImageSize[];
}

/**
 * Draws the images of `plan`, stores them and builds the success body.
 * @throws UnreadableInputImageError when a data-URI input image cannot be read.
 */
export async function generate(
  plan: GenerationPlan,
  context: GenerateContext,
): Promise<GenerationOutcome> {
  const inputSizes = await resolveInputImageSizes(plan.imageSources);
  const size = outputSize(plan.model, plan.size, inputSizes.at(-1), context.maxImageSide);
  const boxes = plan.boxesPerImage.flatMap((imageBoxes, inputIndex) => {
    const inputSize = inputSizes[inputIndex];
    return inputSize
      ? imageBoxes.map((box) => mapBoxToOutput(box, inputSize, size.actual, inputIndex))
      : [];
  });
  const expiresAt = context.now() + context.imageTtlMs;
  const choices: SuccessBody['output']['choices'] = [];
  for (let index = 0; index < plan.count; index++) {
    const png = renderImage({
      prompt: plan.prompt,
      seed: plan.seed,
      index,
      width: size.actual.width,
      height: size.actual.height,
      boxes,
    });
    const id = randomUUID();
    context.store.add(id, png, expiresAt);
    const url = `${context.baseUrl}/images/${id}.png?Expires=${Math.floor(expiresAt / 1000)}`;
    choices.push({
      finish_reason: 'stop',
      message: { content: [{ image: url, type: 'image' }], role: 'assistant' },
    });
  }
  return {
    body: {
      output: { choices, finished: true },
      usage: {
        image_count: choices.length,
        input_tokens: 0,
        output_tokens: 0,
        size: formatSize(size.nominal),
        total_tokens: 0,
      },
      request_id: context.requestId,
    },
    assumedInputs: inputSizes.flatMap((input, index) =>
      input.source === 'assumed' ? [index + 1] : [],
    ),
    inputSizes,
  };
}
