import {
  createImageGenerationStore,
  type ImageGenerationClient,
  type ImageGenerationResult,
  type ImageGenerationState,
  type ImageGenerationStore,
  type ImageGenerationStoreOptions,
  type ImageRequestInput,
} from '@tokenhub/image-core';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTokenHubClient } from './provider.js';

/** Options of {@link useImageGeneration}. Callbacks always see their latest version. */
export interface UseImageGenerationOptions extends ImageGenerationStoreOptions {
  /** The client to use instead of the `TokenHubProvider`'s. */
  client?: ImageGenerationClient;
}

/** What {@link useImageGeneration} returns: the state plus the actions. */
export interface UseImageGenerationResult extends ImageGenerationState {
  /** Starts a run (a builder or a body); never throws, the outcome lands in the state. Latest wins. */
  generate: (request: ImageRequestInput) => void;
  /** Starts a run and resolves with its result or rejects with its `TokenHubError` (`AbortError` if stopped). */
  generateAsync: (request: ImageRequestInput) => Promise<ImageGenerationResult>;
  /** Cancels the HTTP request and puts back the state from before the run, synchronously. */
  stop: () => void;
  /** Cancels anything pending and returns to idle, clearing data and error (the history stays). */
  reset: () => void;
  /** Empties the history, its storage and the kept image bytes. */
  clearHistory: () => void;
}

/**
 * Runs image generations from a component: cancellable for real, latest call wins, safe under
 * StrictMode, unmounts and server rendering. A thin layer over the core's
 * `createImageGenerationStore` through `useSyncExternalStore`.
 *
 * `historySize`, `storage` and `imageCache` are read when the history loads (after mount); the other
 * options (`progress` from the next run on) and the client may change on any render.
 *
 * @example
 * ```tsx
 * const { generate, stop, isPending, progress, images, error } = useImageGeneration({
 *   progress: estimateProgress(), // opt-in: moves `progress` and `elapsedMs` while pending
 * });
 * generate(imageRequest('wan2.7-image-pro').text('a lighthouse at dusk'));
 * ```
 */
export function useImageGeneration(
  options: UseImageGenerationOptions = {},
): UseImageGenerationResult {
  const contextClient = useTokenHubClient();
  const client = options.client ?? contextClient;
  if (!client) {
    throw new Error(
      'useImageGeneration needs a client: render it inside <TokenHubProvider baseURL="/api/tokenhub"> ' +
        'or pass useImageGeneration({ client }).',
    );
  }
  // Created lazily and without side effects, so StrictMode's double render and the server are safe.
  const [store] = useState<ImageGenerationStore>(() => createImageGenerationStore(client, options));

  // Latest options and client for the next run, without re-creating the store.
  useEffect(() => {
    store.setOptions(options);
    store.setClient(client);
  });

  // Unmount aborts the run in flight, silently. Requests start only from user calls, never from an
  // effect, so StrictMode's mount-unmount-mount sends nothing twice.
  useEffect(() => () => store.dispose(), [store]);

  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);

  return useMemo(
    () => ({
      ...state,
      generate: store.generate,
      generateAsync: store.generateAsync,
      stop: store.stop,
      reset: store.reset,
      clearHistory: store.clearHistory,
    }),
    [state, store],
  );
}
