/**
 * Turns an error response (any of the gateway's shapes, or a proxy's HTML page) into a
 * {@link TokenHubAPIError}. Pure: the caller reads the body and passes its text.
 */
import { TokenHubAPIError } from '../errors.js';
import { isRecord, nonEmptyString } from '../shared/is-record.js';
import { redactHeader, redactJSON, redactSecret } from '../shared/redact.js';
import { type HeaderReader, parseRetryAfterMs } from './retry.js';

/** What could be read from an error body. */
export interface ParsedErrorBody {
  /** Upstream error code (`InvalidParameter`, `Throttling.RateQuota`, ...), when present. */
  code: string | undefined;
  /** The gateway's message, or a short summary of a non-JSON body. */
  message: string;
  /** `request_id` from the body, when present. */
  requestId: string | undefined;
  /** Parsed JSON when the body was JSON, otherwise the text. */
  body: unknown;
}

const maxSummaryLength = 200;

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    const text = typeof value === 'number' ? String(value) : nonEmptyString(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > maxSummaryLength ? `${text.slice(0, maxSummaryLength - 1)}…` : text;
}

/**
 * A one-line summary of a non-JSON body: the HTML `<title>` (or `<h1>`) when there is one,
 * otherwise the text without tags, whitespace collapsed, at most 200 characters.
 */
export function summarizeText(text: string): string {
  const heading =
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ??
    /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
  const source = heading ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ');
  const plain = source
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(plain);
}

/**
 * Reads an error body in any shape the gateway uses:
 * `{code, message, request_id}` (upstream), `{error: {code, message, type}}` (OpenAI-compatible),
 * `{error: "text"}`, `{message}`, or a non-JSON body such as a proxy's HTML 502 page.
 *
 * @param text - The response body as text.
 * @param status - HTTP status, used for the message of an empty body.
 * @param secret - Scrubbed from the text and from every decoded string (see `redactJSON`).
 */
export function parseErrorBody(
  text: string,
  status: number,
  secret?: string | undefined,
): ParsedErrorBody {
  let json: unknown;
  try {
    json = text === '' ? undefined : redactJSON(JSON.parse(text), secret);
  } catch {
    json = undefined;
  }
  if (!isRecord(json)) {
    const summary = text.trim() === '' ? `HTTP ${status} with an empty body` : summarizeText(text);
    return {
      code: undefined,
      message: summary || `HTTP ${status}`,
      requestId: undefined,
      body: json ?? text,
    };
  }
  // `{error: {...}}` is read first, then the top level: each field from the first place that has it.
  const nested = isRecord(json.error) ? json.error : {};
  return {
    code: stringField(nested, 'code', 'type') ?? stringField(json, 'code', 'error_code', 'type'),
    message: truncate(
      stringField(nested, 'message') ??
        stringField(json, 'message', 'error_message', 'msg') ??
        nonEmptyString(json.error) ??
        `HTTP ${status}`,
    ),
    requestId: stringField(nested, 'request_id') ?? stringField(json, 'request_id', 'requestId'),
    body: json,
  };
}

/** Input of {@link createAPIErrorFromResponse}. */
export interface ErrorResponseInit {
  /** HTTP status. */
  status: number;
  /** Response headers (`x-request-id`, `retry-after-ms`, `Retry-After`). */
  headers: HeaderReader;
  /** The body as text. */
  text: string;
  /** The API key, scrubbed from the body before anything keeps it. */
  secret?: string | undefined;
  /** Current time for `Retry-After` dates (injectable for tests). */
  now?: number;
}

/**
 * Builds the {@link TokenHubAPIError} for an error response: code, message and request id from
 * the body (request id falls back to the `x-request-id` header), the server's requested wait,
 * and `retryable` from the status (408, 409, 429, 5xx).
 */
export function createAPIErrorFromResponse(init: ErrorResponseInit): TokenHubAPIError {
  const parsed = parseErrorBody(redactSecret(init.text, init.secret), init.status, init.secret);
  return new TokenHubAPIError({
    status: init.status,
    code: parsed.code,
    message: parsed.message,
    requestId: parsed.requestId ?? redactHeader(init.headers.get('x-request-id'), init.secret),
    body: parsed.body,
    retryAfterMs: parseRetryAfterMs(init.headers, init.now),
  });
}
