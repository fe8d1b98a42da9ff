import { afterEach, describe, expect, test, vi } from 'vitest';
import { imageRequest } from '../../src/builder.js';
import { createTokenHubClient } from '../../src/client/client.js';
import type { FetchFunction } from '../../src/client/fetch-types.js';
import { TokenHubValidationError } from '../../src/errors.js';
import { createImageGenerationStore } from '../../src/store/generation-store.js';
import type { ImageHistoryRecord } from '../../src/store/history.js';
import { deriveGenerationState, idleRunState } from '../../src/store/state.js';
import type { ImageHistoryStorage } from '../../src/store/storage.js';

/** A fetch that must never run: these tests only cover what happens before the network. */
function forbiddenFetch(): { fetch: FetchFunction; calls: () => number } {
  let calls = 0;
  return {
    fetch: async () => {
      calls += 1;
      throw new Error('no request may be sent');
    },
    calls: () => calls,
  };
}

/** A storage kept in memory, the same contract as the localStorage adapter. */
function memoryStorage(initial: ImageHistoryRecord[]): ImageHistoryStorage & {
  saved: ImageHistoryRecord[][];
} {
  let records = initial;
  const saved: ImageHistoryRecord[][] = [];
  return {
    saved,
    load: () => records,
    save: (next) => {
      records = [...next];
      saved.push(records);
    },
  };
}

const record = (id: string, expiresAt: number): ImageHistoryRecord => ({
  id,
  model: 'wan2.7-image-pro',
  prompt: id,
  result: {
    images: [{ url: `https://x/${id}.png`, choiceIndex: 0 }],
    usage: {},
    requestId: id,
    finished: true,
    warnings: [],
    raw: {},
  },
  receivedAt: 0,
  expiresAt: new Date(expiresAt),
});

describe('createImageGenerationStore', () => {
  test('starts idle with consistent flags, and the server snapshot is idle too', () => {
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
    );
    const state = store.getSnapshot();
    expect(state).toMatchObject({ status: 'idle', isIdle: true, isPending: false, attempt: 0 });
    expect(state.images).toEqual([]);
    expect(store.getServerSnapshot()).toBe(state);
  });

  test('the snapshot is the same object until something changes (no render loops)', () => {
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
    );
    let notified = 0;
    store.subscribe(() => {
      notified += 1;
    });
    const before = store.getSnapshot();
    store.stop();
    store.reset();
    expect(store.getSnapshot()).toBe(before);
    expect(notified).toBe(0);
  });

  test('an invalid request ends in a TokenHubValidationError and sends nothing', async () => {
    const network = forbiddenFetch();
    const store = createImageGenerationStore(createTokenHubClient({ fetch: network.fetch }));
    const errors: unknown[] = [];
    store.setOptions({ onError: (error) => errors.push(error) });
    // @ts-expect-error n 99 is over the model's maximum (a type error too); the store must reject it
    const invalid = imageRequest('wan2.7-image-pro').text('x').n(99);
    await expect(store.generateAsync(invalid)).rejects.toBeInstanceOf(TokenHubValidationError);
    const state = store.getSnapshot();
    expect(state.status).toBe('error');
    expect(state.isError).toBe(true);
    expect(state.error).toBeInstanceOf(TokenHubValidationError);
    expect(state.variables).toBe(invalid);
    expect(errors).toEqual([state.error]);
    expect(network.calls()).toBe(0);
  });

  test('generate never rejects, even for an invalid request', async () => {
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
    );
    const settled = new Promise<void>((resolve) =>
      store.setOptions({ onSettled: () => resolve() }),
    );
    expect(store.generate(imageRequest('wan2.7-image-pro'))).toBeUndefined();
    await settled;
    expect(store.getSnapshot().status).toBe('error');
  });

  test('reset after an error goes back to idle', async () => {
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
    );
    await store.generateAsync(imageRequest('wan2.7-image-pro')).catch(() => undefined);
    store.reset();
    expect(store.getSnapshot()).toMatchObject({
      status: 'idle',
      error: undefined,
      variables: undefined,
    });
  });

  test('the history loads on first subscribe, without expired entries, which are removed from storage', () => {
    const now = Date.now();
    const storage = memoryStorage([record('fresh', now + 60_000), record('old', now - 1)]);
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
      {
        storage,
      },
    );
    expect(store.getSnapshot().history).toEqual([]);
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.getSnapshot().history.map((entry) => [entry.id, entry.isExpired])).toEqual([
      ['fresh', false],
    ]);
    expect(storage.saved.at(-1)?.map((r) => r.id)).toEqual(['fresh']);
    expect(store.getServerSnapshot().history).toEqual([]);
    store.clearHistory();
    expect(store.getSnapshot().history).toEqual([]);
    expect(storage.saved.at(-1)).toEqual([]);
    unsubscribe();
  });

  test('a storage that throws leaves an empty history instead of crashing', () => {
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
      {
        storage: {
          load: () => {
            throw new Error('SecurityError');
          },
          save: () => {
            throw new Error('QuotaExceededError');
          },
        },
      },
    );
    expect(() => store.subscribe(() => undefined)).not.toThrow();
    expect(() => store.clearHistory()).not.toThrow();
    expect(store.getSnapshot().history).toEqual([]);
  });
});

describe('callbacks are isolated', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Captures what the store reports through the platform's `reportError`. */
  function captureReports(): unknown[] {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    return reported;
  }

  test('a throwing onError skips nothing, changes no state, keeps the rejection, and is reported', async () => {
    const reported = captureReports();
    const boom = new Error('bug in onError');
    const calls: string[] = [];
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
      {
        onError: () => {
          calls.push('error');
          throw boom;
        },
        onSettled: () => calls.push('settled'),
      },
    );
    const rejection = await store
      .generateAsync(imageRequest('wan2.7-image-pro'))
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(TokenHubValidationError);
    expect(store.getSnapshot().error).toBe(rejection);
    expect(store.getSnapshot().status).toBe('error');
    expect(calls).toEqual(['error', 'settled']);
    expect(reported).toEqual([boom]);
  });

  test('generate no longer swallows a throwing onSettled: it is reported', async () => {
    const reported = captureReports();
    const boom = new Error('bug in onSettled');
    const store = createImageGenerationStore(
      createTokenHubClient({ fetch: forbiddenFetch().fetch }),
      {
        onSettled: () => {
          throw boom;
        },
      },
    );
    store.generate(imageRequest('wan2.7-image-pro'));
    await vi.waitFor(() => expect(reported).toEqual([boom]));
    expect(store.getSnapshot().status).toBe('error');
  });
});

describe('deriveGenerationState', () => {
  test('exactly one flag is true and it matches the status', () => {
    for (const status of ['idle', 'pending', 'success', 'error'] as const) {
      const state = deriveGenerationState({ ...idleRunState, status }, []);
      const flags = {
        idle: state.isIdle,
        pending: state.isPending,
        success: state.isSuccess,
        error: state.isError,
      };
      expect(Object.entries(flags).filter(([, on]) => on)).toEqual([[status, true]]);
    }
  });
});
