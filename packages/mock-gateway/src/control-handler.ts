/**
 * `POST /__mock/faults`, `/__mock/latency` and `/__mock/reset`: the gateway's controls over HTTP,
 * for tests that run it in another process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './error-body.js';
import { MOCK_FAULTS } from './faults.js';
import type { GatewayState } from './gateway-state.js';
import { parseJson, readBodyText, sendJson } from './http-io.js';

const maxControlBodyBytes = 1024 * 1024;

/** Handles a POST to one of the control paths. */
export async function handleControl(
  state: GatewayState,
  request: IncomingMessage,
  response: ServerResponse,
  path: '/__mock/faults' | '/__mock/latency' | '/__mock/reset',
  requestId: string,
): Promise<void> {
  const parsed = parseJson((await readBodyText(request, maxControlBodyBytes)) || '{}');
  const body =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  const invalid = (message: string): void =>
    sendJson(response, 400, errorBody('InvalidParameter', message, requestId));

  if (path === '/__mock/reset') {
    state.reset();
    return sendJson(response, 200, { ok: true });
  }
  if (path === '/__mock/latency') {
    const ms = body?.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return invalid('ms: must be a number >= 0, e.g. {"ms": 2000}');
    }
    state.setLatency(ms);
    return sendJson(response, 200, { ok: true, latencyMs: ms });
  }
  const faults = body?.faults;
  if (!Array.isArray(faults)) return invalid('faults: must be an array, e.g. {"faults": ["429"]}');
  // Named by position and type only: echoing an entry could mean serializing any nesting depth.
  const notNamed = faults.findIndex((fault) => typeof fault !== 'string');
  if (notNamed >= 0) {
    const entry: unknown = faults[notNamed];
    const got = entry === null ? 'null' : Array.isArray(entry) ? 'an array' : typeof entry;
    return invalid(
      `faults[${notNamed}]: must be a fault name (a string); got ${got}; known: ${MOCK_FAULTS.join(', ')}`,
    );
  }
  try {
    state.enqueueFaults(faults);
  } catch (error) {
    return invalid(`faults: ${(error as Error).message}; known: ${MOCK_FAULTS.join(', ')}`);
  }
  return sendJson(response, 200, { ok: true, queued: [...state.faultQueue] });
}
