import type { ImageRequestBody } from '../types.js';
import { issue, type ValidationIssue } from './issue.js';
import { formatPath } from './path.js';

// The wire shape of a request as plain data, checked by a small walker. It mirrors the zod/mini
// schema in schema.ts exactly (a property test holds them equal), but keeps zod's ~5 kB runtime
// out of every browser bundle that validates (builder + client have a size budget in .size-limit.json).

/** What one wire value must be; names match zod's `expected` values. */
type FieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | { array: FieldType }
  | { object: Record<string, FieldType | { optional: FieldType }> };

const optional = (type: FieldType) => ({ optional: type });

const requestShape: FieldType = {
  object: {
    model: 'string',
    input: {
      object: {
        messages: {
          array: {
            object: {
              role: 'string',
              content: {
                array: { object: { text: optional('string'), image: optional('string') } },
              },
            },
          },
        },
      },
    },
    parameters: optional({
      object: {
        negative_prompt: optional('string'),
        size: optional('string'),
        n: optional('number'),
        prompt_extend: optional('boolean'),
        watermark: optional('boolean'),
        thinking_mode: optional('boolean'),
        enable_sequential: optional('boolean'),
        seed: optional('number'),
        bbox_list: optional({ array: { array: { array: 'number' } } }),
      },
    }),
  },
};

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  // NaN and Infinity are not JSON numbers (zod rejects them too).
  if (typeof value === 'number' && !Number.isFinite(value)) return 'NaN';
  return typeof value;
}

/**
 * Checks `value` against `type`. `path` is the keys from the body down to `value`, one stack for the
 * whole walk: it is formatted only for an issue, so a valid body allocates no path strings.
 */
function walk(
  type: FieldType,
  value: unknown,
  path: PropertyKey[],
  issues: ValidationIssue[],
): void {
  const expected = typeof type === 'string' ? type : 'array' in type ? 'array' : 'object';
  if (kindOf(value) !== expected) {
    issues.push(
      issue(
        formatPath(path) || 'body',
        'shape.invalid_type',
        `expected ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}; got ${describeValue(value)}`,
      ),
    );
    return;
  }
  if (typeof type === 'string') return;
  if ('array' in type) {
    const items = value as unknown[];
    for (let index = 0; index < items.length; index++) {
      path.push(index);
      walk(type.array, items[index], path, issues);
      path.pop();
    }
    return;
  }
  const record = value as Record<string, unknown>;
  // for...in over the shape's own literal: no entries array per object of every body.
  for (const key in type.object) {
    const field = type.object[key] as FieldType | { optional: FieldType };
    const item = record[key];
    const optionalField = typeof field === 'object' && 'optional' in field;
    if (optionalField && item === undefined) continue;
    path.push(key);
    walk(optionalField ? field.optional : field, item, path, issues);
    path.pop();
  }
}

/** A short description of a value for messages: `the string "2k"`, `number 1.5`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The structural problems of a body: wrong or missing types, each naming its path. */
export function structuralIssues(body: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walk(requestShape, body, [], issues);
  return issues;
}

/**
 * Checks the structure of a body, then what a schema cannot say well (one user message, text or
 * image per item, integers, four numbers per box); returns one issue per problem, naming its path.
 */
export function checkShape(body: unknown): ValidationIssue[] {
  const issues = structuralIssues(body);
  if (issues.length > 0) return issues;

  const { model, input, parameters } = body as ImageRequestBody;
  if (model.trim() === '') {
    issues.push(issue('model', 'model-required', 'model must be a non-empty string'));
  }
  for (const key of ['n', 'seed'] as const) {
    const value = parameters?.[key];
    if (value !== undefined && !Number.isInteger(value)) {
      issues.push(
        issue(`parameters.${key}`, 'integer', `expected an integer; got ${describeValue(value)}`),
      );
    }
  }
  parameters?.bbox_list?.forEach((boxes, i) => {
    boxes.forEach((box, b) => {
      if (box.length !== 4) {
        issues.push(
          issue(
            `parameters.bbox_list[${i}][${b}]`,
            'box-arity',
            `a box is [x1, y1, x2, y2] (4 numbers); got ${describeValue(box)}`,
          ),
        );
      }
    });
  });
  const messages = input.messages;
  if (messages.length !== 1) {
    issues.push(
      issue(
        'input.messages',
        'single-message',
        `input.messages must hold exactly one user message; it has ${messages.length}`,
      ),
    );
  }
  messages.forEach((message, m) => {
    if (message.role !== 'user') {
      issues.push(
        issue(
          `input.messages[${m}].role`,
          'user-role',
          `the message role must be "user"; got "${message.role}"`,
        ),
      );
    }
    if (message.content.length === 0) {
      issues.push(
        issue(
          `input.messages[${m}].content`,
          'non-empty-content',
          'content must hold at least one text or image item',
        ),
      );
    }
    message.content.forEach((item: { text?: unknown; image?: unknown }, c) => {
      const hasText = typeof item.text === 'string';
      const hasImage = typeof item.image === 'string';
      if (hasText === hasImage) {
        issues.push(
          issue(
            `input.messages[${m}].content[${c}]`,
            'text-or-image',
            hasText
              ? 'a content item holds either text or image, not both'
              : 'a content item needs a "text" or an "image" string',
          ),
        );
      }
    });
  });
  return issues;
}
