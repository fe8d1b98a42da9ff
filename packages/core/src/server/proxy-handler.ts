/**
 * The same-origin proxy: a Web-standard `(Request) => Promise<Response>` handler that forwards
 * `POST {prefix}/v1/images/generations` to the configured gateway with the server's key. Each step
 * is its own function: routing, authorization, reading the body, the upstream call, the answer.
 */
import type { FetchFunction } from '../client/fetch-types.js';
import { DEFAULT_BASE_URL, GENERATIONS_PATH, generationsURL } from '../shared/gateway.js';
import { numberOption } from '../shared/options.js';
import type { ModelRegistry } from '../validation/registry.js';
import { type AuthorizeFunction, authorizeCall } from './authorize.js';
import { type BodyRules, readRequestBody } from './request-body.js';
import { routeRefusal } from './route.js';
import { answerFromUpstream, callUpstream, type UpstreamTarget } from './upstream.js';

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
  /** The gateway origin the proxy forwards to; fixed here, never taken from a request. Default {@link DEFAULT_BASE_URL}. */
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
}

/** A Web-standard request handler, as used by Next.js route handlers, Hono, Bun and Deno. */
export type ProxyHandler = (request: Request) => Promise<Response>;

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

function positive(name: string, value: number | undefined, fallback: number): number {
  return numberOption(value, fallback, { owner: 'createProxyHandler', name, min: 1 });
}

/**
 * Creates the proxy handler. It forwards only `POST {prefix}/v1/images/generations` (other paths
 * 404, other methods 405 with `Allow: POST`), to a gateway fixed by `baseURL`. It runs `authorize`,
 * reads the body up to `maxBodyBytes` (413), validates it with the core (400 `InvalidParameter`,
 * nothing sent upstream), replaces every caller header with the server's key and an allow-list,
 * and passes the upstream status, JSON body and request id back. Non-JSON upstream answers (an HTML
 * 502 page) become JSON errors with the same status. The key is scrubbed from anything returned.
 * The handler keeps no state between requests: run as many replicas as you like.
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
  const endpoint = `${normalizePrefix(options.prefix ?? '/api/tokenhub')}${GENERATIONS_PATH}`;
  const upstream: UpstreamTarget = {
    url: generationsURL(normalizeBaseURL(options.baseURL ?? DEFAULT_BASE_URL)),
    apiKey,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 300_000),
    fetch:
      options.fetch ??
      ((input, init) =>
        // `manual`: a redirect is never followed, so the key cannot travel to another host.
        globalThis.fetch(input, { ...init, redirect: 'manual' })),
  };
  const bodyRules: BodyRules = {
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 30 * 1024 * 1024),
    validate: options.validate ?? true,
    registry: options.registry,
  };

  const complete = (completion: ProxyCompletion) => {
    try {
      options.onComplete?.(completion);
    } catch {
      // A failing accounting hook must not turn a paid, successful generation into an error.
    }
  };

  return async function tokenHubProxy(request: Request): Promise<Response> {
    const started = Date.now();
    const refused = routeRefusal(request, endpoint);
    if (refused) return refused;
    const authorized = await authorizeCall(options.authorize, request);
    if (authorized instanceof Response) return authorized;
    const read = await readRequestBody(request, bodyRules);
    if (read instanceof Response) return read;
    const exchange = await callUpstream(upstream, request, read.text);
    const response = answerFromUpstream(exchange, upstream);
    // Every answer that reached the upstream (or tried to) is reported to onComplete once.
    complete({
      tag: authorized.tag,
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? '',
      durationMs: Date.now() - started,
    });
    return response;
  };
}
