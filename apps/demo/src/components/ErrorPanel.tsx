import type { TokenHubError } from '@tokenhub/image-core';
import { errorAdvice } from '../results/error-advice';

/** A failed generation: what happened, its code and request id, and what to do next. */
export function ErrorPanel({ error }: { error: TokenHubError }) {
  const advice = errorAdvice(error);
  return (
    <div className="error-panel" role="alert">
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
