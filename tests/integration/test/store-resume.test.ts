/**
 * The generation store resumes over real HTTP through the proxy: a store that goes away mid-run
 * (a reload, an unmount) leaves the run to the next store with the same storage, which shows it as
 * `pending` + `resumed` and lands the result, from one upstream generation. `stop()` cancels.
 */
import {
  createImageGenerationStore,
  createInFlightJournal,
  createTokenHubClient,
  type ImageGenerationStore,
  type ImageHistoryRecord,
  type ImageHistoryStorage,
  type InFlightRun,
} from '@tokenhub/image-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from './helpers.js';
import { type ListeningProxy, listenProxy } from './server/listen.js';

const gateway = useMockGateway();
let proxy: ListeningProxy;
const stores: ImageGenerationStore[] = [];
beforeAll(async () => {
  proxy = await listenProxy({ apiKey: API_KEY, baseURL: gateway().url });
});
afterAll(async () => {
  await proxy?.close();
});
afterEach(() => {
  while (stores.length > 0) stores.pop()?.dispose();
});

/**
 * What a page keeps in localStorage, as an object that outlives one store ("the page"): a custom
 * storage whose journal is `createInFlightJournal` over one string slot.
 */
function memoryStorage(): ImageHistoryStorage & { journaled(): InFlightRun[] } {
  let records: ImageHistoryRecord[] = [];
  let slot: string | null = null;
  return {
    load: () => records,
    save: (next: readonly ImageHistoryRecord[]) => {
      records = [...next];
    },
    inFlight: createInFlightJournal({
      read: () => slot,
      write: (json) => {
        slot = json;
      },
    }),
    journaled: () => (slot === null ? [] : (JSON.parse(slot) as InFlightRun[])),
  };
}

function page(storage: ImageHistoryStorage, origin = proxy.origin): ImageGenerationStore {
  const client = createTokenHubClient({ baseURL: `${origin}/api/tokenhub` });
  const store = createImageGenerationStore(client, { storage });
  stores.push(store);
  return store;
}

function until(
  store: ImageGenerationStore,
  done: (state: ReturnType<ImageGenerationStore['getSnapshot']>) => boolean,
): Promise<ReturnType<ImageGenerationStore['getSnapshot']>> {
  return new Promise((resolve) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    const check = () => {
      const state = store.getSnapshot();
      if (settled || !done(state)) return;
      settled = true;
      // A store may notify during `subscribe` itself (resuming starts at once): unsubscribe later.
      queueMicrotask(() => unsubscribe?.());
      resolve(state);
    };
    unsubscribe = store.subscribe(check);
    check();
  });
}

/** The journal is cleared right after the state settles (in the same task): let that run. */
const settledJournal = () => new Promise((resolve) => setTimeout(resolve, 0));

const generationsOf = (key: string) =>
  gateway().requests.filter((request) => request.headers['idempotency-key'] === key);

describe('a store resumes the run of the page before it', () => {
  it('reload mid-generation: pending + resumed, then the result in data and history, one generation', async () => {
    gateway().setLatency(1200);
    const storage = memoryStorage();
    const first = page(storage);
    first.subscribe(() => undefined);
    first.generate(textToImage('a lighthouse at dusk'));
    const sent = await gateway().waitForRequest();
    const key = String(sent.headers['idempotency-key']);
    expect(storage.journaled().map((run) => run.key)).toEqual([key]);
    // The page goes away: the store stops listening, the journal stays.
    first.dispose();
    expect(storage.journaled()).toHaveLength(1);

    const second = page(storage);
    const resumed = await until(second, (state) => state.status !== 'idle');
    expect(resumed).toMatchObject({ status: 'pending', resumed: true });
    expect(resumed.startedAt).toBe(storage.journaled()[0]?.startedAt);
    const done = await until(second, (state) => state.status !== 'pending');
    expect(done.status).toBe('success');
    expect(done.resumed).toBe(true);
    expect(done.data?.requestId).toBe(sent.requestId);
    expect(done.history[0]).toMatchObject({ prompt: 'a lighthouse at dusk' });
    await settledJournal();
    expect(storage.journaled()).toEqual([]);
    expect(generationsOf(key)).toHaveLength(1);
    expect(generationsOf(key)[0]?.outcome).toBe('completed');
  });

  it('stop() cancels at the proxy: the upstream call is aborted and nothing is resumed', async () => {
    gateway().setLatency(5000);
    const storage = memoryStorage();
    const first = page(storage);
    first.subscribe(() => undefined);
    first.generate(textToImage());
    const sent = await gateway().waitForRequest();
    first.stop();
    expect(await sent.settled).toBe('aborted');
    expect(storage.journaled()).toEqual([]);
    const second = page(storage);
    second.subscribe(() => undefined);
    expect(second.getSnapshot().status).toBe('idle');
  });

  it('a run the proxy no longer knows ends as an error, never a forever pending state', async () => {
    gateway().setLatency(3000);
    const storage = memoryStorage();
    const first = page(storage);
    first.subscribe(() => undefined);
    first.generate(textToImage());
    await gateway().waitForRequest();
    first.dispose();
    // A new proxy with an empty ledger (a restart without Redis).
    const restarted = await listenProxy({ apiKey: API_KEY, baseURL: gateway().url });
    try {
      const second = page(storage, restarted.origin);
      const ended = await until(second, (state) => state.status === 'error');
      expect(ended.error).toMatchObject({ status: 404, code: 'GenerationNotFound' });
      expect(ended.resumed).toBe(true);
      await settledJournal();
      expect(storage.journaled()).toEqual([]);
    } finally {
      await restarted.close();
    }
  });

  it('the latest run wins and the superseded one is cancelled at the proxy', async () => {
    gateway().setLatency(1500);
    const storage = memoryStorage();
    const store = page(storage);
    store.subscribe(() => undefined);
    store.generate(textToImage('first'));
    const first = await gateway().waitForRequest();
    const result = await store.generateAsync(textToImage('second'));
    expect(await first.settled).toBe('aborted');
    expect(store.getSnapshot().data).toBe(result);
    expect(storage.journaled()).toEqual([]);
  });
});
