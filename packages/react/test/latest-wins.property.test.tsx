/**
 * Property test: random sequences of generate / stop / reset / wait, optionally ending in an unmount,
 * against the real mock gateway with random latencies and random server failures. Invariants: the
 * state only ever shows the outcome of the latest run, status and flags always agree, a stopped run
 * puts back the state from before it, and nothing happens after unmount.
 */

import { act, render } from '@testing-library/react';
import type {
  ImageGenerationClient,
  ImageGenerationState,
  ImageRequestBody,
  ImageRequestInput,
} from '@tokenhub/image-core';
import type { MockGateway } from '@tokenhub/mock-gateway';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type UseImageGenerationResult, useImageGeneration } from '../src/index.js';
import { clientFor, pass, scenarios, seedOf, startGateway, withSeed } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

type Action =
  | { type: 'generate'; latencyMs: number; fails: boolean }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('generate' as const),
      latencyMs: fc.integer({ min: 0, max: 60 }),
      fails: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'stop' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'reset' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 80 }),
    }),
  },
);

/** What the state must show when nothing is pending: the status and the run it came from. */
interface Settled {
  status: 'idle' | 'success' | 'error';
  seed: number | undefined;
}

const seedOfRequest = (request: ImageRequestInput | undefined): unknown =>
  (request as ImageRequestBody | undefined)?.parameters?.seed;

function checkConsistent(state: ImageGenerationState): void {
  const flags = [state.isIdle, state.isPending, state.isSuccess, state.isError];
  expect(flags.filter(Boolean)).toHaveLength(1);
  expect(state.isIdle).toBe(state.status === 'idle');
  expect(state.isPending).toBe(state.status === 'pending');
  expect(state.isSuccess).toBe(state.status === 'success');
  expect(state.isError).toBe(state.status === 'error');
  expect(state.images).toEqual(state.data?.images ?? []);
  expect(state.data === undefined).toBe(state.status !== 'success');
  expect(state.error === undefined).toBe(state.status !== 'error');
  if (state.status === 'success') expect(state.progress).toBe(1);
  else expect(state.progress).toBeLessThan(1);
  if (state.status === 'idle') expect(state.variables).toBeUndefined();
}

/** Renders the hook and reports every render and every settled run. */
function Probe(props: {
  client: ImageGenerationClient;
  onRender: (state: UseImageGenerationResult) => void;
  onSettled: (outcome: string, seed: unknown) => void;
}) {
  const state = useImageGeneration({
    client: props.client,
    onSettled: (data, error, variables) =>
      props.onSettled(data ? 'success' : `error ${error?.name}`, seedOfRequest(variables)),
  });
  props.onRender(state);
  return null;
}

test('latest wins, flags agree, stop restores, nothing after unmount (100 random sequences)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(action, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      async (actions, unmountAtEnd) => {
        gateway.reset();
        // The latency and failure of each run travel as per-request mock headers.
        const plan = new WeakMap<object, Record<string, string>>();
        const http = clientFor(gateway, { maxRetries: 0 });
        const client: ImageGenerationClient = {
          generateImages: (request, options) =>
            http.generateImages(request, { ...options, headers: plan.get(request) ?? {} }),
        };
        const renders: UseImageGenerationResult[] = [];
        const settledCalls: Array<[string, unknown]> = [];
        const view = render(
          <Probe
            client={client}
            onRender={(state) => renders.push(state)}
            onSettled={(outcome, seed) => settledCalls.push([outcome, seed])}
          />,
        );
        const current = () => renders[renders.length - 1] as UseImageGenerationResult;
        const generate = (request: ImageRequestInput) => current().generate(request);

        let settled: Settled = { status: 'idle', seed: undefined };
        let pending: { seed: number; before: Settled } | undefined;
        const killed = new Set<number>();
        const expectedCalls: Array<[string, unknown]> = [];
        let seed = 0;

        const expectSettled = (expected: Settled) => {
          const state = current();
          expect(state.status).toBe(expected.status);
          if (expected.status !== 'idle')
            expect(seedOfRequest(state.variables)).toBe(expected.seed);
        };
        /** After time passed: the pending run may have finished; it must be that run's outcome. */
        const reconcile = () => {
          const state = current();
          if (!pending) return expectSettled(settled);
          if (state.isPending) {
            expect(seedOfRequest(state.variables)).toBe(pending.seed);
            return;
          }
          expect(seedOfRequest(state.variables)).toBe(pending.seed);
          if (state.isSuccess) expect(seedOf(gateway, state.data?.requestId)).toBe(pending.seed);
          expectedCalls.push([
            state.isSuccess ? 'success' : `error ${state.error?.name}`,
            pending.seed,
          ]);
          settled = { status: state.isSuccess ? 'success' : 'error', seed: pending.seed };
          pending = undefined;
        };

        for (const step of actions) {
          if (step.type === 'generate') {
            seed += 1;
            const request = withSeed(scenarios['text-to-image'], seed);
            plan.set(request, {
              'x-mock-latency-ms': String(step.latencyMs),
              ...(step.fails ? { 'x-mock-fault': '500' } : {}),
            });
            if (pending) killed.add(pending.seed);
            pending = { seed, before: pending ? pending.before : settled };
            act(() => generate(request));
            expect(current().status).toBe('pending');
            expect(current().variables).toBe(request);
          } else if (step.type === 'stop') {
            act(() => current().stop());
            if (pending) {
              killed.add(pending.seed);
              settled = pending.before;
              pending = undefined;
            }
            expectSettled(settled);
          } else if (step.type === 'reset') {
            act(() => current().reset());
            if (pending) killed.add(pending.seed);
            pending = undefined;
            settled = { status: 'idle', seed: undefined };
            expectSettled(settled);
          } else {
            await pass(step.ms);
            reconcile();
          }
        }

        if (unmountAtEnd) {
          const rendersAtUnmount = renders.length;
          const callsAtUnmount = settledCalls.length;
          view.unmount();
          await Promise.all(gateway.requests.map((request) => request.settled));
          await pass(20);
          expect(renders.length).toBe(rendersAtUnmount);
          expect(settledCalls.length).toBe(callsAtUnmount);
        } else {
          for (let i = 0; pending && i < 100; i++) {
            await pass(10);
            reconcile();
          }
          expect(pending).toBeUndefined();
          expect(settledCalls).toEqual(expectedCalls);
          view.unmount();
          await Promise.all(gateway.requests.map((request) => request.settled));
        }

        for (const state of renders) {
          checkConsistent(state);
          // A superseded, stopped or reset run never shows an outcome.
          const runSeed = seedOfRequest(state.variables) as number;
          if (state.isSuccess || state.isError) expect(killed.has(runSeed)).toBe(false);
          if (state.isSuccess) expect(seedOf(gateway, state.data?.requestId)).toBe(runSeed);
        }
      },
    ),
    { numRuns: 100 },
  );
}, 120_000);
