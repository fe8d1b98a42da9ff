/**
 * A minimal structural check of a generation body: enough for the mock to draw from it.
 * Stand-in until core's `validateImageRequest` is wired in (see validate-request.ts).
 */
import { parseSizeSpec } from './output-size.js';

/** One problem with a request body, named by its path. */
export interface BodyProblem {
  /** Where, e.g. `parameters.n` or `input.messages[0].content[1].image`. */
  path: string;
  /** What is wrong. */
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

const imageSourcePattern = /^(https?:\/\/.+|data:image\/(png|jpeg|jpg|webp|bmp);base64,.*)$/is;

function checkContent(content: unknown, problems: BodyProblem[]): number {
  const path = 'input.messages[0].content';
  if (!Array.isArray(content) || content.length === 0) {
    problems.push({ path, message: 'must be a non-empty array of {text} or {image} items' });
    return 0;
  }
  let texts = 0;
  let images = 0;
  content.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (isRecord(item) && typeof item.text === 'string' && item.image === undefined) {
      texts++;
    } else if (isRecord(item) && typeof item.image === 'string' && item.text === undefined) {
      images++;
      if (!imageSourcePattern.test(item.image)) {
        problems.push({
          path: `${itemPath}.image`,
          message: 'must be an http(s) URL or a data:image/{png|jpeg|webp|bmp};base64 URI',
        });
      }
    } else {
      problems.push({ path: itemPath, message: 'must be {text: string} or {image: string}' });
    }
  });
  if (texts === 0) problems.push({ path, message: 'needs at least one text item' });
  return images;
}

function checkBboxList(bboxList: unknown, imageCount: number, problems: BodyProblem[]): void {
  const path = 'parameters.bbox_list';
  if (!Array.isArray(bboxList)) {
    problems.push({ path, message: 'must be an array with one list of boxes per input image' });
    return;
  }
  if (bboxList.length !== imageCount) {
    problems.push({
      path,
      message: `must have one entry per input image (${imageCount}), has ${bboxList.length}`,
    });
  }
  bboxList.forEach((boxes, imageIndex) => {
    const imagePath = `${path}[${imageIndex}]`;
    if (!Array.isArray(boxes)) {
      problems.push({ path: imagePath, message: 'must be an array of boxes ([] for none)' });
      return;
    }
    if (boxes.length > 2) {
      problems.push({ path: imagePath, message: `at most 2 boxes per image, has ${boxes.length}` });
    }
    boxes.forEach((box, boxIndex) => {
      const boxPath = `${imagePath}[${boxIndex}]`;
      if (
        !Array.isArray(box) ||
        box.length !== 4 ||
        !box.every((value) => isInteger(value, 0, Number.MAX_SAFE_INTEGER))
      ) {
        problems.push({
          path: boxPath,
          message: 'must be [x1, y1, x2, y2] in integer pixels >= 0',
        });
      } else if (box[0] >= box[2] || box[1] >= box[3]) {
        problems.push({
          path: boxPath,
          message: 'needs x1 < x2 and y1 < y2 (top-left, bottom-right)',
        });
      }
    });
  });
}

function checkParameters(parameters: unknown, imageCount: number, problems: BodyProblem[]): void {
  if (parameters === undefined) return;
  if (!isRecord(parameters)) {
    problems.push({ path: 'parameters', message: 'must be an object' });
    return;
  }
  if (parameters.n !== undefined && !isInteger(parameters.n, 1, 12)) {
    problems.push({ path: 'parameters.n', message: 'must be an integer from 1 to 12' });
  }
  if (
    parameters.size !== undefined &&
    (typeof parameters.size !== 'string' || !parseSizeSpec(parameters.size))
  ) {
    problems.push({ path: 'parameters.size', message: "must be '1K', '2K', '4K' or 'W*H'" });
  }
  if (parameters.seed !== undefined && !isInteger(parameters.seed, 0, 2147483647)) {
    problems.push({ path: 'parameters.seed', message: 'must be an integer from 0 to 2147483647' });
  }
  for (const flag of ['enable_sequential', 'watermark', 'prompt_extend', 'thinking_mode']) {
    if (parameters[flag] !== undefined && typeof parameters[flag] !== 'boolean') {
      problems.push({ path: `parameters.${flag}`, message: 'must be a boolean' });
    }
  }
  if (parameters.bbox_list !== undefined) checkBboxList(parameters.bbox_list, imageCount, problems);
}

/** Checks the structure of a generation body; an empty list means it can be drawn from. */
export function checkBasicShape(body: unknown): BodyProblem[] {
  const problems: BodyProblem[] = [];
  if (!isRecord(body)) return [{ path: 'body', message: 'must be a JSON object' }];
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    problems.push({ path: 'model', message: 'must be a non-empty string' });
  }
  const input = body.input;
  const messages = isRecord(input) ? input.messages : undefined;
  const message = Array.isArray(messages) ? messages[0] : undefined;
  let imageCount = 0;
  if (!isRecord(input)) {
    problems.push({ path: 'input', message: 'must be an object with messages' });
  } else if (!Array.isArray(messages) || messages.length !== 1 || !isRecord(message)) {
    problems.push({ path: 'input.messages', message: 'must hold exactly one user message' });
  } else {
    if (message.role !== 'user') {
      problems.push({ path: 'input.messages[0].role', message: "must be 'user'" });
    }
    imageCount = checkContent(message.content, problems);
  }
  checkParameters(body.parameters, imageCount, problems);
  return problems;
}
