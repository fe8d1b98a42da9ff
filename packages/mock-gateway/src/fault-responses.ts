/**
 * How each simulated fault answers (or fails to answer) a generation request.
 */
import type { ServerResponse } from 'node:http';
import { errorBody } from './error-body.js';
import type { MockFault } from './faults.js';
import { sendJson } from './http-io.js';

/** What a fault needs from the server: the request id and a way to break the connection on purpose. */
export interface FaultContext {
  /** The request's id. */
  requestId: string;
  /** Destroys the connection, recording that the gateway (not the client) ended it. */
  resetConnection(): void;
}

/** The HTML page a proxy such as nginx answers with when the upstream is down. */
export const HTML_502_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** The prefix of a success body the `malformed-json` and `reset-mid-body` faults send. */
export function truncatedSuccessJson(requestId: string): string {
  return `{"output":{"choices":[{"finish_reason":"stop","message":{"content":[{"image":"http://127.0.0.1/images/${requestId}`;
}

const jsonFaults: Partial<Record<MockFault, { status: number; code: string; message: string }>> = {
  '400': {
    status: 400,
    code: 'InvalidParameter',
    message: 'The request is invalid (simulated by the mock fault 400).',
  },
  '401': { status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.' },
  '429': {
    status: 429,
    code: 'Throttling.RateQuota',
    message: 'Requests rate limit exceeded, please try again later.',
  },
  '500': {
    status: 500,
    code: 'InternalError',
    message: 'An internal error has occurred, please try again later or contact service support.',
  },
  '502': {
    status: 502,
    code: 'BadGateway',
    message: 'The upstream service returned an invalid response.',
  },
  '503': {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable.',
  },
  '504': {
    status: 504,
    code: 'GatewayTimeout',
    message: 'The upstream service did not answer in time.',
  },
};

/** Time between sending the first part of a body and resetting the connection. */
const midBodyResetDelayMs = 30;

/**
 * Answers with a fault. `slow-headers` is not handled here: it only delays a normal answer.
 * @returns the status sent, or `undefined` when no headers were sent.
 */
export function writeFault(
  response: ServerResponse,
  fault: Exclude<MockFault, 'slow-headers'>,
  context: FaultContext,
): number | undefined {
  const { requestId } = context;
  switch (fault) {
    case '429-retry-after':
    case '429-retry-after-ms': {
      const spec = jsonFaults['429'];
      const header: Record<string, string> =
        fault === '429-retry-after' ? { 'retry-after': '1' } : { 'retry-after-ms': '50' };
      sendJson(response, 429, errorBody(spec?.code ?? '', spec?.message ?? '', requestId), header);
      return 429;
    }
    case 'html-502':
      response.writeHead(502, {
        'content-type': 'text/html',
        'content-length': Buffer.byteLength(HTML_502_PAGE),
        server: 'nginx',
      });
      response.end(HTML_502_PAGE);
      return 502;
    case 'malformed-json': {
      const text = truncatedSuccessJson(requestId);
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
      return 200;
    }
    case 'empty-choices':
      sendJson(response, 200, {
        output: { choices: [], finished: true },
        usage: { image_count: 0 },
        request_id: requestId,
      });
      return 200;
    case 'reset-before-headers':
      context.resetConnection();
      return undefined;
    case 'reset-mid-body':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(truncatedSuccessJson(requestId));
      setTimeout(() => context.resetConnection(), midBodyResetDelayMs);
      return 200;
    default: {
      const spec = jsonFaults[fault];
      if (!spec) throw new Error(`no answer defined for fault ${fault}`);
      sendJson(response, spec.status, errorBody(spec.code, spec.message, requestId));
      return spec.status;
    }
  }
}
