import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../browser-bundle.js';

/** The source files with code in a browser bundle of `names` (imported from src/index.ts). */
async function bundledSources(names: string): Promise<string[]> {
  return (await bundleForBrowser({ exports: names })).sourcesWithCode;
}

const KEEPING = ['src/store/kept-images.ts', 'src/store/indexeddb-image-cache.ts'];

// What an app that keeps no image bytes ships: the store without the keeping logic, and no module
// of the proxy. Bundles the sources, so it always sees current code.
describe('the image cache is opt-in', () => {
  it('a store with a history in localStorage ships no byte-keeping logic and no server module', async () => {
    const sources = await bundledSources('createImageGenerationStore, localStorageAdapter');
    expect(sources).toContain('src/store/generation-store.ts');
    expect(sources.filter((source) => KEEPING.includes(source))).toEqual([]);
    expect(sources.filter((source) => source.startsWith('src/server/'))).toEqual([]);
  });

  it('an app that creates an image cache ships it (the check can fail)', async () => {
    const indexedDB = await bundledSources('createImageGenerationStore, indexedDBImageCache');
    expect(KEEPING.filter((source) => indexedDB.includes(source))).toEqual(KEEPING);
    const ownBytes = await bundledSources('createImageGenerationStore, createImageCache');
    expect(ownBytes).toContain('src/store/kept-images.ts');
    expect(ownBytes).not.toContain('src/store/indexeddb-image-cache.ts');
  });
});

// Persistence is opt-in the same way: parsing stored records and journaling runs in flight (to
// resume them after a reload) come with the persistent storage that needs them.
describe('persistence is opt-in', () => {
  const PERSISTING = ['src/store/storage.ts', 'src/store/in-flight.ts'];

  it('a store without a persistent storage ships no record parsing and no in-flight journal', async () => {
    const sources = await bundledSources('createImageGenerationStore');
    expect(sources).toContain('src/store/generation-store.ts');
    expect(sources.filter((source) => PERSISTING.includes(source))).toEqual([]);
  });

  it('localStorageAdapter() and createInFlightJournal ship them (the check can fail)', async () => {
    const local = await bundledSources('createImageGenerationStore, localStorageAdapter');
    expect(PERSISTING.filter((source) => local.includes(source))).toEqual(PERSISTING);
    const custom = await bundledSources('createImageGenerationStore, createInFlightJournal');
    expect(custom).toContain('src/store/in-flight.ts');
    expect(custom).not.toContain('src/store/storage.ts');
  });
});

// The progress estimate too: its timer and curve come with `estimateProgress()`.
describe('the progress estimate is opt-in', () => {
  const ESTIMATING = ['src/store/estimated-progress.ts', 'src/store/progress-estimate.ts'];

  it('a store without the progress option ships no estimate and no ticker', async () => {
    const sources = await bundledSources('createImageGenerationStore');
    expect(sources).toContain('src/store/generation-store.ts');
    expect(sources.filter((source) => ESTIMATING.includes(source))).toEqual([]);
  });

  it('estimateProgress() ships them (the check can fail)', async () => {
    const sources = await bundledSources('createImageGenerationStore, estimateProgress');
    expect(ESTIMATING.filter((source) => sources.includes(source))).toEqual(ESTIMATING);
  });
});
