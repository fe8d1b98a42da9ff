import type { ValidationIssue } from '@tokenhub/image-core';

/** The id of a field's message list, for `aria-describedby`. */
export const messagesId = (fieldId: string) => `${fieldId}-messages`;

/** Props of the input a field's messages describe. */
export function describedBy(fieldId: string, errors: readonly ValidationIssue[], hintId?: string) {
  const ids = [hintId, errors.length > 0 ? messagesId(fieldId) : undefined].filter(Boolean);
  return {
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    'aria-invalid': errors.length > 0 ? true : undefined,
  } as const;
}

/** The core's validation messages for one field: errors block submitting, warnings do not. */
export function FieldMessages({
  fieldId,
  errors = [],
  warnings = [],
}: {
  fieldId: string;
  errors?: readonly ValidationIssue[] | undefined;
  warnings?: readonly ValidationIssue[] | undefined;
}) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <ul className="field-messages" id={messagesId(fieldId)}>
      {errors.map((issue) => (
        <li key={`e-${issue.path}-${issue.rule}-${issue.message}`} className="issue issue-error">
          <span className="issue-label">Error:</span> {issue.message} <code>{issue.rule}</code>
        </li>
      ))}
      {warnings.map((issue) => (
        <li key={`w-${issue.path}-${issue.rule}-${issue.message}`} className="issue issue-warning">
          <span className="issue-label">Warning:</span> {issue.message} <code>{issue.rule}</code>
        </li>
      ))}
    </ul>
  );
}
