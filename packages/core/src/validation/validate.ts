import { MAX_SEED } from '../shared/seed.js';
import type { Box, ImageRequestBody, ImageRequestParameters } from '../types.js';
import { checkImageSource, type ImageSourceCheck } from './image-source.js';
import { issue, type ValidationIssue, type ValidationResult } from './issue.js';
import {
  CONTENT,
  type ImageItem,
  type ModelCheckInput,
  modelChecks,
  sortFindings,
  type TextItem,
} from './model-checks.js';
import { defaultModelRegistry, type ModelRegistry } from './registry.js';
import { checkShape } from './shape.js';
import { normalizeSize, parseSize } from './size.js';

/** Options of `validateImageRequest`. */
export interface ValidateOptions {
  /** Where model rules are looked up; `defaultModelRegistry` unless given. */
  registry?: ModelRegistry;
}

/** An image item with its source checked once: data URIs can be megabytes long. */
type CheckedImage = ImageItem & ImageSourceCheck;

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
  const images: CheckedImage[] = [];
  const texts: TextItem[] = [];
  content.forEach((item, contentIndex) => {
    if ('image' in item && typeof item.image === 'string') {
      images.push({ ...checkImageSource(item.image), imageIndex: images.length, contentIndex });
    } else if ('text' in item && typeof item.text === 'string') {
      texts.push({ text: item.text, contentIndex });
    }
  });

  checkCommon(images, texts, parameters, errors, warnings);

  const registry = options.registry ?? defaultModelRegistry;
  const rules = registry.resolve(request.model);
  if (!rules) {
    warnings.push(
      issue(
        'model',
        'unknown-model',
        `unknown model "${request.model}": only the request shape was checked; register its rules with defineModelRules to check its limits`,
      ),
    );
  } else {
    const input: ModelCheckInput = {
      rules,
      context: {
        model: rules.model,
        imageCount: images.length,
        textCount: texts.length,
        sequential: parameters.enable_sequential === true,
        parameters,
      },
      texts,
      images,
    };
    for (const check of modelChecks) sortFindings(check(input), errors, warnings);
  }
  return { ok: errors.length === 0, errors, warnings };
}

/** Checks that hold whatever the model: sources, prompt presence, seed, size syntax, box geometry. */
function checkCommon(
  images: CheckedImage[],
  texts: TextItem[],
  parameters: ImageRequestParameters,
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): void {
  for (const { kind, rule, reason, contentIndex, imageIndex } of images) {
    if (kind === 'invalid') {
      errors.push(
        issue(
          `${CONTENT}[${contentIndex}].image`,
          rule ?? 'image-source',
          `image ${imageIndex + 1} ${reason}`,
        ),
      );
    }
  }
  if (texts.length === 0) {
    const missing = issue(
      CONTENT,
      'text-required',
      'a text prompt is required: add a { text } item saying what to generate',
    );
    if (images.length === 0) errors.push(missing);
    else
      warnings.push({
        ...missing,
        message: 'no text prompt: the model gets images without instructions',
      });
  }
  for (const { text, contentIndex } of texts) {
    if (text.trim() === '') {
      errors.push(
        issue(`${CONTENT}[${contentIndex}].text`, 'text-empty', 'the text prompt is empty'),
      );
    }
  }
  if (parameters.seed !== undefined && (parameters.seed < 0 || parameters.seed > MAX_SEED)) {
    errors.push(
      issue(
        'parameters.seed',
        'seed-range',
        `seed must be an integer from 0 to ${MAX_SEED}; got ${parameters.seed}`,
      ),
    );
  }
  if (parameters.n !== undefined && parameters.n < 1) {
    errors.push(issue('parameters.n', 'n-range', `n must be at least 1; got ${parameters.n}`));
  }
  const size = parameters.size;
  if (size !== undefined && parseSize(size).kind === 'invalid') {
    // Raw bodies keep the gateway's syntax; a size written as other SDKs do gets its fix named.
    const fixed = normalizeSize(size);
    const fix = fixed !== size && parseSize(fixed).kind !== 'invalid' ? `: use ${fixed}` : '';
    errors.push(
      issue(
        'parameters.size',
        'size-format',
        `size must be a tier such as "2K" or pixels as "W*H" such as "1280*1280"; got "${size}"${fix}`,
      ),
    );
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
    errors.push(
      issue(
        'parameters.bbox_list',
        'bbox-alignment',
        `bbox_list needs one entry per input image ([] for an image without boxes): the request has ${imageCount} image${imageCount === 1 ? '' : 's'} but bbox_list has ${bboxList.length} entr${bboxList.length === 1 ? 'y' : 'ies'}`,
      ),
    );
  }
  bboxList.forEach((boxes, i) => {
    boxes.forEach((box, b) => {
      const path = `parameters.bbox_list[${i}][${b}]`;
      const where = `box ${b + 1} of image ${i + 1}`;
      if (!box.every(Number.isInteger)) {
        errors.push(
          issue(
            path,
            'box-integer',
            `${where} must use integer pixels of the original image; got [${box.join(', ')}]`,
          ),
        );
        return;
      }
      if (box.some((value) => value < 0)) {
        errors.push(
          issue(
            path,
            'box-non-negative',
            `${where} has a negative coordinate; the origin is the image's top-left corner: [${box.join(', ')}]`,
          ),
        );
      }
      const [x1, y1, x2, y2] = box;
      if (!(x1 < x2 && y1 < y2)) {
        errors.push(
          issue(
            path,
            'box-order',
            `${where} must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2 (top-left, then bottom-right); got [${box.join(', ')}]`,
          ),
        );
      }
    });
  });
  const anyBox = bboxList.some((boxes) => boxes.length > 0);
  if (anyBox && parameters.enable_sequential === true) {
    warnings.push(
      issue(
        'parameters.bbox_list',
        'bbox-with-sequential',
        'boxes are for editing one image; combining bbox_list with enable_sequential is likely rejected upstream',
      ),
    );
  }
}
