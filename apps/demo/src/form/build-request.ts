/** Turns a form into a core request builder, sending only what the model's controls offer. Pure. */
import { type ImageRequestBuilder, imageRequest } from '@tokenhub/image-core';
import type { Scenario } from '../scenarios';
import type { FormState } from './form-state';
import type { ModelControls } from './model-controls';

/** Parses a number typed in a field; undefined when empty or not a number (the field then sends nothing). */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The builder for a form: images (with boxes in interactive editing) in order, then the prompt,
 * then the parameters. Content order matters: "image 1" in the prompt is the first image.
 */
export function buildRequest(
  form: FormState,
  scenario: Scenario,
  controls: ModelControls,
): ImageRequestBuilder {
  let builder = imageRequest(form.model.trim());
  if (scenario.images) {
    for (const image of form.images) {
      builder = builder.image(image.src, scenario.boxes ? { boxes: image.boxes } : {});
    }
  }
  builder = builder.text(form.prompt);
  if (controls.negativePrompt && form.negativePrompt.trim() !== '') {
    builder = builder.negativePrompt(form.negativePrompt);
  }
  if (controls.size && form.size.trim() !== '') builder = builder.size(form.size.trim());
  const n = parseWholeNumber(form.n);
  if (n !== undefined) builder = builder.n(n);
  if (scenario.sequential) builder = builder.sequential(true);
  if (controls.thinkingMode) builder = builder.thinkingMode(form.thinkingMode);
  if (controls.promptExtend) builder = builder.promptExtend(form.promptExtend);
  const seed = parseWholeNumber(form.seed);
  if (controls.seed && seed !== undefined) builder = builder.seed(seed);
  return builder.watermark(form.watermark);
}
