/**
 * The mock never breaks on a body it accepted: a body nested thousands of levels deep is answered,
 * recorded and listed by `GET /__mock/requests` (200, not 500), and its error messages carry the
 * rule ids of core's validation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockGateway, startMockGateway } from '../src/index.js';
import { DEEP_BODY_PLACEHOLDER, MAX_SHOWN_BODY_DEPTH } from '../src/request-log.js';
import { postGeneration, textBody } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.close());
beforeEach(() => gateway.reset());

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A valid text-to-image body whose `parameters.extra` holds `deep` (raw JSON text). */
function validBodyWith(deep: string): string {
  const body = JSON.stringify(textBody('A fox', { n: 1, size: '1K', extra: '__DEEP__' }));
  return body.replace('"__DEEP__"', deep);
}

async function listRequests(): Promise<{ status: number; body: unknown }[]> {
  const response = await fetch(`${gateway.url}/__mock/requests`);
  expect(response.status).toBe(200);
  return (await response.json()) as { status: number; body: unknown }[];
}

/** How many levels `value` nests before reaching `leaf`. */
function depthTo(value: unknown, leaf: unknown): number {
  let depth = 0;
  let node = value;
  while (node !== leaf && typeof node === 'object' && node !== null) {
    node = Array.isArray(node) ? node[0] : (node as Record<string, unknown>).a;
    depth++;
  }
  return depth;
}

describe('GET /__mock/requests lists any body the mock accepted', () => {
  it.each([5000, 50_000])(
    'after a generation whose body nests %i arrays deep (200), with the rest of the body intact',
    async (depth) => {
      const response = await postGeneration(gateway.url, validBodyWith(nestedArrays(depth)));
      expect(response.status).toBe(200);
      const [recorded] = await listRequests();
      expect(recorded?.status).toBe(200);
      const body = recorded?.body as { model: string; parameters: { extra: unknown; n: number } };
      expect(body.model).toBe('wan2.7-image-pro');
      expect(body.parameters.n).toBe(1);
      // body -> parameters -> extra: the cut comes MAX_SHOWN_BODY_DEPTH levels below the body.
      expect(depthTo(body.parameters.extra, DEEP_BODY_PLACEHOLDER)).toBe(MAX_SHOWN_BODY_DEPTH - 2);
      // The in-process record keeps the body as it arrived.
      expect(depthTo(gateway.requests[0]?.body, undefined)).toBeGreaterThan(0);
    },
  );

  it('after a 400 for a body that is 5000 nested objects, and keeps answering generations', async () => {
    const rejected = await postGeneration(gateway.url, nestedObjects(5000));
    expect(rejected.status).toBe(400);
    expect((await postGeneration(gateway.url, textBody('next'))).status).toBe(200);
    const list = await listRequests();
    expect(list.map((request) => request.status)).toEqual([400, 200]);
    expect(depthTo(list[0]?.body, DEEP_BODY_PLACEHOLDER)).toBe(MAX_SHOWN_BODY_DEPTH);
  });

  it('shows ordinary bodies unchanged', async () => {
    const body = textBody('A fox', { n: 1, size: '1K', bbox_list: [] });
    expect((await postGeneration(gateway.url, body)).status).toBe(200);
    expect((await listRequests())[0]?.body).toEqual(body);
  });
});

describe('control endpoints never break on a deep body', () => {
  it('POST /__mock/faults with a deeply nested entry answers 400 naming the entry', async () => {
    const response = await fetch(`${gateway.url}/__mock/faults`, {
      method: 'POST',
      body: `{"faults":["429",${nestedArrays(5000)}]}`,
    });
    expect(response.status).toBe(400);
    const { code, message } = (await response.json()) as { code: string; message: string };
    expect(code).toBe('InvalidParameter');
    expect(message).toContain('faults[1]: must be a fault name (a string); got an array');
    expect(message).not.toContain('call stack');
    // Nothing was queued: the next generation succeeds.
    expect((await postGeneration(gateway.url, textBody('hi'))).status).toBe(200);
  });
});

describe('400 messages carry the rule ids of core validation', () => {
  it('names each problem by path, message and [rule]', async () => {
    const response = await postGeneration(gateway.url, textBody('hi', { n: 0, size: '3K' }));
    expect(response.status).toBe(400);
    const { message } = (await response.json()) as { message: string };
    expect(message).toMatch(/parameters\.n: n must be at least 1; got 0 \[n-range\]/);
    expect(message).toMatch(/parameters\.size: [^[]+ \[size-tier\]/);
  });

  it('a body that is not an object names the shape rule', async () => {
    const response = await postGeneration(gateway.url, 'null');
    const { message } = (await response.json()) as { message: string };
    expect(message).toMatch(/^body: .+ \[shape\.invalid_type\]$/);
  });
});
