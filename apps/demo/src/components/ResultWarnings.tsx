import type { ValidationIssue } from '@tokenhub/image-core';
import { FieldMessages } from './FieldMessages';

/**
 * The validation warnings that came back with the shown result (`generation.warnings`): the request
 * was sent, but the gateway ignored or reinterpreted part of it.
 */
export function ResultWarnings({ warnings }: { warnings: readonly ValidationIssue[] }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-label="Warnings of the request sent" data-testid="result-warnings">
      <FieldMessages fieldId="result-warnings" warnings={warnings} />
    </section>
  );
}
