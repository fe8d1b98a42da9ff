/**
 * The checks every runtime passes: its server (one of the docs' snippets) proxies a valid body to
 * the mock gateway with the server's key and refuses an invalid one before spending; the fetch
 * client, run in the same runtime, makes a generation end to end through it.
 */
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/free-port.mjs';
import { type SmokeGeneration, smokePrompt } from '../client/generate.js';
import type { RunningServer } from './processes.js';

/** The server-side key; the mock gateway accepts no other, and no answer may contain it. */
export const serverKey = 'sk-tokenhub-runtime-smoke-5f1c2a9e';

/** What a runtime's test provides. */
export interface RuntimeUnderTest {
  /** Starts the runtime's snippet on `port` with these env variables / bindings. */
  start: (
    port: number,
    env: { TOKENHUB_API_KEY: string; TOKENHUB_BASE_URL: string },
  ) => Promise<RunningServer>;
  /** Runs the fetch client in the runtime against `proxyURL`; resolves with what it printed. */
  generate: (proxyURL: string, server: RunningServer) => Promise<SmokeGeneration>;
}

const generationsPath = '/api/tokenhub/v1/images/generations';
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function post(origin: string, body: unknown): Promise<Response> {
  return fetch(`${origin}${generationsPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function textToImage(prompt: string, n: number): unknown {
  return {
    model: 'wan2.7-image',
    input: { messages: [{ role: 'user', content: [{ text: prompt }] }] },
    parameters: { size: '1K', n },
  };
}

/** Registers the smoke tests of one runtime. */
export function describeRuntime(name: string, runtime: RuntimeUnderTest): void {
  describe(name, () => {
    let gateway: MockGateway;
    let server: RunningServer;

    beforeAll(async () => {
      gateway = await startMockGateway({ apiKey: serverKey });
      server = await runtime.start(await freePort(), {
        TOKENHUB_API_KEY: serverKey,
        TOKENHUB_BASE_URL: gateway.url,
      });
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
      await gateway?.close();
    });

    it('forwards a valid body with the server key and returns the gateway answer', async () => {
      const response = await post(server.origin, textToImage('A red fox', 1));
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const body = JSON.parse(text) as { output: { choices: unknown[] }; request_id: string };
      expect(body.output.choices).toHaveLength(1);
      expect(response.headers.get('x-request-id')).toBe(body.request_id);
      const recorded = await gateway.waitForRequest((r) => r.requestId === body.request_id);
      expect(recorded.headers.authorization).toBe(`Bearer ${serverKey}`);
      expect(text).not.toContain(serverKey);
      expect([...response.headers.values()].join('\n')).not.toContain(serverKey);
    });

    it('answers an invalid body with 400 naming the field and sends nothing upstream', async () => {
      const before = gateway.requests.length;
      const response = await post(server.origin, textToImage('A red fox', 99));
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        code: string;
        errors: { path: string; rule: string }[];
      };
      expect(body.code).toBe('InvalidParameter');
      expect(body.errors).toContainEqual(
        expect.objectContaining({ path: 'parameters.n', rule: 'n-range' }),
      );
      expect(gateway.requests.length).toBe(before);
    });

    it('runs the fetch client in the runtime: a generation end to end', async () => {
      const result = await runtime.generate(`${server.origin}/api/tokenhub`, server);
      expect(result.finished).toBe(true);
      expect(result.urls).toHaveLength(2);
      const recorded = gateway.requests.find((r) => r.requestId === result.requestId);
      expect(JSON.stringify(recorded?.body)).toContain(smokePrompt);
      for (const url of result.urls) {
        const image = Buffer.from(await (await fetch(url)).arrayBuffer());
        expect(image.subarray(0, 8).equals(pngSignature)).toBe(true);
      }
    });
  });
}
