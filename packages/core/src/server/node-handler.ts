/**
 * Adapter from the Web-standard handler to node:http, Connect and Express. Written against the
 * small structural subset of `IncomingMessage`/`ServerResponse` it uses, so this entry imports no
 * Node built-in and its types do not require `@types/node`.
 */
import { headerRecordReader } from '../shared/header-record.js';
import type { ProxyReply } from './answer.js';
import { errorAnswer } from './error-response.js';
import {
  callServerOf,
  type HeaderReader,
  type IncomingCall,
  pathnameOf,
  type ServeCall,
} from './incoming.js';
import type { ProxyHandler } from './proxy-handler.js';
import { type CappedBody, concat, readBodyCapped } from './read-body.js';

// One encoder for every call: a JSON answer is encoded on each response.
const utf8 = new TextEncoder();

/** The part of node:http's `IncomingMessage` (or Express' `Request`) the adapter reads. */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  /** HTTP method. */
  method?: string | undefined;
  /** Path and query; Connect/Express strip the mount path from it. */
  url?: string | undefined;
  /** Express/Connect: the path before the mount path was stripped. */
  originalUrl?: string | undefined;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** A body already parsed by a body-parser middleware (e.g. `express.json()`), if any. */
  body?: unknown;
  /** True once the body stream was read to the end (by a body-parser). */
  readableEnded?: boolean | undefined;
}

/** The part of node:http's `ServerResponse` the adapter writes to. */
export interface NodeResponseLike {
  /** Status code to send. */
  statusCode: number;
  /** Sets one response header. */
  setHeader(name: string, value: string | string[]): unknown;
  /** Writes a chunk; false means wait for `drain`. */
  write(chunk: Uint8Array): boolean;
  /** Ends the response, optionally with a last chunk. */
  end(chunk?: Uint8Array | string): unknown;
  /** Waits for `drain` or `close`. */
  once(event: 'drain' | 'close', listener: () => void): unknown;
  /** True once the headers are out. */
  headersSent?: boolean;
  /** True once the connection is gone. */
  destroyed?: boolean;
  /** True once the whole response was handed to the OS. */
  writableFinished?: boolean;
}

/** A node:http / Connect / Express middleware. */
export type NodeHandler = (
  request: NodeRequestLike,
  response: NodeResponseLike,
  next?: (error?: unknown) => void,
) => Promise<void>;

// Hop-by-hop headers describe one connection, not the message, and Request rejects some of them.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function toHeaders(raw: NodeRequestLike['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || hopByHop.has(name.toLowerCase()) || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

function toChunk(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return utf8.encode(String(chunk));
}

/** A body a body-parser (e.g. `express.json()`) already read from the stream, as sent on. */
function parsedBody(request: NodeRequestLike): string | Uint8Array<ArrayBuffer> | undefined {
  const parsed = request.body;
  if (request.readableEnded !== true || parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'string') return parsed;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  return JSON.stringify(parsed);
}

function hasBody(request: NodeRequestLike): boolean {
  const method = (request.method ?? 'GET').toUpperCase();
  return method !== 'GET' && method !== 'HEAD';
}

/** The body of a Web `Request` made from `request`. */
function webBodyOf(request: NodeRequestLike, headers: Headers): BodyInit | undefined {
  if (!hasBody(request)) return undefined;
  const parsed = parsedBody(request);
  if (parsed !== undefined) {
    headers.delete('content-length');
    return parsed;
  }
  const iterator = request[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(toChunk(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** `request` as a Web `Request`, aborted by `signal`. */
function toWebRequest(request: NodeRequestLike, target: string, signal: AbortSignal): Request {
  const headers = toHeaders(request.headers);
  const body = webBodyOf(request, headers);
  return new Request(new URL(target, 'http://localhost'), {
    method: request.method ?? 'GET',
    headers,
    signal,
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  } as RequestInit);
}

const tooLarge: CappedBody = { ok: false, reason: 'too-large' };

/** The events of node:http's `IncomingMessage` that carry its body. */
interface BodyEvents {
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event: 'data'): unknown;
}

function hasBodyEvents(request: NodeRequestLike): request is NodeRequestLike & BodyEvents {
  const candidate = request as Partial<BodyEvents>;
  return typeof candidate.on === 'function' && typeof candidate.removeAllListeners === 'function';
}

/**
 * Collects the chunks of `request` until it ends, or until they pass `maxBytes` (then it stops
 * reading and closes the stream). Rejects when the caller leaves mid-body. Events where the stream
 * has them (node:http): its async iterator costs more than the rest of reading a small body.
 */
function collectChunks(request: NodeRequestLike, maxBytes: number): Promise<CappedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  /** Adds a chunk; false once the body is over the cap. */
  const add = (value: unknown): boolean => {
    const chunk = toChunk(value);
    total += chunk.byteLength;
    chunks.push(chunk);
    return total <= maxBytes;
  };
  if (!hasBodyEvents(request)) {
    return (async () => {
      for await (const value of request) if (!add(value)) return tooLarge;
      return { ok: true, bytes: concat(chunks, total) };
    })();
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    request.on('data', (value) => {
      if (settled || add(value)) return;
      settled = true;
      request.removeAllListeners('data');
      // As a Web body's cancel does: the rest is not read, the stream is closed.
      void request[Symbol.asyncIterator]().return?.();
      resolve(tooLarge);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ ok: true, bytes: concat(chunks, total) });
    });
    request.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    request.on('close', () => {
      if (!settled) reject(new Error('the caller closed the connection mid-body'));
      settled = true;
    });
  });
}

/**
 * Reads the body of `request` from the stream as {@link readBodyCapped} reads a Web body: a
 * declared `Content-Length` over the cap is refused before reading, a stream that grows past it
 * is stopped at the first chunk over.
 */
async function readNodeBody(request: NodeRequestLike, maxBytes: number): Promise<CappedBody> {
  if (!hasBody(request)) return { ok: true, bytes: new Uint8Array(0) };
  const parsed = parsedBody(request);
  if (parsed !== undefined) {
    const bytes = typeof parsed === 'string' ? utf8.encode(parsed) : parsed;
    return bytes.byteLength > maxBytes ? tooLarge : { ok: true, bytes };
  }
  const declared = request.headers['content-length'];
  if (typeof declared === 'string' && Number(declared) > maxBytes) {
    await request[Symbol.asyncIterator]().return?.();
    return tooLarge;
  }
  return collectChunks(request, maxBytes);
}

/**
 * `request` as an {@link IncomingCall}: headers and body straight from node:http; the Web `Request`
 * is built only when asked for (then the body is read through it). A class rather than an object of
 * closures: a call's closures kept its request and response reachable for longer, and more of each
 * call survived into the old generation (measured with `--trace-gc-nvp`).
 */
class NodeCall implements IncomingCall {
  readonly method: string;
  readonly pathname: string;
  readonly headers: HeaderReader;
  readonly #request: NodeRequestLike;
  readonly #response: NodeResponseLike;
  readonly #target: string;
  #webRequest: Request | undefined;
  #controller: AbortController | undefined;

  constructor(request: NodeRequestLike, response: NodeResponseLike) {
    const target = request.originalUrl ?? request.url ?? '/';
    this.method = request.method ?? 'GET';
    this.pathname = pathnameOf(target);
    this.headers = headerRecordReader(request.headers);
    this.#request = request;
    this.#response = response;
    this.#target = target;
  }

  /**
   * Aborts when the caller leaves before its response is complete; made on first read. Most calls
   * never read it (with the ledger, a caller's leaving does not stop its generation), so they pay
   * for neither the controller nor a `close` listener.
   */
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    const response = this.#response;
    // A caller that already left has a destroyed, unfinished response. `close` also fires after a
    // complete response; only a caller that leaves early aborts.
    if (response.destroyed === true && response.writableFinished !== true) controller.abort();
    else response.once('close', () => response.writableFinished !== true && controller.abort());
    return controller.signal;
  }

  readBody(maxBytes: number): Promise<CappedBody> {
    return this.#webRequest
      ? readBodyCapped(this.#webRequest, maxBytes)
      : readNodeBody(this.#request, maxBytes);
  }

  toRequest(): Request {
    this.#webRequest ??= toWebRequest(this.#request, this.#target, this.signal);
    return this.#webRequest;
  }
}

function drained(target: NodeResponseLike): Promise<void> {
  return new Promise<void>((resolve) => {
    target.once('drain', resolve);
    target.once('close', resolve);
  });
}

async function writeResponse(response: Response, target: NodeResponseLike): Promise<void> {
  target.statusCode = response.status;
  response.headers.forEach((value, name) => {
    target.setHeader(name, value);
  });
  if (!response.body) {
    target.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    // Most answers are one small JSON chunk: send it with the headers in a single write.
    const first = await reader.read();
    if (first.done) {
      target.end();
      return;
    }
    const second = await reader.read();
    if (second.done) {
      target.setHeader('content-length', String(first.value.byteLength));
      target.end(first.value);
      return;
    }
    for (const chunk of [first.value, second.value]) {
      if (!target.write(chunk)) await drained(target);
    }
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (target.destroyed) {
        await reader.cancel();
        return;
      }
      if (!target.write(value)) await drained(target);
    }
  } finally {
    reader.releaseLock();
  }
  target.end();
}

// Printable ASCII and JSON's whitespace: one byte per character, so the text can be sent as it is
// (anything else takes the encoding path).
const ascii = /^[\t\n\r -~]*$/;

/** Writes a reply: a JSON answer in one write, a `Response` streamed. */
async function writeReply(reply: ProxyReply, target: NodeResponseLike): Promise<void> {
  if (reply instanceof Response) return writeResponse(reply, target);
  // Answers are mostly ASCII JSON: node:http writes such a string with the headers, no encoding step.
  const body = ascii.test(reply.body) ? reply.body : utf8.encode(reply.body);
  const length = typeof body === 'string' ? body.length : body.byteLength;
  const headers = { ...reply.headers, 'content-length': String(length) };
  if (hasWriteHead(target)) {
    // node:http's own path: one call for status and headers instead of one `setHeader` each.
    target.writeHead(reply.status, headers);
  } else {
    target.statusCode = reply.status;
    for (const [name, value] of Object.entries(headers)) target.setHeader(name, value);
  }
  target.end(body);
}

/** node:http's `writeHead`, which `NodeResponseLike` does not require. */
interface WriteHead {
  writeHead(status: number, headers: Record<string, string>): unknown;
}

function hasWriteHead(target: NodeResponseLike): target is NodeResponseLike & WriteHead {
  return typeof (target as Partial<WriteHead>).writeHead === 'function';
}

// Methods a Web `Request` refuses to represent (it throws on them); `fetch` forbids them too.
const unrepresentableMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);
const methodToken = /^[!#$%&'*+.^`|~\w-]+$/;

/**
 * The answer for a request the Web handler cannot be asked about: a target that is not in origin
 * form (absolute `http://host/...` or protocol-relative `//host/...`: only a path is a route) is
 * 404, a method `Request` cannot represent (TRACE, CONNECT, ...) is 405 `Allow: POST`.
 */
function refuseTarget(request: NodeRequestLike): ProxyReply | undefined {
  const target = request.originalUrl ?? request.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) {
    return errorAnswer(404, 'NotFound', 'no such endpoint; send an origin-form path');
  }
  const method = (request.method ?? 'GET').toUpperCase();
  if (unrepresentableMethods.has(method) || !methodToken.test(method)) {
    return errorAnswer(405, 'MethodNotAllowed', 'use POST', { headers: { allow: 'POST' } });
  }
  return undefined;
}

/**
 * Wraps a Web-standard handler for node:http, Connect and Express. The request path is read from
 * `originalUrl` (Express/Connect keep the mount path there), so mount it anywhere:
 * `app.use(toNodeHandler(handler))` or `app.use('/api/tokenhub', toNodeHandler(handler))`. Mount
 * it before `express.json()` so the body streams through the size cap (an already parsed body is
 * accepted too). The upstream call is aborted when the caller disconnects.
 */
export function toNodeHandler(handler: ProxyHandler): NodeHandler {
  // A handler from `createProxyHandler` is served without Web objects; any other (a wrapper of
  // yours) gets its `Request`.
  const serve: ServeCall = callServerOf(handler) ?? (async (call) => handler(call.toRequest()));
  return async (request, response, next) => {
    try {
      const refused = refuseTarget(request);
      await writeReply(refused ?? (await serve(new NodeCall(request, response))), response);
    } catch (error) {
      if (next) {
        next(error);
        return;
      }
      if (!response.headersSent && !response.destroyed) {
        response.statusCode = 500;
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.write(
          utf8.encode(
            JSON.stringify({ code: 'InternalError', message: 'the proxy failed', request_id: '' }),
          ),
        );
      }
      response.end();
    }
  };
}
