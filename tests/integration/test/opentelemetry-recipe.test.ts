/**
 * The OpenTelemetry recipe of docs/observability.md, run against the mock gateway over real HTTP
 * with the SDK's in-memory exporter. The recipe's code is this folder's recipes/opentelemetry-hooks.ts,
 * which must match the block in the doc word for word.
 */
import { readFileSync } from 'node:fs';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createTokenHubClient } from '@tokenhub/image-core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, fastBackoff, rejectionOf, textToImage, useMockGateway } from './helpers.js';
import { openTelemetryHooks } from './recipes/opentelemetry-hooks.js';

const gateway = useMockGateway();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('recipe-test');

beforeEach(() => exporter.reset());
afterAll(() => provider.shutdown());

function tracedClient() {
  return createTokenHubClient({
    apiKey: API_KEY,
    baseURL: gateway().url,
    fetch: globalThis.fetch,
    retryBackoff: fastBackoff,
    ...openTelemetryHooks(tracer),
  });
}

describe('OpenTelemetry recipe (GenAI semantic conventions)', () => {
  it('is the code docs/observability.md shows', () => {
    const doc = readFileSync(new URL('../../../docs/observability.md', import.meta.url), 'utf8');
    const recipe = readFileSync(new URL('recipes/opentelemetry-hooks.ts', import.meta.url), 'utf8');
    expect(doc).toContain(`\`\`\`ts\n${recipe}\`\`\``);
  });

  it('records one span per attempt: model, n, size, image count, request id, retries', async () => {
    gateway().enqueueFault('503');
    const request = { ...textToImage(), parameters: { size: '1K', n: 2 } };
    const result = await tracedClient().generateImages(request);

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(2);
    const [failed, succeeded] = spans;
    expect(failed?.name).toBe('generate_content wan2.7-image-pro');
    expect(failed?.attributes).toMatchObject({
      'gen_ai.operation.name': 'generate_content',
      'gen_ai.request.model': 'wan2.7-image-pro',
      'gen_ai.request.choice.count': 2,
      'gen_ai.request.image.size': '1K',
      'http.request.resend_count': 0,
      'http.response.status_code': 503,
      'error.type': '503',
    });
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(succeeded?.attributes).toMatchObject({
      'http.request.resend_count': 1,
      'http.response.status_code': 200,
      'gen_ai.response.id': result.requestId,
      'gen_ai.response.image.count': 2,
    });
    expect(succeeded?.status.code).toBe(SpanStatusCode.UNSET);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(API_KEY);
  });

  it('marks a failure without an answer by its error name', async () => {
    const client = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: 'http://127.0.0.1:9',
      fetch: globalThis.fetch,
      maxRetries: 0,
      ...openTelemetryHooks(tracer),
    });
    await rejectionOf(client.generateImages(textToImage()));
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['error.type']).toBe('TokenHubConnectionError');
    expect(span?.attributes['http.response.status_code']).toBeUndefined();
  });
});
