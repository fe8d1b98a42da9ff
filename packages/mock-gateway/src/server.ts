/**
 * The mock gateway's HTTP server: routing, the generation endpoint with faults and latency, image
 * links and the `/__mock/*` control endpoints.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORS_HEADERS } from './cors.js';
import { errorBody } from './error-body.js';
import { writeFault } from './fault-responses.js';
import { isMockFault, MOCK_FAULTS, type MockFault, slowHeadersDelayMs } from './faults.js';
import { generate } from './generate.js';
import { planGeneration } from './generation-plan.js';
import { BodyTooLargeError, delay, flattenHeaders, readBodyText, sendJson } from './http-io.js';
import { ImageStore } from './image-store.js';
import { UnreadableInputImageError } from './input-images.js';
import { createRecordedRequest, RequestLog, toRequestJson } from './request-log.js';
import type { MockGateway, MockGatewayOptions, RecordedRequest } from './types.js';
import { describeProblems, findRequestProblems } from './validate-request.js';

const generationPath = '/v1/images/generations';
const imagePathPattern = /^\/images\/([A-Za-z0-9-]{1,64})\.png$/;
/** Input images arrive as data URIs inside the JSON, so bodies can be large. */
const maxBodyBytes = 64 * 1024 * 1024;
const dayMs = 24 * 60 * 60 * 1000;
const defaultWaitTimeoutMs = 5000;

/** Resolved options with defaults applied. */
interface Settings {
  port: number;
  host: string;
  apiKey: string | undefined;
  latencyMs: number;
  imageTtlMs: number;
  maxImageSide: number;
  maxStoredImages: number;
  maxRecordedRequests: number;
  logger: ((line: string) => void) | undefined;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

function resolveSettings(options: MockGatewayOptions): Settings {
  const maxImageSide = nonNegative(options.maxImageSide, 512, 'maxImageSide');
  const maxStoredImages = nonNegative(options.maxStoredImages, 500, 'maxStoredImages');
  if (maxImageSide < 1) throw new RangeError('maxImageSide must be at least 1');
  if (maxStoredImages < 1) throw new RangeError('maxStoredImages must be at least 1');
  return {
    port: nonNegative(options.port, 0, 'port'),
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey,
    latencyMs: nonNegative(options.latencyMs, 0, 'latencyMs'),
    imageTtlMs: nonNegative(options.imageTtlMs, dayMs, 'imageTtlMs'),
    maxImageSide: Math.floor(maxImageSide),
    maxStoredImages: Math.floor(maxStoredImages),
    maxRecordedRequests: Math.max(
      1,
      nonNegative(options.maxRecordedRequests, Number.POSITIVE_INFINITY, 'maxRecordedRequests'),
    ),
    logger: options.logger,
  };
}

/** The address clients use: wildcard binds are reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function headerLatency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Starts a mock TokenHub gateway on loopback. It answers `POST /v1/images/generations` with real
 * PNGs it serves itself, and can simulate faults, latency and aborted requests.
 *
 * @example
 * ```ts
 * const gateway = await startMockGateway({ apiKey: 'test-key' });
 * gateway.enqueueFault('429-retry-after');
 * // ... point the client at gateway.url ...
 * await gateway.close();
 * ```
 */
export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const settings = resolveSettings(options);
  const store = new ImageStore(settings.maxStoredImages);
  const log = new RequestLog(settings.maxRecordedRequests);
  const faultQueue: MockFault[] = [];
  const inFlight = new Set<AbortController>();
  let latencyMs = settings.latencyMs;
  let baseUrl = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      settings.logger?.(
        `internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, errorBody('InternalError', 'mock gateway error', randomUUID()));
      } else {
        response.destroy();
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const started = Date.now();
    const path = new URL(request.url ?? '/', 'http://mock.invalid').pathname;
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    response.setHeader('x-request-id', requestId);
    if (settings.logger) {
      const logger = settings.logger;
      response.on('close', () => {
        const status = response.headersSent ? response.statusCode : 'no response';
        logger(`${request.method} ${path} -> ${status} in ${Date.now() - started} ms`);
      });
    }
    const method = request.method ?? 'GET';
    const notAllowed = (allowed: string): void => {
      response.setHeader('allow', allowed);
      sendJson(
        response,
        405,
        errorBody(
          'MethodNotAllowed',
          `${method} is not allowed on ${path}; use ${allowed}`,
          requestId,
        ),
      );
    };

    if (method === 'OPTIONS') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (path === generationPath) {
      if (method !== 'POST') return notAllowed('POST, OPTIONS');
      return handleGeneration(request, response, requestId);
    }
    const imageMatch = imagePathPattern.exec(path);
    if (imageMatch) {
      if (method !== 'GET' && method !== 'HEAD') return notAllowed('GET, HEAD');
      return serveImage(response, imageMatch[1] ?? '', requestId, method === 'HEAD');
    }
    switch (path) {
      case '/health':
        if (method !== 'GET' && method !== 'HEAD') return notAllowed('GET, HEAD');
        return sendJson(response, 200, { ok: true });
      case '/__mock/requests':
        if (method !== 'GET') return notAllowed('GET');
        return sendJson(response, 200, log.requests.map(toRequestJson));
      case '/__mock/faults':
      case '/__mock/latency':
      case '/__mock/reset':
        if (method !== 'POST') return notAllowed('POST');
        return handleControl(request, response, path, requestId);
      default:
        sendJson(response, 404, errorBody('NotFound', `no route for ${path}`, requestId));
    }
  }

  function serveImage(
    response: ServerResponse,
    id: string,
    requestId: string,
    headOnly: boolean,
  ): void {
    const found = store.get(id);
    if (found.status === 'expired') {
      sendJson(response, 410, errorBody('Expired', 'this image link has expired', requestId));
    } else if (found.status === 'unknown') {
      sendJson(response, 404, errorBody('NotFound', 'no such image', requestId));
    } else {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': found.png.length });
      response.end(headOnly ? undefined : found.png);
    }
  }

  async function handleControl(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    requestId: string,
  ): Promise<void> {
    const parsed = parseJson((await readBodyText(request, 1024 * 1024)) || '{}');
    const body =
      parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
        ? (parsed.value as Record<string, unknown>)
        : undefined;
    const invalid = (message: string): void =>
      sendJson(response, 400, errorBody('InvalidParameter', message, requestId));
    if (path === '/__mock/reset') {
      gateway.reset();
      return sendJson(response, 200, { ok: true });
    }
    if (path === '/__mock/latency') {
      const ms = body?.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        return invalid('ms: must be a number >= 0, e.g. {"ms": 2000}');
      }
      latencyMs = ms;
      return sendJson(response, 200, { ok: true, latencyMs });
    }
    const faults = body?.faults;
    if (!Array.isArray(faults))
      return invalid('faults: must be an array, e.g. {"faults": ["429"]}');
    const unknown = faults.filter((fault) => !isMockFault(fault));
    if (unknown.length > 0) {
      return invalid(
        `faults: unknown ${JSON.stringify(unknown)}; known: ${MOCK_FAULTS.join(', ')}`,
      );
    }
    faultQueue.push(...(faults as MockFault[]));
    return sendJson(response, 200, { ok: true, queued: [...faultQueue] });
  }

  async function handleGeneration(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
  ): Promise<void> {
    let text: string;
    try {
      text = await readBodyText(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response.setHeader('connection', 'close');
        sendJson(
          response,
          413,
          errorBody('InvalidParameter', `body larger than ${maxBodyBytes} bytes`, requestId),
        );
      }
      return;
    }
    const parsed = parseJson(text);
    const headers = flattenHeaders(request);
    const headerFault = headers['x-mock-fault'];
    const fault =
      headerFault === undefined
        ? faultQueue.shift()
        : isMockFault(headerFault)
          ? headerFault
          : undefined;
    const handle = createRecordedRequest({
      requestId,
      headers,
      body: parsed.ok ? parsed.value : text,
      receivedAt: Date.now(),
      fault,
    });
    const { record } = handle;
    let resetOnPurpose = false;
    const abort = new AbortController();
    inFlight.add(abort);
    response.on('close', () => {
      inFlight.delete(abort);
      record.status = response.headersSent ? response.statusCode : undefined;
      handle.settle(response.writableFinished || resetOnPurpose ? 'completed' : 'aborted');
      abort.abort();
    });
    log.add(record);

    const send = (status: number, body: unknown, extra?: Record<string, string>): void => {
      record.status = status;
      sendJson(response, status, body, extra);
    };
    if (headerFault !== undefined && !isMockFault(headerFault)) {
      return send(
        400,
        errorBody(
          'InvalidParameter',
          `x-mock-fault: unknown fault ${JSON.stringify(headerFault)}; known: ${MOCK_FAULTS.join(', ')}`,
          requestId,
        ),
      );
    }

    const wait = headerLatency(headers['x-mock-latency-ms']) ?? latencyMs;
    const waited = await delay(
      fault === 'slow-headers' ? slowHeadersDelayMs(wait) : wait,
      abort.signal,
    );
    if (!waited || response.destroyed) return;

    if (fault !== undefined && fault !== 'slow-headers') {
      record.status = writeFault(response, fault, {
        requestId,
        resetConnection: () => {
          resetOnPurpose = true;
          request.socket.destroy();
        },
      });
      return;
    }
    if (settings.apiKey !== undefined && headers.authorization !== `Bearer ${settings.apiKey}`) {
      return send(401, errorBody('InvalidApiKey', 'Invalid API-key provided.', requestId));
    }
    if (!parsed.ok) {
      return send(400, errorBody('InvalidParameter', 'body: must be valid JSON', requestId));
    }
    const problems = findRequestProblems(parsed.value);
    if (problems.length > 0) {
      return send(400, errorBody('InvalidParameter', describeProblems(problems), requestId));
    }
    try {
      const outcome = await generate(planGeneration(parsed.value), {
        baseUrl,
        store,
        maxImageSide: settings.maxImageSide,
        imageTtlMs: settings.imageTtlMs,
        requestId,
        now: Date.now,
      });
      if (response.destroyed) return;
      const extra: Record<string, string> =
        outcome.assumedInputs.length > 0
          ? { 'x-mock-assumed-input-size': `1024x1024; images=${outcome.assumedInputs.join(',')}` }
          : {};
      send(200, outcome.body, extra);
    } catch (error) {
      if (!(error instanceof UnreadableInputImageError)) throw error;
      send(400, errorBody('InvalidParameter', error.message, requestId));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${urlHost(settings.host)}:${address.port}`;

  const gateway: MockGateway = {
    url: baseUrl,
    get requests() {
      return log.requests;
    },
    close() {
      for (const controller of inFlight) controller.abort();
      log.rejectWaiters('mock gateway closed');
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    enqueueFault(...faults) {
      const unknown = faults.filter((fault) => !isMockFault(fault));
      if (unknown.length > 0) throw new TypeError(`unknown mock fault(s): ${unknown.join(', ')}`);
      faultQueue.push(...faults);
    },
    setLatency(ms) {
      latencyMs = nonNegative(ms, 0, 'latency');
    },
    waitForRequest(
      predicate: (request: RecordedRequest) => boolean = () => true,
      timeoutMs = defaultWaitTimeoutMs,
    ) {
      return log.waitFor(predicate, timeoutMs);
    },
    reset() {
      log.clear();
      faultQueue.length = 0;
      latencyMs = settings.latencyMs;
    },
  };
  return gateway;
}
