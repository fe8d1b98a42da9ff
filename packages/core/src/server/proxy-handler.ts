/**
 * The same-origin proxy: a Web-standard `(Request) => Promise<Response>` handler that forwards
 * `POST {prefix}/v1/images/generations` to the configured gateway with the server's key. Each step
 * is its own function: routing, authorization, reading the body, the upstream call, the answer.
 */
import type { FetchFunction } from '../client/fetch-types.js';
import { DEFAULT_BASE_URL, generationsURL } from '../shared/gateway.js';
import { numberOption } from '../shared/options.js';
import type { ModelRegistry } from '../validation/registry.js';
import { type JSONAnswer, type ProxyReply, toResponse } from './answer.js';
import { type AuthorizeFunction, authorizeCall } from './authorize.js';
import {
  createDurableGenerations,
  type DurableGenerations,
  ledgerId,
} from './durable-generations.js';
import type { ImageFetch } from './files/fetch-image.js';
import { serveImageFile } from './files/image-files.js';
import { imageLinks, rewriteImageLinks } from './files/image-links.js';
import type { ImageStore } from './files/image-store.js';
import { type ImageKeepReport, keepImages } from './files/keep-images.js';
import { fromWebRequest, type IncomingCall, registerCallServer } from './incoming.js';
import type { GenerationLedger } from './ledger/ledger.js';
import { memoryLedger } from './ledger/memory-ledger.js';
import { nodeHttpTransport } from './node-transport.js';
import { type BodyRules, readRequestBody } from './request-body.js';
import { FILES_PATH, routeRequest } from './route.js';
import {
  answerFromUpstream,
  callUpstream,
  maxUpstreamResponseBytes,
  sendWithFetch,
  type UpstreamCaller,
  type UpstreamTarget,
} from './upstream.js';

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
   * The `fetch` used for the upstream call. Default on Node: node:http(s) with keep-alive (as fast
   * as undici, and lighter than Node's `fetch`); elsewhere `globalThis.fetch`. Redirects are never
   * followed. `createNodeFetch()` from `@tokenhub/image-core/node` (an undici agent) or any
   * function with the shape of {@link FetchFunction} works.
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
 * Creates the proxy handler. It forwards `POST {prefix}/v1/images/generations` (other paths 404,
 * other methods 405 with `Allow`) to a gateway fixed by `baseURL`. It runs `authorize`,
 * reads the body up to `maxBodyBytes` (413), validates it with the core (400 `InvalidParameter`,
 * nothing sent upstream), replaces every caller header with the server's key and an allow-list,
 * and passes the upstream status, JSON body and request id back. Non-JSON upstream answers (an HTML
 * 502 page) become JSON errors with the same status. The key is scrubbed from anything returned.
 *
 * Generations are durable: each `Idempotency-Key` (within the `authorize` tag) reaches the upstream
 * once; a repeat joins the running call or replays its stored answer (`Idempotent-Replayed: true`);
 * a caller that disconnects does not stop it; `GET {prefix}/v1/images/generations/{key}` reads it
 * and `DELETE` cancels it. The default ledger lives in this process: give several replicas one
 * `redisLedger()`. With `rewriteImageURLs`/`imageStore`, images load from
 * `{prefix}/v1/images/files/{key}/{index}`.
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
  const upstream: UpstreamTarget = {
    url: generationsURL(normalizeBaseURL(options.baseURL ?? DEFAULT_BASE_URL)),
    apiKey,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 300_000),
    send:
      (options.fetch && sendWithFetch(options.fetch)) ??
      nodeHttpTransport(maxUpstreamResponseBytes) ??
      sendWithFetch((input, init) =>
        // `manual`: a redirect is never followed, so the key cannot travel to another host.
        globalThis.fetch(input, { ...init, redirect: 'manual' }),
      ),
  };
  const bodyRules: BodyRules = {
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 30 * 1024 * 1024),
    validate: options.validate ?? true,
    registry: options.registry,
  };

  const { onComplete } = options;
  // Undefined without a hook, so a call builds no completion nobody reads.
  const complete = onComplete
    ? (completion: ProxyCompletion) => {
        try {
          onComplete(completion);
        } catch {
          // A failing accounting hook must not turn a paid, successful generation into an error.
        }
      }
    : undefined;

  const keepsImages = options.imageStore !== undefined || options.rewriteImageURLs === true;
  const ledger = options.ledger === false ? undefined : (options.ledger ?? memoryLedger());
  if (!ledger && keepsImages) {
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
  // Image bytes are streamed with the platform fetch (`fetchImage` never follows a redirect).
  const imageFetch: ImageFetch = (url, init) => globalThis.fetch(url, init);

  /**
   * With an image store or link rewriting: keeps the images of a successful answer and points its
   * links at this handler. Other answers pass unchanged.
   */
  const withKeptImages = async (
    answer: JSONAnswer,
    id: string,
    key: string,
    report: (images: ImageKeepReport) => void,
  ): Promise<JSONAnswer> => {
    if (answer.status >= 300) return answer;
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      return answer;
    }
    if (options.imageStore) {
      report(
        await keepImages({
          store: options.imageStore,
          fetch: imageFetch,
          id,
          links: imageLinks(json),
        }),
      );
    }
    if (!options.rewriteImageURLs) return answer;
    const body = JSON.stringify(
      rewriteImageLinks(
        json,
        (index) => `${prefix}${FILES_PATH}/${encodeURIComponent(key)}/${index}`,
      ),
    );
    return { ...answer, body };
  };

  /** Calls upstream once; the call's abort (a cancel) or, without a ledger, the caller's signal stops it. */
  const forward = async (caller: UpstreamCaller, bodyText: string): Promise<JSONAnswer> =>
    answerFromUpstream(await callUpstream(upstream, caller, bodyText), upstream);

  const serve = async (call: IncomingCall): Promise<ProxyReply> => {
    const started = Date.now();
    const route = routeRequest(call, prefix, durable !== undefined);
    if (!('kind' in route)) return route;
    const authorized = await authorizeCall(options.authorize, call);
    if (!('tag' in authorized)) return authorized;
    const { tag } = authorized;
    if (route.kind === 'generation' && durable) {
      return call.method === 'GET' ? durable.get(tag, route.key) : durable.cancel(tag, route.key);
    }
    if (route.kind === 'file' && ledger) {
      return serveImageFile({
        request: call.toRequest(),
        id: ledgerId(tag, route.key),
        index: route.index,
        ledger,
        imageStore: options.imageStore,
        fetch: imageFetch,
      });
    }
    const read = await readRequestBody(call, bodyRules);
    if (!('text' in read)) return read;
    let images: ImageKeepReport | undefined;
    const answer = durable
      ? await durable.post({
          scope: tag,
          idempotencyKey: call.headers.get('idempotency-key'),
          bodyText: read.text,
          caller: call,
          forward: async (abort, key) => {
            const fresh = await forward({ headers: call.headers, abort }, read.text);
            if (!keepsImages) return fresh;
            return withKeptImages(fresh, ledgerId(tag, key), key, (report) => {
              images = report;
            });
          },
        })
      : await forward(call, read.text);
    // Every answer that reached the upstream (or tried to) is reported to onComplete once.
    complete?.({
      tag,
      status: answer.status,
      requestId: answer.headers['x-request-id'] ?? '',
      durationMs: Date.now() - started,
      ...(images ? { images } : {}),
    });
    return answer;
  };

  return registerCallServer(async function tokenHubProxy(request: Request): Promise<Response> {
    return toResponse(await serve(fromWebRequest(request)));
  }, serve);
}
