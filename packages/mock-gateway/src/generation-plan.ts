/**
 * What to draw for an accepted generation body.
 */

/** A box `[x1, y1, x2, y2]` in pixels of its input image. */
export type InputBox = readonly [number, number, number, number];

/** The parts of a generation request that decide the output. */
export interface GenerationPlan {
  /** The model as requested. */
  model: string;
  /** All text items joined with a newline. */
  prompt: string;
  /** Input image sources, in order. */
  imageSources: string[];
  /** `parameters.size` when it is a string. */
  size: string | undefined;
  /** How many images to return. */
  count: number;
  /** `parameters.seed` when it is an integer. */
  seed: number | undefined;
  /** Boxes per input image (empty lists when none). */
  boxesPerImage: InputBox[][];
}

/** Upper bound on images per request, the upstream maximum for image sets. */
export const MAX_IMAGES_PER_REQUEST = 12;

/** Default image count of a group (`enable_sequential`) request without `n`. */
export const DEFAULT_GROUP_SIZE = 4;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function isBox(value: unknown): value is InputBox {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

/**
 * Reads a body (already validated) into a plan. Tolerant: anything odd falls back to a default,
 * so the mock never crashes on a body a looser validator let through.
 */
export function planGeneration(body: unknown): GenerationPlan {
  const root = record(body);
  const messages = record(root.input).messages;
  const content = Array.isArray(messages) ? record(messages[0]).content : undefined;
  const items = Array.isArray(content) ? content.map(record) : [];
  const parameters = record(root.parameters);
  const texts = items.flatMap((item) => (typeof item.text === 'string' ? [item.text] : []));
  const imageSources = items.flatMap((item) =>
    typeof item.image === 'string' ? [item.image] : [],
  );
  const sequential = parameters.enable_sequential === true;
  const n =
    typeof parameters.n === 'number' && Number.isInteger(parameters.n) ? parameters.n : undefined;
  const count = Math.min(
    MAX_IMAGES_PER_REQUEST,
    Math.max(1, n ?? (sequential ? DEFAULT_GROUP_SIZE : 1)),
  );
  const bboxList = Array.isArray(parameters.bbox_list) ? parameters.bbox_list : [];
  return {
    model: typeof root.model === 'string' ? root.model : '',
    prompt: texts.join('\n'),
    imageSources,
    size: typeof parameters.size === 'string' ? parameters.size : undefined,
    count,
    seed:
      typeof parameters.seed === 'number' && Number.isInteger(parameters.seed)
        ? parameters.seed
        : undefined,
    boxesPerImage: imageSources.map((_, index) => {
      const boxes = bboxList[index];
      return Array.isArray(boxes) ? boxes.filter(isBox) : [];
    }),
  };
}
