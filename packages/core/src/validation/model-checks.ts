import type { ImageHeader } from '../image/header.js';
import type { ValidationIssue } from './issue.js';
import {
  type ModelRules,
  type OptionalParameter,
  type RuleContext,
  type RuleFinding,
  ruleFinding,
} from './model-rules.js';
import { aspectRatio, formatPixels, parseSize } from './size.js';

// The checks that depend on a model's rules, one small function per rule. Each returns what it
// found with its severity; `validateImageRequest` runs them in this order, so the order of the
// issues a request gets is stable.

/** What a model check sees: the model's rules, the request in context, and its items. */
export interface ModelCheckInput {
  /** The rules of the request's model. */
  rules: ModelRules;
  /** The request as the rules see it. */
  context: RuleContext;
  /** The text items with their position in the content list. */
  texts: readonly TextItem[];
  /** The image items with their position among images and in the content list. */
  images: readonly ImageItem[];
}

/** One text item and where it is. */
export interface TextItem {
  text: string;
  contentIndex: number;
}

/** One image item, where it is, and what is known about it without a download. */
export interface ImageItem {
  /** 0-based position among the images ("image 1" is 0). */
  imageIndex: number;
  /** 0-based position in the content list. */
  contentIndex: number;
  /** Decoded payload size of a data URI in bytes. */
  bytes?: number;
  /** A data URI's header (format, size, alpha); absent for URLs. */
  header?: ImageHeader;
}

/** A check of one model rule. */
export type ModelCheck = (input: ModelCheckInput) => readonly RuleFinding[];

/** The path of a content item in the body. */
export const CONTENT = 'input.messages[0].content';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

// A check that finds nothing returns this one array: the proxy validates every body it forwards,
// and the empty arrays of fourteen checks were most of what validation allocated.
const none: readonly RuleFinding[] = [];

/** What `check` finds in each item, in order; no array is made when it finds nothing. */
function findEach<T>(
  items: readonly T[],
  check: (item: T, index: number) => RuleFinding | undefined,
): readonly RuleFinding[] {
  let found: RuleFinding[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const finding = check(items[index] as T, index);
    if (!finding) continue;
    found ??= [];
    found.push(finding);
  }
  return found ?? none;
}

/** A check of the input images that a request without images skips (it would find nothing). */
const ofImages =
  (check: ModelCheck): ModelCheck =>
  (input) =>
    input.images.length === 0 ? none : check(input);

/** Whether a parameter is set to something that would change the output. */
export function isSet(value: unknown): boolean {
  return (
    value !== undefined &&
    value !== false &&
    value !== '' &&
    !(Array.isArray(value) && value.length === 0)
  );
}

/** Characters as the gateway counts them (code points), without an array of them. */
const codePoints = (text: string): number =>
  text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

const textLength: ModelCheck = ({ rules, context, texts }) => {
  const max = rules.text.maxLength;
  if (max === undefined) return none;
  return findEach(texts, ({ text, contentIndex }) => {
    const length = codePoints(text);
    return length > max
      ? ruleFinding(
          `${CONTENT}[${contentIndex}].text`,
          'text-length',
          `${context.model} accepts at most ${max} characters of text; this prompt has ${length}`,
        )
      : undefined;
  });
};

const textCount: ModelCheck = ({ rules, context: { model }, texts }) => {
  const { minItems, maxItems } = rules.text;
  const count = texts.length;
  if (maxItems !== undefined && count > maxItems) {
    const allowed = maxItems === 1 ? 'exactly one text item' : `at most ${maxItems} text items`;
    return [
      ruleFinding(CONTENT, 'text-count', `${model} takes ${allowed}; the request has ${count}`),
    ];
  }
  if (minItems !== undefined && count < minItems && count > 0) {
    return [
      ruleFinding(
        CONTENT,
        'text-count',
        `${model} needs at least ${minItems} text items; the request has ${count}`,
      ),
    ];
  }
  return none;
};

const imageCount: ModelCheck = ({ rules, context: { model }, images }) => {
  const { min, max } = rules.images;
  const count = images.length;
  if (count <= max && count >= min) return none;
  const range =
    max === 0
      ? 'takes no input images (it is text-to-image only)'
      : count > max
        ? `takes at most ${plural(max, 'input image')}`
        : `needs at least ${plural(min, 'input image')}`;
  return [ruleFinding(CONTENT, 'image-count', `${model} ${range}; the request has ${count}`)];
};

const imageBytes: ModelCheck = ({ rules, context: { model }, images }) => {
  const max = rules.images.maxBytes;
  if (max === undefined) return none;
  return findEach(images, ({ bytes, contentIndex, imageIndex }) =>
    bytes !== undefined && bytes > max
      ? ruleFinding(
          `${CONTENT}[${contentIndex}].image`,
          'image-bytes',
          `${model} accepts images of at most ${formatBytes(max)}; image ${imageIndex + 1} is ${formatBytes(bytes)}`,
        )
      : undefined,
  );
};

/**
 * What `check` finds in each image whose width and height are known (data URIs with a readable
 * header); `check` gets them as `width*height` for its message.
 */
const findInSizedImages = (
  images: readonly ImageItem[],
  check: (width: number, height: number, image: ImageItem, size: string) => RuleFinding | undefined,
) =>
  findEach(images, (image) => {
    const { width, height } = image.header ?? {};
    return width && height ? check(width, height, image, `${width}*${height}`) : undefined;
  });

const imageDimensions: ModelCheck = ({ rules, context: { model }, images }) => {
  const side = rules.images.side;
  if (!side) return none;
  return findInSizedImages(images, (width, height, { contentIndex, imageIndex }, size) =>
    Math.min(width, height) < side.min || Math.max(width, height) > side.max
      ? ruleFinding(
          `${CONTENT}[${contentIndex}].image`,
          'image-dimensions',
          `${model} needs input images from ${side.min} to ${side.max} pixels on each side; image ${imageIndex + 1} is ${size}`,
        )
      : undefined,
  );
};

const imageAspectRatio: ModelCheck = ({ rules, context: { model }, images }) => {
  const max = rules.images.maxAspectRatio;
  if (max === undefined) return none;
  return findInSizedImages(images, (width, height, { contentIndex, imageIndex }, size) =>
    aspectRatio(width, height) > max
      ? ruleFinding(
          `${CONTENT}[${contentIndex}].image`,
          'image-aspect-ratio',
          `${model} takes input images with aspect ratios from 1:${max} to ${max}:1; image ${imageIndex + 1} is ${size}`,
        )
      : undefined,
  );
};

const imageAlpha: ModelCheck = ({ rules, context: { model }, images }) =>
  rules.images.alpha === false
    ? findEach(images, ({ header, contentIndex, imageIndex }) =>
        header?.alpha
          ? ruleFinding(
              `${CONTENT}[${contentIndex}].image`,
              'image-alpha',
              `${model} takes images without transparency; image ${imageIndex + 1} is a PNG with an alpha channel: flatten it or send a JPEG`,
              'warning',
            )
          : undefined,
      )
    : none;

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

const unsupportedParameters: ModelCheck = ({ rules, context: { model, parameters } }) =>
  findEach(OPTIONAL_PARAMETERS, (name) =>
    !rules.supports.includes(name) && isSet(parameters[name])
      ? ruleFinding(
          `parameters.${name}`,
          'unsupported-parameter',
          `${model} does not support ${name}; the gateway ignores it`,
          'warning',
        )
      : undefined,
  );

const size: ModelCheck = ({ rules, context }) => {
  const sizeRules = rules.size;
  const value = context.parameters.size;
  if (value === undefined || !sizeRules) return none;
  const { model } = context;
  const path = 'parameters.size';
  const parsed = parseSize(value);
  if (parsed.kind === 'tier') {
    if (!sizeRules.tiers.includes(parsed.tier)) {
      const offered =
        sizeRules.tiers.length === 0
          ? 'takes size as W*H pixels (such as 1280*1280), not a tier'
          : `offers the size tiers ${sizeRules.tiers.join(', ')}`;
      return [ruleFinding(path, 'size-tier', `${model} ${offered}; got ${value}`)];
    }
    const reason = sizeRules.tierAllowed?.(parsed.tier, context);
    return reason ? [ruleFinding(path, 'size-tier', `${reason}; got ${value}`)] : none;
  }
  if (parsed.kind !== 'pixels') return none;
  if (!sizeRules.pixels && !sizeRules.side) {
    return [
      ruleFinding(
        path,
        'size-tier',
        `${model} takes only the size tiers ${sizeRules.tiers.join(', ')}; got ${value}`,
      ),
    ];
  }
  const { width, height } = parsed;
  const findings: RuleFinding[] = [];
  const range =
    typeof sizeRules.pixels === 'function' ? sizeRules.pixels(context) : sizeRules.pixels;
  if (range && (width * height < range.min || width * height > range.max)) {
    findings.push(
      ruleFinding(
        path,
        'size-pixels',
        `${model} needs W*H between ${formatPixels(range.min)} and ${formatPixels(range.max)} pixels in this scenario; ${value} is ${width * height}`,
      ),
    );
  }
  const maxRatio = sizeRules.maxAspectRatio;
  if (maxRatio !== undefined && aspectRatio(width, height) > maxRatio) {
    findings.push(
      ruleFinding(
        path,
        'size-aspect-ratio',
        `${model} allows aspect ratios from 1:${maxRatio} to ${maxRatio}:1; ${value} is beyond that`,
      ),
    );
  }
  const side = sizeRules.side;
  if (side && [width, height].some((length) => length < side.min || length > side.max)) {
    findings.push(
      ruleFinding(
        path,
        'size-side',
        `${model} needs width and height each from ${side.min} to ${side.max} pixels; got ${value}`,
      ),
    );
  }
  return findings;
};

const nRange: ModelCheck = ({ rules, context: { model, parameters, sequential } }) => {
  const n = parameters.n;
  if (n === undefined || n < 1) return none;
  const max = sequential ? (rules.n.sequentialMax ?? rules.n.max) : rules.n.max;
  if (n <= max) return none;
  const mode =
    rules.n.sequentialMax === undefined
      ? ''
      : ` with enable_sequential ${sequential ? 'on' : 'off'}`;
  return [
    ruleFinding('parameters.n', 'n-range', `${model} allows n from 1 to ${max}${mode}; got ${n}`),
  ];
};

const negativePromptLength: ModelCheck = ({ rules, context: { model, parameters } }) => {
  const max = rules.maxNegativePromptLength;
  const negative = parameters.negative_prompt;
  if (max === undefined || typeof negative !== 'string') return none;
  const length = codePoints(negative);
  return length > max
    ? [
        ruleFinding(
          'parameters.negative_prompt',
          'negative-prompt-length',
          `${model} accepts a negative_prompt of at most ${max} characters; got ${length}`,
        ),
      ]
    : none;
};

const boxesPerImage: ModelCheck = ({ rules, context: { model, parameters } }) => {
  const max = rules.maxBoxesPerImage;
  const boxes = parameters.bbox_list;
  if (max === undefined || !boxes) return none;
  return findEach(boxes, (imageBoxes, i) =>
    imageBoxes.length > max
      ? ruleFinding(
          `parameters.bbox_list[${i}]`,
          'max-boxes-per-image',
          `${model} allows at most ${max} boxes per image; image ${i + 1} has ${imageBoxes.length}`,
        )
      : undefined,
  );
};

const sequentialConflicts: ModelCheck = ({ rules, context: { model, parameters, sequential } }) =>
  sequential
    ? findEach(rules.sequentialConflicts ?? [], (name) =>
        isSet(parameters[name])
          ? ruleFinding(
              `parameters.${name}`,
              'sequential-conflict',
              `${model} cannot combine enable_sequential with ${name}; remove one of them`,
            )
          : undefined,
      )
    : none;

const modelOwnCheck: ModelCheck = ({ rules, context }) => rules.check?.(context) ?? none;

/** Every model check, in the order their issues are reported. */
export const modelChecks: readonly ModelCheck[] = [
  textLength,
  textCount,
  imageCount,
  ...[imageBytes, imageDimensions, imageAspectRatio, imageAlpha].map(ofImages),
  unsupportedParameters,
  size,
  nRange,
  negativePromptLength,
  boxesPerImage,
  sequentialConflicts,
  modelOwnCheck,
];

/** Splits findings into errors and warnings, dropping the severity. */
export function sortFindings(
  findings: readonly RuleFinding[],
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): void {
  for (const { severity, ...issue } of findings) {
    (severity === 'error' ? errors : warnings).push(issue);
  }
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(mb >= 10 ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
