import { InvalidArgumentError, type SharedV3Warning } from '@ai-sdk/provider';
import {
  type ImageRequestBody,
  type ModelRegistry,
  TokenHubValidationError,
  type ValidationIssue,
  validateImageRequest,
} from '@tokenhub/image-core';

/**
 * Checks a request with the core's model rules before anything is sent. Errors become one
 * `InvalidArgumentError` whose `argument` is the first bad path and whose message lists every
 * problem as `path [rule]: message`; warnings come back as AI SDK warnings.
 *
 * @param sizeSource - What `parameters.size` was computed from, named in messages about it.
 */
export function checkImageRequest(
  body: ImageRequestBody,
  registry: ModelRegistry | undefined,
  sizeSource: string | undefined,
): SharedV3Warning[] {
  const result = validateImageRequest(body, registry ? { registry } : undefined);
  const describe = (issue: ValidationIssue): string => {
    const origin =
      sizeSource && issue.path === 'parameters.size' ? ` (size computed from ${sizeSource})` : '';
    return `${issue.path} [${issue.rule}]: ${issue.message}${origin}`;
  };
  if (!result.ok) {
    throw new InvalidArgumentError({
      argument: result.errors[0]?.path ?? 'request',
      message: `invalid TokenHub image request:\n${result.errors.map((issue) => `- ${describe(issue)}`).join('\n')}`,
      cause: new TokenHubValidationError(result.errors, result.warnings),
    });
  }
  return result.warnings.map((issue) =>
    issue.rule === 'unsupported-parameter'
      ? { type: 'unsupported', feature: issue.path, details: describe(issue) }
      : { type: 'other', message: describe(issue) },
  );
}
