/**
 * Error bodies in the upstream shape `{code, message, request_id}`.
 */

/** The JSON body of an error answer, as upstream sends it. */
export interface UpstreamErrorBody {
  /** Upstream error code, e.g. `InvalidParameter` or `Throttling.RateQuota`. */
  code: string;
  /** Human-readable description. */
  message: string;
  /** The request's id, also sent as `x-request-id`. */
  request_id: string;
}

/** Builds an upstream-shaped error body. */
export function errorBody(code: string, message: string, requestId: string): UpstreamErrorBody {
  return { code, message, request_id: requestId };
}

/**
 * A message that names the rule it breaks, as the client's validation does: `<message> [<rule>]`,
 * e.g. `parameters.n: n must be at least 1; got 0 [n-range]`, so a test or a log can match the
 * stable rule id instead of the wording.
 */
export function withRule(message: string, rule: string): string {
  return `${message} [${rule}]`;
}
