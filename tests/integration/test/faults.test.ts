import {
  type RetryEvent,
  TokenHubAPIError,
  TokenHubConnectionError,
  TokenHubNoImageError,
  TokenHubTimeoutError,
} from '@tokenhub/image-core';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { describe, expect, it } from 'vitest';
import {
  clientFor,
  fastBackoff,
  rejectionOf,
  textToImage,
  transports,
  useMockGateway,
} from './helpers.js';

const gateway = useMockGateway();
/** Per-attempt limit for the slow-headers fault, which holds its answer for 3 s. */
const SLOW_HEADERS_LIMIT_MS = 2000;

type RetryableFault =
  | '429'
  | '429-retry-after'
  | '429-retry-after-ms'
  | '500'
  | '502'
  | '503'
  | '504'
  | 'html-502'
  | 'malformed-json'
  | 'reset-before-headers'
  | 'reset-mid-body'
  | 'slow-headers';

/** What the caller sees when a retryable fault is the last attempt's answer. */
const retryable: Array<{
  fault: RetryableFault;
  check: (error: unknown, requestId: string) => void;
}> = [
  ...(['429', '500', '502', '503', '504'] as const).map((fault) => ({
    fault,
    check: (error: unknown, requestId: string) => {
      expect(TokenHubAPIError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: Number(fault), requestId, retryable: true });
      expect((error as TokenHubAPIError).code).toMatch(/^[A-Z][A-Za-z.]+$/);
    },
  })),
  {
    fault: '429-retry-after',
    check: (error) =>
      expect(error).toMatchObject({
        status: 429,
        retryAfterMs: 1000,
        code: 'Throttling.RateQuota',
      }),
  },
  {
    fault: '429-retry-after-ms',
    check: (error) => expect(error).toMatchObject({ status: 429, retryAfterMs: 50 }),
  },
  {
    fault: 'html-502',
    check: (error, requestId) => {
      expect(TokenHubAPIError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 502, code: undefined, requestId, retryable: true });
      expect((error as Error).message).toBe(
        `TokenHub API error 502: 502 Bad Gateway (request id ${requestId})`,
      );
      expect(String((error as TokenHubAPIError).body)).toContain('<html>');
    },
  },
  {
    fault: 'malformed-json',
    check: (error, requestId) => {
      expect(TokenHubAPIError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        status: 200,
        code: 'MalformedResponse',
        requestId,
        retryable: true,
      });
    },
  },
  {
    fault: 'reset-before-headers',
    check: (error) => {
      expect(TokenHubConnectionError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/^could not reach the TokenHub gateway: /);
    },
  },
  {
    fault: 'reset-mid-body',
    check: (error) => expect(TokenHubConnectionError.isInstance(error)).toBe(true),
  },
  {
    fault: 'slow-headers',
    check: (error) => {
      expect(TokenHubTimeoutError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ timeoutMs: SLOW_HEADERS_LIMIT_MS });
    },
  },
];

describe.each(transports)('faults over %s', (transport) => {
  // slow-headers holds the answer for 3 s; a 2 s attempt limit turns it into a timeout. Every
  // other fault gets a roomy limit, so a loaded CI machine cannot turn a slow retry into a timeout.
  const client = (fault?: string): ReturnType<typeof clientFor> =>
    clientFor(transport, {
      baseURL: gateway().url,
      timeoutMs: fault === 'slow-headers' ? SLOW_HEADERS_LIMIT_MS : 30_000,
    });

  describe.each(retryable)('$fault', ({ fault, check }) => {
    it('is retried with the same idempotency key, and the retry succeeds', async () => {
      gateway().enqueueFault(fault);
      const events: RetryEvent[] = [];
      const result = await client(fault).generateImages(textToImage(), {
        onRetry: (event) => events.push(event),
      });

      expect(result.images).toHaveLength(1);
      expect(gateway().requests).toHaveLength(2);
      expect(result.requestId).toBe(gateway().requests[1]?.requestId);
      const keys = gateway().requests.map((request) => request.headers['idempotency-key']);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).toBe(keys[0]);

      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event?.attempt).toBe(1);
      expect(Number.isInteger(event?.delayMs)).toBe(true);
      check(event?.error, gateway().requests[0]?.requestId ?? '');
      // The server's wait (1 s, 50 ms) wins over the 5..20 ms backoff when it names one.
      const serverWait = (event?.error as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      const [low, high] =
        serverWait === undefined ? [0, fastBackoff.maxDelayMs] : [serverWait, serverWait];
      expect(event?.delayMs).toBeGreaterThanOrEqual(low);
      expect(event?.delayMs).toBeLessThanOrEqual(high);
      expect(serverWait !== undefined).toBe(fault.startsWith('429-retry-after'));
    });

    it('is thrown as a typed error once retries are used up', async () => {
      gateway().enqueueFault(fault, fault);
      const error = await rejectionOf(
        client(fault).generateImages(textToImage(), { maxRetries: 1 }),
      );
      expect(gateway().requests).toHaveLength(2);
      check(error, gateway().requests[1]?.requestId ?? '');
    });
  });

  it.each([
    ['400', 400, 'InvalidParameter'],
    ['401', 401, 'InvalidApiKey'],
  ] as const)('%s is not retried', async (fault, status, code) => {
    gateway().enqueueFault(fault);
    let retries = 0;
    const error = await rejectionOf(
      client().generateImages(textToImage(), { onRetry: () => retries++ }),
    );
    expect(TokenHubAPIError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status,
      code,
      retryable: false,
      requestId: gateway().requests[0]?.requestId,
    });
    expect(gateway().requests).toHaveLength(1);
    expect(retries).toBe(0);
  });

  it('a 200 without images is a TokenHubNoImageError with the request id, not retried', async () => {
    gateway().enqueueFault('empty-choices');
    const error = await rejectionOf(client().generateImages(textToImage()));
    expect(TokenHubNoImageError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 200,
      retryable: false,
      requestId: gateway().requests[0]?.requestId,
    });
    expect(gateway().requests).toHaveLength(1);
  });

  it('takes a fault from the x-mock-fault header on every attempt and gives up after maxRetries', async () => {
    const events: RetryEvent[] = [];
    const error = await rejectionOf(
      client().generateImages(textToImage(), {
        headers: { 'x-mock-fault': '503' },
        maxRetries: 3,
        onRetry: (event) => events.push(event),
      }),
    );
    expect(error).toMatchObject({ status: 503 });
    expect(gateway().requests).toHaveLength(4);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3]);
    expect(
      new Set(gateway().requests.map((request) => request.headers['idempotency-key'])).size,
    ).toBe(1);
  });

  it('gives each call its own idempotency key', async () => {
    await client().generateImages(textToImage());
    await client().generateImages(textToImage());
    const [first, second] = gateway().requests.map((request) => request.headers['idempotency-key']);
    expect(first).not.toBe(second);
  });
});

describe('connection refused', () => {
  it('is retried, then thrown as TokenHubConnectionError', async () => {
    const closed = await startMockGateway();
    const url = closed.url;
    await closed.close();
    for (const transport of transports) {
      let retries = 0;
      const error = await rejectionOf(
        clientFor(transport, { baseURL: url }).generateImages(textToImage(), {
          onRetry: () => retries++,
        }),
      );
      expect(TokenHubConnectionError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect(retries).toBe(2);
    }
  });
});
