/** The `authorize` hook of the proxy: let a call through (optionally tagged), or reject it. */
import type { ProxyReply } from './answer.js';
import { errorAnswer } from './error-response.js';

/** A rejection returned by `authorize`. */
export interface AuthorizeRejection {
  /** `false` rejects the call. */
  allow: false;
  /** 401 (not signed in, the default), 403 (not allowed) or 429 (over a per-user limit). */
  status?: 401 | 403 | 429;
  /** Error code in the response body; default `Unauthorized`, `AccessDenied` or `Throttling.UserLimit`. */
  code?: string;
  /** Message in the response body. */
  message?: string;
  /** Extra response headers, such as `Retry-After` for a 429. */
  headers?: Record<string, string>;
}

/** An acceptance returned by `authorize`, with an optional tag (e.g. the user id) for `onComplete`. */
export interface AuthorizeAcceptance {
  /** `true` lets the call through. */
  allow: true;
  /** Anything identifying the caller; handed back in `onComplete` for accounting and limits. */
  tag?: string;
}

/**
 * What `authorize` may return: `true`/`undefined` (allow), `false` (401), an acceptance with a tag,
 * a rejection with status and message, or a complete `Response` sent as is.
 */
export type AuthorizeResult =
  | boolean
  | undefined
  | AuthorizeAcceptance
  | AuthorizeRejection
  | Response;

/** A caller check run before the body is read. */
export type AuthorizeFunction = (request: Request) => AuthorizeResult | Promise<AuthorizeResult>;

/** The normalised decision. */
export type AuthorizeDecision =
  | { allow: true; tag: string | undefined }
  | { allow: false; response: Response }
  | {
      allow: false;
      status: 401 | 403 | 429;
      code: string;
      message: string;
      headers: Record<string, string>;
    };

const defaultCodes = {
  401: 'Unauthorized',
  403: 'AccessDenied',
  429: 'Throttling.UserLimit',
} as const;
const defaultMessages = {
  401: 'sign in to generate images',
  403: 'you are not allowed to generate images',
  429: 'too many requests: try again later',
} as const;

/** Normalises whatever `authorize` returned. */
export function toDecision(result: AuthorizeResult): AuthorizeDecision {
  if (result === undefined || result === true) return { allow: true, tag: undefined };
  if (result instanceof Response) return { allow: false, response: result };
  if (result === false) return toDecision({ allow: false });
  if (result.allow) return { allow: true, tag: result.tag };
  const status = result.status ?? 401;
  return {
    allow: false,
    status,
    code: result.code ?? defaultCodes[status],
    message: result.message ?? defaultMessages[status],
    headers: result.headers ?? {},
  };
}

/**
 * Runs `authorize` (when given) on a call: the caller's tag when it may go on, otherwise the
 * answer to send (the rejection, the hook's own `Response`, or 500 when the hook threw). The Web
 * `Request` is built only when there is a hook to give it to.
 */
export async function authorizeCall(
  authorize: AuthorizeFunction | undefined,
  call: { toRequest(): Request },
): Promise<{ tag: string | undefined } | ProxyReply> {
  if (!authorize) return { tag: undefined };
  let decision: AuthorizeDecision;
  try {
    decision = toDecision(await authorize(call.toRequest()));
  } catch {
    return errorAnswer(500, 'InternalError', 'the authorization check failed');
  }
  if (decision.allow) return { tag: decision.tag };
  if ('response' in decision) return decision.response;
  return errorAnswer(decision.status, decision.code, decision.message, {
    headers: decision.headers,
  });
}
