/**
 * The one place that decides whether a generation body is rejected with 400 InvalidParameter.
 */
import { type BodyProblem, checkBasicShape } from './basic-shape.js';

export type { BodyProblem } from './basic-shape.js';

/** How many problems the 400 message lists. */
const listedProblems = 3;

/** The problems that make the gateway answer 400; empty when the body is accepted. */
export function findRequestProblems(body: unknown): BodyProblem[] {
  return checkBasicShape(body);
}

/** The message of a 400 answer: the first problems, each prefixed with its path. */
export function describeProblems(problems: readonly BodyProblem[]): string {
  const shown = problems.slice(0, listedProblems).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
