/**
 * What the config and the specs share: the mock gateway's port (chosen in the config, inherited by
 * the workers through the env), the fake key the build sees, and the mock gateway's
 * control endpoints.
 */
import { type APIRequestContext, expect } from '@playwright/test';

/** A fake key in the env of `next build`: no file under .next/static may contain it. */
export const canaryKey = 'sk-tokenhub-next-canary-6d0f3b8a91c2';

/** The mock gateway the start script runs (it listens on NEXT_E2E_MOCK_PORT). */
export const mockURL = () => `http://127.0.0.1:${process.env.NEXT_E2E_MOCK_PORT}`;

/** One request as the mock gateway recorded it. */
export interface RecordedRequest {
  requestId: string;
  body: {
    input: { messages: { content: { text?: string; image?: string }[] }[] };
    parameters?: { bbox_list?: number[][][] } & Record<string, unknown>;
  };
  status: number;
}

/** Clears what the mock recorded. */
export async function resetGateway(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${mockURL()}/__mock/reset`)).ok()).toBe(true);
}

/** What reached the mock gateway so far (`GET /__mock/requests`). */
export async function gatewayRequests(request: APIRequestContext): Promise<RecordedRequest[]> {
  const response = await request.get(`${mockURL()}/__mock/requests`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as RecordedRequest[];
}

/** The prompt text of a recorded request. */
export function promptOf(recorded: RecordedRequest | undefined): string | undefined {
  return recorded?.body.input.messages[0]?.content.find((item) => item.text !== undefined)?.text;
}
