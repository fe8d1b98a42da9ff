import * as z from 'zod/mini';
import type { ValidationIssue } from './issue.js';
import { formatPath } from './path.js';

// The wire shape of a request, checked with zod/mini (a small object schema costs a few kB in a
// browser bundle instead of ~77 kB with classic zod). Only structure lives here; limits that depend
// on the model live in the rules table, so an unknown model still gets these checks.

// Numbers, not z.int()/z.tuple(): each extra zod schema kind costs bundle size in every browser app,
// and integer-ness and box arity are checked below with messages that name the rule.

const contentItem = z.looseObject({
  text: z.optional(z.string()),
  image: z.optional(z.string()),
});

const parameters = z.looseObject({
  negative_prompt: z.optional(z.string()),
  size: z.optional(z.string()),
  n: z.optional(z.number()),
  prompt_extend: z.optional(z.boolean()),
  watermark: z.optional(z.boolean()),
  thinking_mode: z.optional(z.boolean()),
  enable_sequential: z.optional(z.boolean()),
  seed: z.optional(z.number()),
  bbox_list: z.optional(z.array(z.array(z.array(z.number())))),
});

/** The zod/mini schema of a request body (structure only; model limits are checked separately). */
export const imageRequestBodySchema = z.looseObject({
  model: z.string(),
  input: z.looseObject({
    messages: z.array(
      z.looseObject({
        role: z.string(),
        content: z.array(contentItem),
      }),
    ),
  }),
  parameters: z.optional(parameters),
});

type ZodIssue = z.core.$ZodIssue;

// zod/mini ships without locale messages ("Invalid input"), so the words are ours.
function describeIssue(issue: ZodIssue, value: unknown): string {
  const got = describeValue(value);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
      return `expected ${expected}; got ${got}`;
    }
    default:
      return issue.message === 'Invalid input' ? `invalid value: got ${got}` : issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Checks the structure of a body; returns one issue per problem, each naming its path. */
export function checkShape(body: unknown): ValidationIssue[] {
  const parsed = imageRequestBodySchema.safeParse(body);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path) || 'body',
        rule: `shape.${issue.code}`,
        message: describeIssue(issue, valueAt(body, issue.path)),
      }));
  if (!parsed.success) return issues;

  const { model, input, parameters } = parsed.data;
  if (model.trim() === '') {
    issues.push({
      path: 'model',
      rule: 'model-required',
      message: 'model must be a non-empty string',
    });
  }
  for (const key of ['n', 'seed'] as const) {
    const value = parameters?.[key];
    if (value !== undefined && !Number.isInteger(value)) {
      issues.push({
        path: `parameters.${key}`,
        rule: 'integer',
        message: `expected an integer; got ${describeValue(value)}`,
      });
    }
  }
  parameters?.bbox_list?.forEach((boxes, i) => {
    boxes.forEach((box, b) => {
      if (box.length !== 4) {
        issues.push({
          path: `parameters.bbox_list[${i}][${b}]`,
          rule: 'box-arity',
          message: `a box is [x1, y1, x2, y2] (4 numbers); got ${describeValue(box)}`,
        });
      }
    });
  });
  const messages = input.messages;
  if (messages.length !== 1) {
    issues.push({
      path: 'input.messages',
      rule: 'single-message',
      message: `input.messages must hold exactly one user message; it has ${messages.length}`,
    });
  }
  messages.forEach((message, m) => {
    if (message.role !== 'user') {
      issues.push({
        path: `input.messages[${m}].role`,
        rule: 'user-role',
        message: `the message role must be "user"; got "${message.role}"`,
      });
    }
    if (message.content.length === 0) {
      issues.push({
        path: `input.messages[${m}].content`,
        rule: 'non-empty-content',
        message: 'content must hold at least one text or image item',
      });
    }
    message.content.forEach((item, c) => {
      const hasText = typeof item.text === 'string';
      const hasImage = typeof item.image === 'string';
      if (hasText === hasImage) {
        issues.push({
          path: `input.messages[${m}].content[${c}]`,
          rule: 'text-or-image',
          message: hasText
            ? 'a content item holds either text or image, not both'
            : 'a content item needs a "text" or an "image" string',
        });
      }
    });
  });
  return issues;
}
