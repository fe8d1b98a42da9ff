import { MAX_SEED } from '../shared/seed.js';
import type { Box, ImageRequestBody, ImageRequestParameters } from '../types.js';
import { checkImageSource, type ImageSourceCheck } from './image-source.js';
import type { ValidationIssue, ValidationResult } from './issue.js';
import type { ModelRules, OptionalParameter, RuleContext } from './model-rules.js';
import { defaultModelRegistry, type ModelRegistry } from './registry.js';
import { checkShape } from './shape.js';
import { aspectRatio, formatPixels, parseSize } from './size.js';

/** Options of `validateImageRequest`. */
export interface ValidateOptions {
  /** Where model rules are looked up; `defaultModelRegistry` unless given. */
  registry?: ModelRegistry;
}

/** One image item with its position among images (0-based) and in the content list. */
interface ImageItem {
  imageIndex: number;
  contentIndex: number;
  /** The source checked once: data URIs can be megabytes long. */
  check: ImageSourceCheck;
}

const CONTENT = 'input.messages[0].content';

/**
 * Validates a request body: the wire shape for every model, and the model's limits when its rules
 * are known. Never throws and never touches the network. Errors block a call; warnings do not.
 */
export function validateImageRequest(
  body: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  const shapeErrors = checkShape(body);
  // A body with the wrong shape cannot be checked further without guessing what was meant.
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors, warnings: [] };

  const request = body as ImageRequestBody;
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const content = request.input.messages[0]?.content ?? [];
  const parameters: ImageRequestParameters = request.parameters ?? {};
  const images: ImageItem[] = [];
  const texts: { text: string; contentIndex: number }[] = [];
  content.forEach((item, contentIndex) => {
    if ('image' in item && typeof item.image === 'string') {
      images.push({ imageIndex: images.length, contentIndex, check: checkImageSource(item.image) });
    } else if ('text' in item && typeof item.text === 'string') {
      texts.push({ text: item.text, contentIndex });
    }
  });

  checkCommon(images, texts, parameters, errors, warnings);

  const registry = options.registry ?? defaultModelRegistry;
  const rules = registry.resolve(request.model);
  if (!rules) {
    warnings.push({
      path: 'model',
      rule: 'unknown-model',
      message: `unknown model "${request.model}": only the request shape was checked; register its rules with defineModelRules to check its limits`,
    });
  } else {
    const context: RuleContext = {
      model: rules.model,
      imageCount: images.length,
      textCount: texts.length,
      sequential: parameters.enable_sequential === true,
      parameters,
    };
    checkModel(rules, context, images, texts, errors, warnings);
  }
  return { ok: errors.length === 0, errors, warnings };
}

/** Checks that hold whatever the model: sources, prompt presence, seed, size syntax, box geometry. */
function checkCommon(
  images: ImageItem[],
  texts: { text: string; contentIndex: number }[],
  parameters: ImageRequestParameters,
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): void {
  for (const image of images) {
    const check = image.check;
    if (check.kind === 'invalid') {
      errors.push({
        path: `${CONTENT}[${image.contentIndex}].image`,
        rule: 'image-source',
        message: `image ${image.imageIndex + 1} ${check.reason}`,
      });
    }
  }
  if (texts.length === 0) {
    const issue = {
      path: CONTENT,
      rule: 'text-required',
      message: 'a text prompt is required: add a { text } item saying what to generate',
    };
    if (images.length === 0) errors.push(issue);
    else
      warnings.push({
        ...issue,
        message: 'no text prompt: the model gets images without instructions',
      });
  }
  for (const { text, contentIndex } of texts) {
    if (text.trim() === '') {
      errors.push({
        path: `${CONTENT}[${contentIndex}].text`,
        rule: 'text-empty',
        message: 'the text prompt is empty',
      });
    }
  }
  if (parameters.seed !== undefined && (parameters.seed < 0 || parameters.seed > MAX_SEED)) {
    errors.push({
      path: 'parameters.seed',
      rule: 'seed-range',
      message: `seed must be an integer from 0 to ${MAX_SEED}; got ${parameters.seed}`,
    });
  }
  if (parameters.n !== undefined && parameters.n < 1) {
    errors.push({
      path: 'parameters.n',
      rule: 'n-range',
      message: `n must be at least 1; got ${parameters.n}`,
    });
  }
  if (parameters.size !== undefined && parseSize(parameters.size).kind === 'invalid') {
    errors.push({
      path: 'parameters.size',
      rule: 'size-format',
      message: `size must be a tier such as "2K" or pixels as "W*H" such as "1280*1280"; got "${parameters.size}"`,
    });
  }
  const boxes = parameters.bbox_list;
  if (boxes !== undefined) checkBoxes(boxes, images.length, parameters, errors, warnings);
}

function checkBoxes(
  bboxList: Box[][],
  imageCount: number,
  parameters: ImageRequestParameters,
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): void {
  if (bboxList.length !== imageCount) {
    errors.push({
      path: 'parameters.bbox_list',
      rule: 'bbox-alignment',
      message: `bbox_list needs one entry per input image ([] for an image without boxes): the request has ${imageCount} image${imageCount === 1 ? '' : 's'} but bbox_list has ${bboxList.length} entr${bboxList.length === 1 ? 'y' : 'ies'}`,
    });
  }
  bboxList.forEach((boxes, i) => {
    boxes.forEach((box, b) => {
      const path = `parameters.bbox_list[${i}][${b}]`;
      const where = `box ${b + 1} of image ${i + 1}`;
      if (!box.every(Number.isInteger)) {
        errors.push({
          path,
          rule: 'box-integer',
          message: `${where} must use integer pixels of the original image; got [${box.join(', ')}]`,
        });
        return;
      }
      if (box.some((value) => value < 0)) {
        errors.push({
          path,
          rule: 'box-non-negative',
          message: `${where} has a negative coordinate; the origin is the image's top-left corner: [${box.join(', ')}]`,
        });
      }
      const [x1, y1, x2, y2] = box;
      if (!(x1 < x2 && y1 < y2)) {
        errors.push({
          path,
          rule: 'box-order',
          message: `${where} must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2 (top-left, then bottom-right); got [${box.join(', ')}]`,
        });
      }
    });
  });
  const anyBox = bboxList.some((boxes) => boxes.length > 0);
  if (anyBox && parameters.enable_sequential === true) {
    warnings.push({
      path: 'parameters.bbox_list',
      rule: 'bbox-with-sequential',
      message:
        'boxes are for editing one image; combining bbox_list with enable_sequential is likely rejected upstream',
    });
  }
}

/** Whether a parameter is set to something that would change the output. */
function isSet(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== false &&
    value !== '' &&
    !(Array.isArray(value) && value.length === 0)
  );
}

const OPTIONAL_PARAMETERS: readonly OptionalParameter[] = [
  'negative_prompt',
  'prompt_extend',
  'thinking_mode',
  'enable_sequential',
  'color_palette',
  'seed',
  'bbox_list',
  'size',
];

function checkModel(
  rules: ModelRules,
  context: RuleContext,
  images: ImageItem[],
  texts: { text: string; contentIndex: number }[],
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): void {
  const { model, parameters } = context;

  const maxLength = rules.text.maxLength;
  if (maxLength !== undefined) {
    for (const { text, contentIndex } of texts) {
      const length = Array.from(text).length;
      if (length > maxLength) {
        errors.push({
          path: `${CONTENT}[${contentIndex}].text`,
          rule: 'text-length',
          message: `${model} accepts at most ${maxLength} characters of text; this prompt has ${length}`,
        });
      }
    }
  }
  const { minItems, maxItems } = rules.text;
  if (maxItems !== undefined && texts.length > maxItems) {
    errors.push({
      path: CONTENT,
      rule: 'text-count',
      message: `${model} takes ${maxItems === 1 ? 'exactly one text item' : `at most ${maxItems} text items`}; the request has ${texts.length}`,
    });
  } else if (minItems !== undefined && texts.length < minItems && texts.length > 0) {
    errors.push({
      path: CONTENT,
      rule: 'text-count',
      message: `${model} needs at least ${minItems} text items; the request has ${texts.length}`,
    });
  }

  const { min, max, maxBytes } = rules.images;
  if (images.length > max || images.length < min) {
    const range =
      max === 0
        ? 'takes no input images (it is text-to-image only)'
        : images.length > max
          ? `takes at most ${max} input image${max === 1 ? '' : 's'}`
          : `needs at least ${min} input image${min === 1 ? '' : 's'}`;
    errors.push({
      path: CONTENT,
      rule: 'image-count',
      message: `${model} ${range}; the request has ${images.length}`,
    });
  }
  if (maxBytes !== undefined) {
    for (const image of images) {
      const bytes = image.check.bytes;
      if (bytes !== undefined && bytes > maxBytes) {
        errors.push({
          path: `${CONTENT}[${image.contentIndex}].image`,
          rule: 'image-bytes',
          message: `${model} accepts images of at most ${formatBytes(maxBytes)}; image ${image.imageIndex + 1} is ${formatBytes(bytes)}`,
        });
      }
    }
  }

  for (const name of OPTIONAL_PARAMETERS) {
    if (!rules.supports.includes(name) && isSet(parameters[name])) {
      warnings.push({
        path: `parameters.${name}`,
        rule: 'unsupported-parameter',
        message: `${model} does not support ${name}; the gateway ignores it`,
      });
    }
  }

  if (parameters.size !== undefined && rules.size)
    checkSize(rules, context, parameters.size, errors);

  if (parameters.n !== undefined && parameters.n >= 1) {
    const max = context.sequential ? (rules.n.sequentialMax ?? rules.n.max) : rules.n.max;
    if (parameters.n > max) {
      const mode =
        rules.n.sequentialMax === undefined
          ? ''
          : ` with enable_sequential ${context.sequential ? 'on' : 'off'}`;
      errors.push({
        path: 'parameters.n',
        rule: 'n-range',
        message: `${model} allows n from 1 to ${max}${mode}; got ${parameters.n}`,
      });
    }
  }

  const negative = parameters.negative_prompt;
  if (rules.maxNegativePromptLength !== undefined && typeof negative === 'string') {
    const length = Array.from(negative).length;
    if (length > rules.maxNegativePromptLength) {
      errors.push({
        path: 'parameters.negative_prompt',
        rule: 'negative-prompt-length',
        message: `${model} accepts a negative_prompt of at most ${rules.maxNegativePromptLength} characters; got ${length}`,
      });
    }
  }

  const maxBoxes = rules.maxBoxesPerImage;
  if (maxBoxes !== undefined) {
    (parameters.bbox_list ?? []).forEach((boxes, i) => {
      if (boxes.length > maxBoxes) {
        errors.push({
          path: `parameters.bbox_list[${i}]`,
          rule: 'max-boxes-per-image',
          message: `${model} allows at most ${maxBoxes} boxes per image; image ${i + 1} has ${boxes.length}`,
        });
      }
    });
  }

  if (context.sequential) {
    for (const name of rules.sequentialConflicts ?? []) {
      if (isSet(parameters[name])) {
        errors.push({
          path: `parameters.${name}`,
          rule: 'sequential-conflict',
          message: `${model} cannot combine enable_sequential with ${name}; remove one of them`,
        });
      }
    }
  }

  for (const finding of rules.check?.(context) ?? []) {
    const { severity, ...issue } = finding;
    (severity === 'error' ? errors : warnings).push(issue);
  }
}

function checkSize(
  rules: ModelRules,
  context: RuleContext,
  size: string,
  errors: ValidationIssue[],
): void {
  const sizeRules = rules.size;
  if (!sizeRules) return;
  const { model } = context;
  const path = 'parameters.size';
  const parsed = parseSize(size);
  if (parsed.kind === 'tier') {
    if (!sizeRules.tiers.includes(parsed.tier)) {
      const offered =
        sizeRules.tiers.length === 0
          ? 'takes size as W*H pixels (such as 1280*1280), not a tier'
          : `offers the size tiers ${sizeRules.tiers.join(', ')}`;
      errors.push({ path, rule: 'size-tier', message: `${model} ${offered}; got ${size}` });
      return;
    }
    const reason = sizeRules.tierAllowed?.(parsed.tier, context);
    if (reason) errors.push({ path, rule: 'size-tier', message: `${reason}; got ${size}` });
    return;
  }
  if (parsed.kind !== 'pixels') return;
  if (!sizeRules.pixels && !sizeRules.side) {
    errors.push({
      path,
      rule: 'size-tier',
      message: `${model} takes only the size tiers ${sizeRules.tiers.join(', ')}; got ${size}`,
    });
    return;
  }
  const { width, height } = parsed;
  const range =
    typeof sizeRules.pixels === 'function' ? sizeRules.pixels(context) : sizeRules.pixels;
  if (range && (width * height < range.min || width * height > range.max)) {
    errors.push({
      path,
      rule: 'size-pixels',
      message: `${model} needs W*H between ${formatPixels(range.min)} and ${formatPixels(range.max)} pixels in this scenario; ${size} is ${width * height}`,
    });
  }
  const maxRatio = sizeRules.maxAspectRatio;
  if (maxRatio !== undefined && aspectRatio(width, height) > maxRatio) {
    errors.push({
      path,
      rule: 'size-aspect-ratio',
      message: `${model} allows aspect ratios from 1:${maxRatio} to ${maxRatio}:1; ${size} is beyond that`,
    });
  }
  const side = sizeRules.side;
  if (side && [width, height].some((value) => value < side.min || value > side.max)) {
    errors.push({
      path,
      rule: 'size-side',
      message: `${model} needs width and height each from ${side.min} to ${side.max} pixels; got ${size}`,
    });
  }
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(mb >= 10 ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
