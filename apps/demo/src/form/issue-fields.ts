/** Which form field a validation issue belongs to, so its message can sit next to that field. Pure. */
import type { ValidationIssue } from '@tokenhub/image-core';

/** A field of the scenario form, or 'form' for issues that belong to no single field. */
export type FieldId =
  | 'model'
  | 'prompt'
  | 'negativePrompt'
  | 'size'
  | 'n'
  | 'seed'
  | 'thinkingMode'
  | 'images'
  | `image-${number}`
  | 'form';

const parameterFields: Record<string, FieldId> = {
  size: 'size',
  n: 'n',
  seed: 'seed',
  negative_prompt: 'negativePrompt',
  thinking_mode: 'thinkingMode',
  bbox_list: 'images',
};

/**
 * The field of an issue's `path`. Content items are the images (in order) followed by the prompt,
 * as `buildRequest` adds them, so `content[i]` below `imageCount` is image i.
 */
export function fieldOfIssue(issue: ValidationIssue, imageCount: number): FieldId {
  const { path } = issue;
  if (path === 'model') return 'model';
  if (path === 'images') return 'images';
  const content = /content\[(\d+)\]/.exec(path);
  if (content) {
    const index = Number(content[1]);
    return index < imageCount ? `image-${index}` : 'prompt';
  }
  if (path.endsWith('.content')) return imageCount > 0 ? 'images' : 'prompt';
  const box = /bbox_list\[(\d+)\]/.exec(path);
  if (box) return `image-${Number(box[1])}`;
  const parameter = /^parameters\.([a-z_]+)/.exec(path);
  if (parameter) return parameterFields[parameter[1] ?? ''] ?? 'form';
  return 'form';
}

/** Issues grouped by field. */
export function issuesByField(
  issues: readonly ValidationIssue[],
  imageCount: number,
): Map<FieldId, ValidationIssue[]> {
  const byField = new Map<FieldId, ValidationIssue[]>();
  for (const issue of issues) {
    const field = fieldOfIssue(issue, imageCount);
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  return byField;
}
