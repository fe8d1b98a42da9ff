/**
 * Routing of the proxy: the routes it serves under its prefix, and the answer for everything
 * else. With a ledger: `POST .../v1/images/generations`, `GET`/`DELETE
 * .../v1/images/generations/{key}` and `GET .../v1/images/files/{key}/{index}`; without, only the
 * first.
 */
import { GENERATIONS_PATH } from '../shared/gateway.js';
import type { JSONAnswer } from './answer.js';
import { isValidIdempotencyKey } from './durable-generations.js';
import { errorAnswer } from './error-response.js';
import type { IncomingCall } from './incoming.js';

/** The path of the same-origin image files, under the prefix. */
export const FILES_PATH = '/v1/images/files';

/** What a request asks for. */
export type ProxyRoute =
  | { kind: 'generate' }
  | { kind: 'generation'; key: string }
  | { kind: 'file'; key: string; index: number };

const allowedMethods: Record<ProxyRoute['kind'], readonly string[]> = {
  generate: ['POST'],
  generation: ['GET', 'DELETE'],
  file: ['GET'],
};

const keySegment = /^\/([^/]+)$/;
// Indexes are plain decimals without leading zeros: one URL per image.
const fileSegments = /^\/([^/]+)\/(0|[1-9]\d{0,3})$/;

/** The decoded key of a path segment, or `undefined` when it is not a usable key. */
function keyOf(segment: string | undefined): string | undefined {
  try {
    const key = decodeURIComponent(segment ?? '');
    return isValidIdempotencyKey(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

function matchPath(pathname: string, prefix: string, durable: boolean): ProxyRoute | undefined {
  const generations = `${prefix}${GENERATIONS_PATH}`;
  if (pathname === generations) return { kind: 'generate' };
  if (!durable) return undefined;
  if (pathname.startsWith(`${generations}/`)) {
    const key = keyOf(keySegment.exec(pathname.slice(generations.length))?.[1]);
    return key ? { kind: 'generation', key } : undefined;
  }
  const files = `${prefix}${FILES_PATH}`;
  if (pathname.startsWith(`${files}/`)) {
    const match = fileSegments.exec(pathname.slice(files.length));
    const key = keyOf(match?.[1]);
    return key ? { kind: 'file', key, index: Number(match?.[2]) } : undefined;
  }
  return undefined;
}

/**
 * The route `request` asks for (trailing slashes ignored), or the answer when there is none: 404
 * for another path, 405 with `Allow` for another method.
 */
export function routeRequest(
  call: Pick<IncomingCall, 'method' | 'pathname'>,
  prefix: string,
  durable: boolean,
): ProxyRoute | JSONAnswer {
  const pathname = call.pathname.replace(/\/+$/, '');
  const route = matchPath(pathname, prefix, durable);
  if (!route) {
    return errorAnswer(404, 'NotFound', `no such endpoint; POST ${prefix}${GENERATIONS_PATH}`);
  }
  const allowed = allowedMethods[route.kind];
  if (!allowed.includes(call.method)) {
    return errorAnswer(405, 'MethodNotAllowed', `use ${allowed.join(' or ')} here`, {
      headers: { allow: allowed.join(', ') },
    });
  }
  return route;
}
