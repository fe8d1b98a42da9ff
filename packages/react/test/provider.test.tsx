/**
 * `TokenHubProvider` with `baseURL`, `headers` and `fetch`: a changed value reaches the next request
 * (a refreshed session token), an equal one keeps the client and re-renders nothing below.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FetchFunction, ImageGenerationClient } from '@tokenhub/image-core';
import type { MockGateway } from '@tokenhub/mock-gateway';
import { memo } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  TokenHubProvider,
  type TokenHubProviderProps,
  useImageGeneration,
  useTokenHubClient,
} from '../src/index.js';
import { scenarios, startGateway } from './helpers.js';

let gateway: MockGateway;
let other: MockGateway;
beforeAll(async () => {
  [gateway, other] = await Promise.all([startGateway(), startGateway()]);
});
afterEach(() => {
  gateway.reset();
  other.reset();
});
afterAll(async () => {
  await Promise.all([gateway.close(), other.close()]);
});

let renders = 0;
const clientsSeen: Array<ImageGenerationClient | undefined> = [];

/** A consumer below the provider; memo, so only a context change re-renders it. */
const Generator = memo(function Generator() {
  renders += 1;
  clientsSeen.push(useTokenHubClient());
  const { generate, isSuccess, isPending } = useImageGeneration();
  return (
    <div>
      <button type="button" onClick={() => generate(scenarios['text-to-image'])}>
        Generate
      </button>
      <p>{isPending ? 'pending' : isSuccess ? 'done' : 'idle'}</p>
    </div>
  );
});

type ProxyProps = Extract<TokenHubProviderProps, { baseURL: string }>;

function Page(props: Omit<ProxyProps, 'children'> & { tick?: number }) {
  const { tick: _tick, ...providerProps } = props;
  return (
    <TokenHubProvider {...providerProps}>
      <Generator />
    </TokenHubProvider>
  );
}

/** Clicks Generate and waits until the run settled. */
async function generateOnce(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
  await screen.findByText('done');
}

afterEach(() => {
  renders = 0;
  clientsSeen.length = 0;
});

describe('TokenHubProvider', () => {
  test('a refreshed session header reaches the next request', async () => {
    const view = render(<Page baseURL={gateway.url} headers={{ 'x-session': 'token-1' }} />);
    await generateOnce();
    view.rerender(<Page baseURL={gateway.url} headers={{ 'x-session': 'token-2' }} />);
    await generateOnce();
    expect(gateway.requests.map((request) => request.headers['x-session'])).toEqual([
      'token-1',
      'token-2',
    ]);
  });

  test('a new baseURL sends the next request there', async () => {
    const view = render(<Page baseURL={gateway.url} />);
    await generateOnce();
    view.rerender(<Page baseURL={other.url} />);
    await generateOnce();
    expect(gateway.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(1);
  });

  test('a new fetch is used by the next request', async () => {
    const used: string[] = [];
    const tagged =
      (tag: string): FetchFunction =>
      (url, init) => {
        used.push(tag);
        return fetch(url, init);
      };
    const first = tagged('first');
    const view = render(<Page baseURL={gateway.url} fetch={first} />);
    await generateOnce();
    view.rerender(<Page baseURL={gateway.url} fetch={tagged('second')} />);
    await generateOnce();
    expect(used).toEqual(['first', 'second']);
  });

  test('a parent re-rendering with equal props (a new headers object) re-renders no consumer', async () => {
    const fetchFn: FetchFunction = (url, init) => fetch(url, init);
    const page = (tick: number, token: string) => (
      <Page
        tick={tick}
        baseURL={gateway.url}
        fetch={fetchFn}
        headers={{ 'x-session': token, 'x-app': 'demo' }}
      />
    );
    const view = render(page(1, 'token-1'));
    expect(renders).toBe(1);
    for (const tick of [2, 3, 4]) view.rerender(page(tick, 'token-1'));
    expect(renders).toBe(1);

    // Same entries in another order are equal too.
    view.rerender(
      <Page
        tick={5}
        baseURL={gateway.url}
        fetch={fetchFn}
        headers={{ 'x-app': 'demo', 'x-session': 'token-1' }}
      />,
    );
    expect(renders).toBe(1);

    view.rerender(page(6, 'token-2'));
    await waitFor(() => expect(renders).toBe(2));
    expect(clientsSeen[1]).not.toBe(clientsSeen[0]);
  });
});
