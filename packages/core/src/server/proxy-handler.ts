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
import {
  createDurableGenerations,
  type DurableGenerations,
  isValidIdempotencyKey,
  ledgerId,
} from './durable-generations.js';
import { baseHeaders, errorResponse, proxyRequestId } from './error-response.js';
import { type ImageFetch, serveImageFile } from './files/image-files.js';
import { imageLinks, rewriteImageLinks } from './files/image-links.js';
import type { ImageStore } from './files/image-store.js';
import { type ImageKeepReport, keepImages } from './files/keep-images.js';
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
  /** With an `imageStore`: how many images of this answer were kept, and the first failure. */
  images?: ImageKeepReport;
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
  /**
   * Rewrites each image link of an answer to the same-origin
   * `{prefix}/v1/images/files/{key}/{index}` (served by this handler from the ledger or the
   * `imageStore`), keeping the original beside it as `upstream_image`. Default `false`.
   */
  rewriteImageURLs?: boolean;
  /**
   * Keeps a copy of every generated image when the answer arrives, so its same-origin URL works
   * after the signed link expires: `fileImageStore({ dir })` from `@tokenhub/image-core/node`, or
   * your own {@link ImageStore}. A store failure never fails the generation (see `onComplete`).
   */
  imageStore?: ImageStore;
}

/** A Web-standard request handler, as used by Next.js route handlers, Hono, Bun and Deno. */
export type ProxyHandler = (request: Request) => Promise<Response>;

const generationsPath = '/v1/images/generations';
const defaultBaseURL = 'https://tokenhub.link';
const maxUpstreamResponseBytes = 16 * 1024 * 1024;
const keyPathPattern = /^\/([^/]+)$/;
const filePathPattern = /^\/([^/]+)\/(0|[1-9]\d{0,3})$/;
const filesPath = '/v1/images/files';

/** What a request path asks for. */
type ProxyRoute =
  | { kind: 'generate' }
  | { kind: 'generation'; key: string }
  | { kind: 'file'; key: string; index: number }
  | { kind: 'none' };

const allowedMethods = {
  generate: ['POST'],
  generation: ['GET', 'DELETE'],
  file: ['GET'],
} as const;

/** The decoded key of a path segment, or undefined when it is not a usable key. */
function keyOf(segment: string | undefined): string | undefined {
  try {
    const key = decodeURIComponent(segment ?? '');
    return isValidIdempotencyKey(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Routes a request path under `prefix` (the generation routes only with a ledger). */
function matchRoute(pathname: string, prefix: string, durable: boolean): ProxyRoute {
  const generations = `${prefix}${generationsPath}`;
  if (pathname === generations) return { kind: 'generate' };
  if (!durable) return { kind: 'none' };
  if (pathname.startsWith(`${generations}/`)) {
    const key = keyOf(keyPathPattern.exec(pathname.slice(generations.length))?.[1]);
    return key ? { kind: 'generation', key } : { kind: 'none' };
  }
  const files = `${prefix}${filesPath}`;
  if (pathname.startsWith(`${files}/`)) {
    const match = filePathPattern.exec(pathname.slice(files.length));
    const key = keyOf(match?.[1]);
    return key ? { kind: 'file', key, index: Number(match?.[2]) } : { kind: 'none' };
  }
  return { kind: 'none' };
}

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
  const prefix = normalizePrefix(options.prefix ?? '/api/tokenhub');
  const endpoint = `${prefix}${generationsPath}`;
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

  const ledger = options.ledger === false ? undefined : (options.ledger ?? memoryLedger());
  if (!ledger && (options.rewriteImageURLs || options.imageStore)) {
    throw new TypeError(
      'createProxyHandler: rewriteImageURLs and imageStore serve images from the ledger; do not set ledger: false',
    );
  }
  const durable: DurableGenerations | undefined = ledger
    ? createDurableGenerations({
        ledger,
        waitUntil: options.waitUntil,
        leaseMs: positive('leaseMs', options.leaseMs, 30_000),
      })
    : undefined;
  // Image bytes are streamed with the platform fetch; a redirect is never followed.
  const fetchImage: ImageFetch = (url, init) =>
    globalThis.fetch(url, { ...init, redirect: 'manual' });

  /**
   * With an image store or link rewriting: keeps the images of a successful answer and points its
   * links at this handler. Other answers pass unchanged.
   */
  const withKeptImages = async (
    response: Response,
    id: string,
    key: string,
    report: (images: ImageKeepReport) => void,
  ): Promise<Response> => {
    if ((!options.imageStore && !options.rewriteImageURLs) || response.status >= 300) {
      return response;
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return new Response(text, response);
    }
    if (options.imageStore) {
      report(
        await keepImages({
          store: options.imageStore,
          fetch: fetchImage,
          id,
          links: imageLinks(json),
        }),
      );
    }
    const body = options.rewriteImageURLs
      ? JSON.stringify(
          rewriteImageLinks(
            json,
            (index) => `${prefix}${filesPath}/${encodeURIComponent(key)}/${index}`,
          ),
        )
      : text;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(body, { status: response.status, headers });
  };

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
    const route = matchRoute(pathname, prefix, durable !== undefined);
    if (route.kind === 'none') {
      return errorResponse(404, 'NotFound', `no such endpoint; POST ${endpoint}`);
    }
    const allowed: readonly string[] = allowedMethods[route.kind];
    if (!allowed.includes(request.method)) {
      return errorResponse(405, 'MethodNotAllowed', `use ${allowed.join(' or ')} here`, {
        headers: { allow: allowed.join(', ') },
      });
    }

    let tag: string | undefined;
    let images: ImageKeepReport | undefined;
    // Every answer that reached the upstream (or tried to) is reported to onComplete once.
    const finish = (response: Response): Response => {
      complete({
        tag,
        status: response.status,
        requestId: response.headers.get('x-request-id') ?? '',
        durationMs: Date.now() - started,
        ...(images ? { images } : {}),
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
    if (route.kind === 'generation' && durable) {
      return request.method === 'GET'
        ? durable.get(tag, route.key)
        : durable.cancel(tag, route.key);
    }
    if (route.kind === 'file' && ledger) {
      return serveImageFile({
        request,
        id: ledgerId(tag, route.key),
        index: route.index,
        ledger,
        imageStore: options.imageStore,
        fetch: fetchImage,
      });
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
        forward: async (signal, key) =>
          withKeptImages(
            await forward(bodyText, request.headers, signal),
            ledgerId(tag, key),
            key,
            (report) => {
              images = report;
            },
          ),
      }),
    );
  };
}
