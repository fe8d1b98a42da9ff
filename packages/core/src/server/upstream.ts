/** The proxy's upstream call and the answer it makes of what came back. */
import { parseErrorBody } from '../client/api-error.js';
import type { FetchFunction, FetchRequestInit, FetchResponse } from '../client/fetch-types.js';
import { abortReason, startDeadlineOn } from '../shared/abort.js';
import { isRecord } from '../shared/is-record.js';
import { redactJSON, redactSecret } from '../shared/redact.js';
import type { JSONAnswer } from './answer.js';
import { baseHeaders, errorAnswer, proxyRequestId } from './error-response.js';
import { copyResponseHeaders, upstreamHeaders } from './headers.js';
import type { HeaderReader } from './incoming.js';
import { UpstreamAbort } from './upstream-abort.js';

/** One upstream request as the proxy's transports take it: a fetch's, with the call's abort. */
export interface UpstreamRequest extends Omit<FetchRequestInit, 'signal'> {
  /** Aborts the request (a cancel, the time limit, or the caller going away without a ledger). */
  abort: UpstreamAbort;
}

/** A transport of the proxy: the built-in node:http one, or a `fetch` behind {@link sendWithFetch}. */
export type UpstreamSend = (url: string, init: UpstreamRequest) => Promise<FetchResponse>;

/** Sends through a `fetch`, which gets the abort as an `AbortSignal`. */
export function sendWithFetch(fetch: FetchFunction): UpstreamSend {
  return (url, { abort, ...init }) => fetch(url, { ...init, signal: abort.signal });
}

/** Where and how the proxy calls the gateway; fixed when the handler is created. */
export interface UpstreamTarget {
  /** The gateway's generations endpoint. */
  url: string;
  /** The server's key. */
  apiKey: string;
  /** Limit of the whole call (headers and body) in ms. */
  timeoutMs: number;
  /** The transport. */
  send: UpstreamSend;
}

/** What the upstream call produced. */
export interface UpstreamExchange {
  /** The answer, or `undefined` when none came (unreachable, or no headers in time). */
  response: FetchResponse | undefined;
  /** The body text, or `undefined` when over the cap, unreadable or cut by the timer. */
  raw: string | undefined;
  /** True when the timer ended the call. */
  timedOut: boolean;
}

/** Generation answers are small JSON; anything larger is refused as a 502. */
export const maxUpstreamResponseBytes = 16 * 1024 * 1024;

/** What the upstream call takes from the caller: its headers, and what may stop the call. */
export interface UpstreamCaller {
  /** The caller's headers (only the allow-listed ones are forwarded). */
  headers: HeaderReader;
  /** Without a ledger: the caller's connection, whose close aborts the call. */
  signal?: AbortSignal | undefined;
  /**
   * The call's own abort (a durable call's, aborted by a cancel), instead of `signal`: the timer
   * aborts it too.
   */
  abort?: UpstreamAbort | undefined;
}

/**
 * Forwards `bodyText` with the server's key and the allow-listed caller headers. Aborted by the
 * timer, by `caller.abort` or by `caller.signal`; never throws.
 */
export async function callUpstream(
  target: UpstreamTarget,
  caller: UpstreamCaller,
  bodyText: string,
): Promise<UpstreamExchange> {
  const { timeoutMs } = target;
  const abort = caller.abort ?? new UpstreamAbort();
  const { signal } = caller;
  const onCallerGone = signal ? () => abort.abort(abortReason(signal)) : undefined;
  if (signal && onCallerGone) {
    if (signal.aborted) onCallerGone();
    else signal.addEventListener('abort', onCallerGone, { once: true });
  }
  const deadline = startDeadlineOn(
    abort,
    timeoutMs,
    () => new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'),
  );
  try {
    const response = await target.send(target.url, {
      method: 'POST',
      headers: upstreamHeaders(caller.headers, target.apiKey),
      body: bodyText,
      abort,
      timeoutMs,
    });
    const declaredLength = Number(response.headers.get('content-length'));
    const raw =
      declaredLength > maxUpstreamResponseBytes
        ? undefined
        : await response.text().catch(() => undefined);
    return { response, raw, timedOut: deadline.timedOut() };
  } catch {
    return { response: undefined, raw: undefined, timedOut: deadline.timedOut() };
  } finally {
    deadline.dispose();
    if (signal && onCallerGone) signal.removeEventListener('abort', onCallerGone);
  }
}

/**
 * The answer for the caller: the upstream's status, JSON body (key scrubbed) and request id, with
 * the allow-listed headers. 504 when the timer ended the call, 502 when the gateway could not be
 * reached. A body that is not JSON (an HTML error page, a cut-off or oversized body) or a redirect
 * (never followed: the key must not travel elsewhere) becomes a JSON error with the upstream
 * status, or 502 when the upstream claimed success.
 */
export function answerFromUpstream(exchange: UpstreamExchange, target: UpstreamTarget): JSONAnswer {
  const { response: upstream, raw, timedOut } = exchange;
  const { apiKey, timeoutMs } = target;
  if (!upstream || (timedOut && raw === undefined)) {
    return timedOut
      ? errorAnswer(504, 'UpstreamTimeout', `TokenHub did not answer within ${timeoutMs} ms`)
      : errorAnswer(502, 'UpstreamUnavailable', 'could not reach TokenHub');
  }
  const text =
    raw === undefined || raw.length > maxUpstreamResponseBytes
      ? undefined
      : redactSecret(raw, apiKey);
  const json = text === undefined ? undefined : parseScrubbed(text, apiKey);
  const bodyRequestId =
    isRecord(json?.value) && typeof json.value.request_id === 'string'
      ? json.value.request_id
      : undefined;
  const requestId = upstream.headers.get('x-request-id') ?? bodyRequestId ?? proxyRequestId();
  const headers = baseHeaders(redactSecret(requestId, apiKey));
  copyResponseHeaders(upstream.headers, headers, apiKey);

  const isRedirect = upstream.status >= 300 && upstream.status < 400;
  if (json !== undefined && !isRedirect) {
    return { status: upstream.status, headers, body: json.text };
  }
  const status = upstream.status >= 400 ? upstream.status : 502;
  const summary =
    text === undefined ? 'an unreadable body' : parseErrorBody(text, upstream.status).message;
  return errorAnswer(
    status,
    status === 502 ? 'BadGateway' : 'UpstreamError',
    `TokenHub answered HTTP ${upstream.status} with a non-JSON body: ${summary}`,
    { requestId: headers['x-request-id'], headers },
  );
}

/**
 * A JSON body with the key scrubbed from what the caller decodes, or `undefined` when `text` is
 * not JSON. `text` was scrubbed as written; a body with escapes (`\u0073k-...`, `\/`) can still
 * decode to the key, so it is scrubbed again after parsing and serialised anew. Without a
 * backslash every decoded string is written out in `text` as is, and `text` is sent unchanged.
 */
function parseScrubbed(text: string, apiKey: string): { value: unknown; text: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!text.includes('\\')) return { value, text };
  const scrubbed = redactJSON(value, apiKey);
  return { value: scrubbed, text: JSON.stringify(scrubbed) };
}
