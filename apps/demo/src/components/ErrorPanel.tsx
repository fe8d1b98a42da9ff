import type { TokenHubError } from '@tokenhub/image-core';
import type { Ref } from 'react';
import { errorAdvice } from '../results/error-advice';

/**
 * A failed generation: what happened, its code and request id, and what to do next. An alert,
 * and focusable (by script) so the page can move the focus to it.
 */
export function ErrorPanel({
  error,
  id,
  ref,
}: {
  error: TokenHubError;
  id?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const advice = errorAdvice(error);
  return (
    <div className="error-panel" role="alert" id={id} ref={ref} tabIndex={-1}>
      <h3>{advice.title}</h3>
      <dl className="facts">
        <dt>Code</dt>
        <dd>
          <code>{advice.code}</code>
        </dd>
        {advice.status !== undefined && (
          <>
            <dt>HTTP status</dt>
            <dd>{advice.status}</dd>
          </>
        )}
        <dt>Request id</dt>
        <dd>
          {advice.requestId ? <code>{advice.requestId}</code> : 'none (no answer from the gateway)'}
        </dd>
      </dl>
      <p className="error-message">{advice.message}</p>
      <p>
        <strong>What to do next:</strong> {advice.next}
      </p>
    </div>
  );
}
