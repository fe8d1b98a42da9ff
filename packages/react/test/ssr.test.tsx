// @vitest-environment node
import {
  createTokenHubClient,
  type ImageHistoryStorage,
  imageRequest,
  localStorageAdapter,
} from '@tokenhub/image-core';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { TokenHubProvider, useImageGeneration } from '../src/index.js';

function Generator() {
  const { status, isPending, history, images, progress, generate } = useImageGeneration({
    // Creating the adapter during a server render must not touch localStorage.
    storage: localStorageAdapter(),
  });
  return (
    <section>
      <p>status: {status}</p>
      <p>pending: {String(isPending)}</p>
      <p>progress: {progress}</p>
      <p>history: {history.length}</p>
      <p>images: {images.length}</p>
      <button type="button" onClick={() => generate(imageRequest('wan2.7-image-pro').text('x'))}>
        Generate
      </button>
    </section>
  );
}

function WithStorage({ storage }: { storage: ImageHistoryStorage }) {
  const { status } = useImageGeneration({ storage });
  return <p>{status}</p>;
}

describe('server rendering', () => {
  test('renderToString works with the proxy provider, without window or localStorage', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof localStorage).toBe('undefined');
    const html = renderToString(
      <TokenHubProvider baseURL="/api/tokenhub">
        <Generator />
      </TokenHubProvider>,
    );
    expect(html).toContain('status: <!-- -->idle');
    expect(html).toContain('pending: <!-- -->false');
    expect(html).toContain('history: <!-- -->0');
  });

  test('a storage adapter is never read while rendering on the server', () => {
    let reads = 0;
    const storage = {
      load: () => {
        reads += 1;
        return [];
      },
      save: () => undefined,
    };
    const html = renderToString(
      <TokenHubProvider client={createTokenHubClient({ baseURL: '/api/tokenhub' })}>
        <WithStorage storage={storage} />
      </TokenHubProvider>,
    );
    expect(html).toContain('idle');
    expect(reads).toBe(0);
  });
});
