/**
 * `POST /v1/images/generations`: records the request, applies latency and faults, checks the key
 * and the body, then generates the images.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, withRule } from './error-body.js';
import { writeFault } from './fault-responses.js';
import { isMockFault, MOCK_FAULTS, slowHeadersDelayMs } from './faults.js';
import type { GatewayState } from './gateway-state.js';
import { generate } from './generate.js';
import { planGeneration } from './generation-plan.js';
import {
  BodyTooLargeError,
  delay,
  flattenHeaders,
  parseJson,
  readBodyText,
  sendJson,
} from './http-io.js';
import { UnreadableInputImageError } from './input-images.js';
import { createRecordedRequest } from './request-log.js';
import { describeProblems, findRequestProblems } from './validate-request.js';

/** Input images arrive as data URIs inside the JSON, so bodies can be large. */
export const MAX_GENERATION_BODY_BYTES = 64 * 1024 * 1024;

function headerLatency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Answers one generation request. */
export async function handleGeneration(
  state: GatewayState,
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
): Promise<void> {
  let text: string;
  try {
    text = await readBodyText(request, MAX_GENERATION_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      response.setHeader('connection', 'close');
      const message = `body larger than ${MAX_GENERATION_BODY_BYTES} bytes`;
      sendJson(response, 413, errorBody('InvalidParameter', message, requestId));
    }
    return;
  }
  const parsed = parseJson(text);
  const headers = flattenHeaders(request);
  // A fault named in the header wins and leaves the queue alone.
  const headerFault = headers['x-mock-fault'];
  const fault =
    headerFault === undefined
      ? state.faultQueue.shift()
      : isMockFault(headerFault)
        ? headerFault
        : undefined;
  const recording = createRecordedRequest({
    requestId,
    headers,
    body: parsed.ok ? parsed.value : text,
    receivedAt: Date.now(),
    fault,
  });
  const { record } = recording;
  let resetOnPurpose = false;
  const abort = new AbortController();
  state.inFlight.add(abort);
  response.on('close', () => {
    state.inFlight.delete(abort);
    record.status = response.headersSent ? response.statusCode : undefined;
    // Closed before the last byte went out, and not by a reset fault: the client gave up.
    recording.settle(response.writableFinished || resetOnPurpose ? 'completed' : 'aborted');
    abort.abort();
  });
  state.log.add(record);

  const send = (status: number, body: unknown, extra?: Record<string, string>): void => {
    record.status = status;
    sendJson(response, status, body, extra);
  };
  if (headerFault !== undefined && !isMockFault(headerFault)) {
    const message = `x-mock-fault: unknown fault ${JSON.stringify(headerFault)}; known: ${MOCK_FAULTS.join(', ')}`;
    return send(400, errorBody('InvalidParameter', message, requestId));
  }

  const latency = headerLatency(headers['x-mock-latency-ms']) ?? state.latencyMs;
  const waited = await delay(
    fault === 'slow-headers' ? slowHeadersDelayMs(latency) : latency,
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
  const { apiKey } = state.settings;
  if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) {
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
      baseUrl: state.baseUrl,
      store: state.store,
      maxImageSide: state.settings.maxImageSide,
      imageTtlMs: state.settings.imageTtlMs,
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
    send(400, errorBody('InvalidParameter', withRule(error.message, 'image-data'), requestId));
  }
}
