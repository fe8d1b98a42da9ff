/**
 * The one place that decides whether a generation body is rejected with 400 InvalidParameter:
 * core's `validateImageRequest`, so the mock rejects exactly what the client library would.
 */
import { validateImageRequest } from '@tokenhub/image-core';
import { withRule } from './error-body.js';

/** One problem with a request body, named by its path. */
export interface BodyProblem {
  /** Where, e.g. `parameters.n` or `input.messages[0].content[1].image`. */
  path: string;
  /** The stable rule id of core's validation, e.g. `n-range`. */
  rule: string;
  /** What is wrong. */
  message: string;
}

/** How many problems the 400 message lists. */
const listedProblems = 3;

/** The problems that make the gateway answer 400 (validation errors, not warnings). */
export function findRequestProblems(body: unknown): BodyProblem[] {
  return validateImageRequest(body).errors.map(({ path, rule, message }) => ({
    path,
    rule,
    message,
  }));
}

/** The message of a 400 answer: the first problems, each prefixed with its path and followed by its rule id. */
export function describeProblems(problems: readonly BodyProblem[]): string {
  const shown = problems
    .slice(0, listedProblems)
    .map((p) => withRule(`${p.path || 'body'}: ${p.message}`, p.rule));
  const more = problems.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
