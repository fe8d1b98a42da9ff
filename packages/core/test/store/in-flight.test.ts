import { describe, expect, it } from 'vitest';
import {
  createInFlightJournal,
  inFlightRunOf,
  keptRequestOf,
  parseInFlightRuns,
} from '../../src/store/in-flight.js';
import type { ImageHistoryStorage } from '../../src/store/storage.js';

const body = {
  model: 'wan2.7-image-pro',
  input: {
    messages: [
      {
        role: 'user' as const,
        content: [{ image: 'https://example.com/a.png' }, { text: 'a fox' }, { text: 'in snow' }],
      },
    ],
  },
};

describe('the in-flight journal', () => {
  it('records model, prompt and start, and rebuilds a request of just those', () => {
    const run = inFlightRunOf(body, 'key-1', 1000);
    expect(run).toEqual({
      key: 'key-1',
      model: 'wan2.7-image-pro',
      prompt: 'a fox\n\nin snow',
      startedAt: 1000,
    });
    expect(keptRequestOf(run)).toEqual({
      model: 'wan2.7-image-pro',
      input: { messages: [{ role: 'user', content: [{ text: 'a fox\n\nin snow' }] }] },
    });
  });

  it('reads only well-formed stored runs', () => {
    expect(parseInFlightRuns(null)).toEqual([]);
    expect(parseInFlightRuns('{')).toEqual([]);
    expect(parseInFlightRuns('{"key":"a"}')).toEqual([]);
    expect(
      parseInFlightRuns('[{"key":"a","startedAt":1},{"key":2,"startedAt":1},{"key":"b"},null]'),
    ).toEqual([{ key: 'a', startedAt: 1 }]);
  });

  it('keeps runs through a storage that has the in-flight methods, and nowhere otherwise', () => {
    let saved: unknown[] = [];
    const withRuns: ImageHistoryStorage = {
      load: () => [],
      save: () => undefined,
      loadInFlight: () => saved as never,
      saveInFlight: (runs) => {
        saved = [...runs];
      },
    };
    const journal = createInFlightJournal(() => withRuns);
    journal.add(inFlightRunOf(body, 'a', 1));
    journal.add(inFlightRunOf(body, 'b', 2));
    journal.add(inFlightRunOf(body, 'a', 3));
    expect(saved.map((run) => (run as { key: string }).key)).toEqual(['b', 'a']);
    journal.remove('b');
    expect(journal.runs().map((run) => run.key)).toEqual(['a']);

    // Only a persistent storage outlives the page, and with it the run a reload would resume.
    const historyOnly = createInFlightJournal(() => ({ load: () => [], save: () => undefined }));
    historyOnly.add(inFlightRunOf(body, 'c', 1));
    expect(historyOnly.runs()).toEqual([]);
    expect(createInFlightJournal(() => undefined).runs()).toEqual([]);
  });
});
