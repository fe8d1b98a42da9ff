/**
 * The mock gateway's HTTP server: routing, image links, health, and the `MockGateway` handle.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GENERATIONS_PATH } from '@tokenhub/image-core';
import { handleControl } from './control-handler.js';
import { CORS_HEADERS } from './cors.js';
import { errorBody } from './error-body.js';
import { GatewayState } from './gateway-state.js';
import { handleGeneration } from './generation-handler.js';
import { sendJson } from './http-io.js';
import { requestsJson } from './request-log.js';
import { resolveSettings } from './settings.js';
import type { MockGateway, MockGatewayOptions, RecordedRequest } from './types.js';

const imagePathPattern = /^\/images\/([A-Za-z0-9-]{1,64})\.png$/;
const defaultWaitTimeoutMs = 5000;

/** The address clients use: wildcard binds are reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function serveImage(
  state: GatewayState,
  response: ServerResponse,
  id: string,
  requestId: string,
  headOnly: boolean,
): void {
  const found = state.store.get(id);
  if (found.status === 'expired') {
    sendJson(response, 410, errorBody('Expired', 'this image link has expired', requestId));
  } else if (found.status === 'unknown') {
    sendJson(response, 404, errorBody('NotFound', 'no such image', requestId));
  } else {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': found.png.length });
    response.end(headOnly ? undefined : found.png);
  }
}

/** Routes one request. */
async function route(
  state: GatewayState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const started = Date.now();
  const path = new URL(request.url ?? '/', 'http://mock.invalid').pathname;
  const method = request.method ?? 'GET';
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
  response.setHeader('x-request-id', requestId);
  const { logger } = state.settings;
  if (logger) {
    response.on('close', () => {
      const status = response.headersSent ? response.statusCode : 'no response';
      logger(`${method} ${path} -> ${status} in ${Date.now() - started} ms`);
    });
  }
  const notAllowed = (allowed: string): void => {
    response.setHeader('allow', allowed);
    const message = `${method} is not allowed on ${path}; use ${allowed}`;
    sendJson(response, 405, errorBody('MethodNotAllowed', message, requestId));
  };

  if (method === 'OPTIONS') {
    response.writeHead(204);
    response.end();
    return;
  }
  if (path === GENERATIONS_PATH) {
    if (method !== 'POST') return notAllowed('POST, OPTIONS');
    return handleGeneration(state, request, response, requestId);
  }
  const imageMatch = imagePathPattern.exec(path);
  if (imageMatch) {
    if (method !== 'GET' && method !== 'HEAD') return notAllowed('GET, HEAD');
    return serveImage(state, response, imageMatch[1] ?? '', requestId, method === 'HEAD');
  }
  switch (path) {
    case '/health':
      if (method !== 'GET' && method !== 'HEAD') return notAllowed('GET, HEAD');
      return sendJson(response, 200, { ok: true });
    case '/__mock/requests':
      if (method !== 'GET') return notAllowed('GET');
      return sendJson(response, 200, requestsJson(state.log.requests));
    case '/__mock/faults':
    case '/__mock/latency':
    case '/__mock/reset':
      if (method !== 'POST') return notAllowed('POST');
      return handleControl(state, request, response, path, requestId);
    default:
      sendJson(response, 404, errorBody('NotFound', `no route for ${path}`, requestId));
  }
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
 * @throws RangeError for a negative or non-finite numeric option.
 */
export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const state = new GatewayState(resolveSettings(options));
  const server = createServer((request, response) => {
    route(state, request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      state.settings.logger?.(`internal error: ${message}`);
      if (!response.headersSent && !response.destroyed) {
        const requestId = String(response.getHeader('x-request-id') ?? randomUUID());
        sendJson(response, 500, errorBody('InternalError', 'mock gateway error', requestId));
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(state.settings.port, state.settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://${urlHost(state.settings.host)}:${port}`;

  return {
    url: state.baseUrl,
    get requests() {
      return state.log.requests;
    },
    close() {
      for (const controller of state.inFlight) controller.abort();
      state.log.rejectWaiters('mock gateway closed');
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
    enqueueFault(...faults) {
      state.enqueueFaults(faults);
    },
    setLatency(ms) {
      state.setLatency(ms);
    },
    waitForRequest(
      predicate: (request: RecordedRequest) => boolean = () => true,
      timeoutMs = defaultWaitTimeoutMs,
    ) {
      return state.log.waitFor(predicate, timeoutMs);
    },
    reset() {
      state.reset();
    },
  };
}
