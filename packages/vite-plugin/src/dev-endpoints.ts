/**
 * Two small same-origin endpoints next to the proxy, for apps and their end-to-end tests:
 * `GET {prefix}/__status` says which upstream is in use (never the key), and with the mock gateway
 * `{prefix}/__mock/*` reaches its control endpoints (recorded requests, faults, latency, reset).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpstreamChoice } from './upstream.js';

/** What `GET {prefix}/__status` answers. */
export interface UpstreamStatus {
  /** `'mock'`: the in-process mock gateway; `'tokenhub'`: the real gateway; `'missing-key'`: neither. */
  upstream: UpstreamChoice['kind'];
  /** The real gateway's origin (only with `'tokenhub'`). */
  baseURL?: string;
}

/** The public description of an upstream choice: the kind and, for TokenHub, its origin. No key. */
export function upstreamStatus(choice: UpstreamChoice): UpstreamStatus {
  return choice.kind === 'tokenhub'
    ? { upstream: 'tokenhub', baseURL: choice.baseURL }
    : { upstream: choice.kind };
}

const maxControlBodyBytes = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxControlBodyBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(value));
}

/**
 * Answers `{prefix}/__status` and, when `mockURL` is set, forwards `{prefix}/__mock/*` to the mock
 * gateway. Returns false for any other path (the proxy handles it).
 */
export async function handleDevEndpoint(
  request: IncomingMessage & { originalUrl?: string },
  response: ServerResponse,
  input: { prefix: string; choice: UpstreamChoice; mockURL: string | undefined },
): Promise<boolean> {
  const url = new URL(request.originalUrl ?? request.url ?? '/', 'http://localhost');
  const rest = url.pathname.startsWith(`${input.prefix}/`)
    ? url.pathname.slice(input.prefix.length)
    : undefined;
  if (rest === '/__status') {
    sendJson(response, 200, upstreamStatus(input.choice));
    return true;
  }
  if (rest === undefined || !rest.startsWith('/__mock/')) return false;
  if (!input.mockURL) {
    sendJson(response, 404, {
      code: 'NotFound',
      message: `${input.prefix}/__mock/* exists only while the mock gateway is in use`,
      request_id: '',
    });
    return true;
  }
  const method = request.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
  if (method !== 'GET' && method !== 'HEAD' && body === undefined) {
    sendJson(response, 413, { code: 'RequestTooLarge', message: 'control body too large' });
    return true;
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${input.mockURL}${rest}${url.search}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body } : {}),
    });
  } catch {
    sendJson(response, 502, { code: 'BadGateway', message: 'the mock gateway did not answer' });
    return true;
  }
  response.statusCode = upstream.status;
  response.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
  response.setHeader('cache-control', 'no-store');
  response.end(Buffer.from(await upstream.arrayBuffer()));
  return true;
}
