/**
 * The same-origin proxy: a Web-standard `(Request) => Promise<Response>` handler that forwards
 * `POST {prefix}/v1/images/generations` to the configured gateway with the server's key.
 */
import { parseErrorBody, redactSecret } from '../client/api-error.js';
import type { FetchFunction, FetchResponse } from '../client/fetch-types.js';
import type { ValidationIssue } from '../validation/issue.js';
import type { ModelRegistry } from '../validation/registry.js';
import { validateImageRequest } from '../validation/validate.js';
import { type AuthorizeFunction, toDecision } from './authorize.js';
import { createDurableGenerations, type DurableGenerations } from './durable-generations.js';
import { baseHeaders, errorResponse, proxyRequestId } from './error-response.js';
import { copyResponseHeaders, upstreamHeaders } from './headers.js';
import type { GenerationLedger } from './ledger/ledger.js';
import { memoryLedger } from './ledger/memory-ledger.js';
import { readBodyCapped } from './read-body.js';

/** What `onComplete` receives after each forwarded call (no headers, no body, no key). */
export interface ProxyCompletion {
  /** The tag `authorize` returned, e.g. a user id. */
  tag: string | undefined;
  /** The status sent to the caller. */
  status: number;
  /** The request id sent to the caller (the upstream's when it gave one). */
  requestId: string;
  /** Time from receiving the request to having the upstream answer, in ms. */
  durationMs: number;
}

/** Options of {@link createProxyHandler}. */
export interface ProxyHandlerOptions {
  /** The server's TokenHub key. Sent upstream only; never returned, logged or put in an error. */
  apiKey: string;
  /** The gateway origin the proxy forwards to; fixed here, never taken from a request. Default `https://tokenhub.link`. */
  baseURL?: string;
  /** Path the handler serves under; it answers `POST {prefix}/v1/images/generations`. Default `/api/tokenhub`. */
  prefix?: string;
  /** Checks the caller before the body is read: allow (optionally with a tag), reject (401/403/429) or answer itself. */
  authorize?: AuthorizeFunction;
  /** Largest accepted request body in bytes (413 above). Default 30 MiB (two 20 MB images as base64 do not fit: send URLs). */
  maxBodyBytes?: number;
  /** Limit for the upstream call in ms (504 after). Default 300000 (a group of images takes about a minute). */
  timeoutMs?: number;
  /**
   * The `fetch` used for the upstream call. Default `globalThis.fetch` (redirects not followed).
   * On Node, `createNodeFetch()` from `@tokenhub/image-core/node` (an undici keep-alive agent) is
   * faster. Any function with the shape of {@link FetchFunction} works.
   */
  fetch?: FetchFunction;
  /** Validate bodies with the core before spending money (400 on errors). Default true. */
  validate?: boolean;
  /** Model rules for validation. Default the built-in registry. */
  registry?: ModelRegistry;
  /** Called once per forwarded call, for accounting and per-user limits. Errors it throws are ignored. */
  onComplete?: (completion: ProxyCompletion) => void;
  /**
   * Where generations are recorded, so that each `Idempotency-Key` (per `authorize` tag) is
   * generated once, survives the caller's disconnect, and can be fetched again with
   * `GET {prefix}/v1/images/generations/{key}`. Default `memoryLedger()` (one process); use
   * `redisLedger()` from `@tokenhub/image-core/server/redis` for several replicas. `false` turns
   * it off: every call goes upstream and a caller that disconnects aborts it.
   */
  ledger?: GenerationLedger | false;
  /**
   * Keeps a generation running after its response on serverless platforms: pass Vercel's
   * `waitUntil` (`@vercel/functions`) or bind Cloudflare's `ctx.waitUntil`.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * How long a replica's claim on a generation holds without renewal, in ms (renewed every third).
   * When a replica dies mid-call, other replicas see the generation `lost` this long after.
   * Default 30000.
   */
  leaseMs?: number;
}

/** A Web-standard request handler, as used by Next.js route handlers, Hono, Bun and Deno. */
export type ProxyHandler = (request: Request) => Promise<Response>;

const generationsPath = '/v1/images/generations';
const defaultBaseURL = 'https://tokenhub.link';
const maxUpstreamResponseBytes = 16 * 1024 * 1024;
const keyPathPattern = /^\/([^/]+)$/;

function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/')) {
    throw new TypeError(`createProxyHandler: prefix must start with "/", got "${prefix}"`);
  }
  return trimmed;
}

function normalizeBaseURL(baseURL: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    throw new TypeError('createProxyHandler: baseURL must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('createProxyHandler: baseURL must be an absolute http(s) URL');
  }
  return parsed.toString().replace(/\/+$/, '');
}

function summarizeIssues(issues: ValidationIssue[]): string {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
  return `invalid image request: ${lines.join('; ')}`;
}

function isJSONContentType(value: string | null): boolean {
  const type = (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved <= 0) {
    throw new TypeError(`createProxyHandler: ${name} must be a positive number`);
  }
  return resolved;
}

/**
 * Creates the proxy handler. It forwards only `POST {prefix}/v1/images/generations` (other paths
 * 404, other methods 405 with `Allow: POST`), to a gateway fixed by `baseURL`. It runs `authorize`,
 * reads the body up to `maxBodyBytes` (413), validates it with the core (400 `InvalidParameter`,
 * nothing sent upstream), replaces every caller header with the server's key and an allow-list,
 * and passes the upstream status, JSON body and request id back. Non-JSON upstream answers (an HTML
 * 502 page) become JSON errors with the same status. The key is scrubbed from anything returned.
 *
 * Generations are durable: each `Idempotency-Key` (within the `authorize` tag) reaches the upstream
 * once; a repeat joins the running call or replays its stored answer (`Idempotent-Replayed: true`);
 * a caller that disconnects does not stop it; `GET {prefix}/v1/images/generations/{key}` reads it
 * and `DELETE` cancels it. The default ledger lives in this process: give several replicas one
 * `redisLedger()`.
 *
 * @example
 * ```ts
 * // app/api/tokenhub/v1/images/generations/route.ts (Next.js)
 * const handler = createProxyHandler({ apiKey: process.env.TOKENHUB_API_KEY! });
 * export const POST = handler;
 * ```
 */
export function createProxyHandler(options: ProxyHandlerOptions): ProxyHandler {
  const apiKey = options.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError(
      'createProxyHandler: apiKey is required (read it from an environment variable on the server)',
    );
  }
  const endpoint = `${normalizePrefix(options.prefix ?? '/api/tokenhub')}${generationsPath}`;
  const upstreamURL = `${normalizeBaseURL(options.baseURL ?? defaultBaseURL)}${generationsPath}`;
  const maxBodyBytes = positive('maxBodyBytes', options.maxBodyBytes, 30 * 1024 * 1024);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 300_000);
  const fetchUpstream: FetchFunction =
    options.fetch ??
    ((input, init) =>
      // `manual`: a redirect is never followed, so the key cannot travel to another host.
      globalThis.fetch(input, { ...init, redirect: 'manual' }));
  const shouldValidate = options.validate ?? true;
  const registry = options.registry;

  const complete = (completion: ProxyCompletion) => {
    try {
      options.onComplete?.(completion);
    } catch {
      // A failing accounting hook must not turn a paid, successful generation into an error.
    }
  };

  const durable: DurableGenerations | undefined =
    options.ledger === false
      ? undefined
      : createDurableGenerations({
          ledger: options.ledger ?? memoryLedger(),
          waitUntil: options.waitUntil,
          leaseMs: positive('leaseMs', options.leaseMs, 30_000),
        });

  /** Calls upstream once and turns its answer into the response for the caller. */
  const forward = async (
    bodyText: string,
    incoming: Headers,
    signal: AbortSignal | undefined,
  ): Promise<Response> => {
    // One controller per call (cheaper than AbortSignal.timeout + AbortSignal.any on a hot path):
    // aborted by the timer or by `signal` (a cancel, or the caller going away without a ledger).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const callerGone = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', callerGone, { once: true });
    let upstream: FetchResponse | undefined;
    let raw: string | undefined;
    try {
      upstream = await fetchUpstream(upstreamURL, {
        method: 'POST',
        headers: upstreamHeaders(incoming, apiKey),
        body: bodyText,
        signal: controller.signal,
        timeoutMs,
      });
      // Generation answers are small JSON; an oversized or unreadable body becomes a 502 below.
      const declaredLength = Number(upstream.headers.get('content-length'));
      raw =
        declaredLength > maxUpstreamResponseBytes
          ? undefined
          : await upstream.text().catch(() => undefined);
    } catch {
      upstream = undefined;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', callerGone);
    }
    if (!upstream || (timedOut && raw === undefined)) {
      const response = timedOut
        ? errorResponse(504, 'UpstreamTimeout', `TokenHub did not answer within ${timeoutMs} ms`)
        : errorResponse(502, 'UpstreamUnavailable', 'could not reach TokenHub');
      return response;
    }
    const text =
      raw === undefined || raw.length > maxUpstreamResponseBytes
        ? undefined
        : redactSecret(raw, apiKey);
    let json: unknown;
    try {
      json = text === undefined ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const bodyRequestId =
      typeof json === 'object' &&
      json !== null &&
      typeof (json as { request_id?: unknown }).request_id === 'string'
        ? (json as { request_id: string }).request_id
        : undefined;
    const requestId = upstream.headers.get('x-request-id') ?? bodyRequestId ?? proxyRequestId();
    const headers = baseHeaders(redactSecret(requestId, apiKey));
    copyResponseHeaders(upstream.headers, headers);

    let response: Response;
    const isRedirect = upstream.status >= 300 && upstream.status < 400;
    if (text !== undefined && json !== undefined && !isRedirect) {
      response = new Response(text, { status: upstream.status, headers });
    } else {
      // Not JSON (an HTML error page from a proxy, a cut-off or oversized body) or a redirect
      // (never followed: the key must not travel elsewhere): a JSON error with the upstream
      // status, or 502 when the upstream claimed success.
      const status = upstream.status >= 400 ? upstream.status : 502;
      const summary =
        text === undefined ? 'an unreadable body' : parseErrorBody(text, upstream.status).message;
      response = errorResponse(
        status,
        status === 502 ? 'BadGateway' : 'UpstreamError',
        `TokenHub answered HTTP ${upstream.status} with a non-JSON body: ${summary}`,
        {
          requestId: headers.get('x-request-id') ?? undefined,
          headers: Object.fromEntries(headers),
        },
      );
    }
    return response;
  };

  return async function tokenHubProxy(request: Request): Promise<Response> {
    const started = Date.now();
    const pathname = new URL(request.url, 'http://localhost').pathname.replace(/\/+$/, '');
    const keyMatch =
      durable && pathname.startsWith(`${endpoint}/`)
        ? keyPathPattern.exec(pathname.slice(endpoint.length))
        : null;
    if (pathname !== endpoint && !keyMatch) {
      return errorResponse(404, 'NotFound', `no such endpoint; POST ${endpoint}`);
    }
    const allowed = keyMatch ? ['GET', 'DELETE'] : ['POST'];
    if (!allowed.includes(request.method)) {
      return errorResponse(405, 'MethodNotAllowed', `use ${allowed.join(' or ')} here`, {
        headers: { allow: allowed.join(', ') },
      });
    }

    let tag: string | undefined;
    // Every answer that reached the upstream (or tried to) is reported to onComplete once.
    const finish = (response: Response): Response => {
      complete({
        tag,
        status: response.status,
        requestId: response.headers.get('x-request-id') ?? '',
        durationMs: Date.now() - started,
      });
      return response;
    };
    if (options.authorize) {
      let decision: ReturnType<typeof toDecision>;
      try {
        decision = toDecision(await options.authorize(request));
      } catch {
        return errorResponse(500, 'InternalError', 'the authorization check failed');
      }
      if (!decision.allow) {
        if ('response' in decision) return decision.response;
        return errorResponse(decision.status, decision.code, decision.message, {
          headers: decision.headers,
        });
      }
      tag = decision.tag;
    }
    if (keyMatch && durable) {
      const key = decodeURIComponent(keyMatch[1] ?? '');
      return request.method === 'GET' ? durable.get(tag, key) : durable.cancel(tag, key);
    }

    if (!isJSONContentType(request.headers.get('content-type'))) {
      return errorResponse(
        415,
        'InvalidParameter',
        'the body must be JSON (Content-Type: application/json)',
      );
    }
    const read = await readBodyCapped(request, maxBodyBytes).catch(() => undefined);
    if (!read) {
      // The caller went away or the stream broke mid-body: nothing to forward.
      return errorResponse(400, 'InvalidParameter', 'the request body could not be read');
    }
    if (!read.ok) {
      return errorResponse(
        413,
        'RequestTooLarge',
        `the request body is over the ${maxBodyBytes}-byte limit; send large images as URLs instead of data URIs`,
      );
    }
    let body: unknown;
    const bodyText = new TextDecoder().decode(read.bytes);
    try {
      body = JSON.parse(bodyText);
    } catch {
      return errorResponse(400, 'InvalidParameter', 'the request body is not valid JSON');
    }
    if (shouldValidate) {
      const result = validateImageRequest(body, registry ? { registry } : {});
      if (!result.ok) {
        return errorResponse(400, 'InvalidParameter', summarizeIssues(result.errors), {
          extra: { errors: result.errors, warnings: result.warnings },
        });
      }
    }

    if (!durable) return finish(await forward(bodyText, request.headers, request.signal));
    return finish(
      await durable.post({
        scope: tag,
        idempotencyKey: request.headers.get('idempotency-key'),
        bodyText,
        signal: request.signal,
        forward: (signal) => forward(bodyText, request.headers, signal),
      }),
    );
  };
}
