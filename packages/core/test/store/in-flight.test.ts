import { describe, expect, it } from 'vitest';
import type { ImageGenerationClient } from '../../src/store/client-contract.js';
import {
  createInFlightJournal,
  type InFlightSlot,
  inFlightRunOf,
  keptRequestOf,
  parseInFlightRuns,
  type ResumableRun,
} from '../../src/store/in-flight.js';
import type { ImageGenerationResult } from '../../src/types.js';

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

const keptRequest = {
  model: 'wan2.7-image-pro',
  input: { messages: [{ role: 'user', content: [{ text: 'a fox\n\nin snow' }] }] },
};

/** One string slot in memory, as a custom storage would have it. */
function memorySlot(): InFlightSlot & { json: string | null } {
  const slot = {
    json: null as string | null,
    read: () => slot.json,
    write: (json: string | null) => {
      slot.json = json;
    },
  };
  return slot;
}

describe('the in-flight journal', () => {
  it('records model, prompt and start, and rebuilds a request of just those', () => {
    const run = inFlightRunOf(body, 'key-1', 1000);
    expect(run).toEqual({
      key: 'key-1',
      model: 'wan2.7-image-pro',
      prompt: 'a fox\n\nin snow',
      startedAt: 1000,
    });
    expect(keptRequestOf(run)).toEqual(keptRequest);
  });

  it('reads only well-formed stored runs', () => {
    expect(parseInFlightRuns(null)).toEqual([]);
    expect(parseInFlightRuns('{')).toEqual([]);
    expect(parseInFlightRuns('{"key":"a"}')).toEqual([]);
    expect(
      parseInFlightRuns('[{"key":"a","startedAt":1},{"key":2,"startedAt":1},{"key":"b"},null]'),
    ).toEqual([{ key: 'a', startedAt: 1 }]);
  });

  it('keeps runs as JSON in one slot, oldest first, and empties the slot when none is left', () => {
    const slot = memorySlot();
    const journal = createInFlightJournal(slot);
    journal.add('a', body, 1);
    journal.add('b', body, 2);
    journal.add('a', body, 3);
    expect(parseInFlightRuns(slot.json).map((run) => run.key)).toEqual(['b', 'a']);
    journal.remove('b');
    expect(journal.runs()).toEqual([{ key: 'a', request: keptRequest, startedAt: 3 }]);
    journal.remove('a');
    expect(slot.json).toBeNull();
  });

  it('journals nothing through a slot that throws, and never throws itself', () => {
    const failing = createInFlightJournal({
      read: () => {
        throw new Error('storage disabled');
      },
      write: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(() => failing.add('a', body, 1)).not.toThrow();
    expect(() => failing.remove('a')).not.toThrow();
    expect(failing.runs()).toEqual([]);
  });

  describe('resume', () => {
    const result: ImageGenerationResult = {
      images: [{ url: 'https://example.com/out.png', choiceIndex: 0 }],
      usage: {},
      requestId: 'req-1',
      finished: true,
      raw: {},
      warnings: [],
    };

    /** A journal holding runs `a` (oldest) and `b`, and what `resume` did with them. */
    function twoRuns() {
      const journal = createInFlightJournal(memorySlot());
      journal.add('a', body, 1);
      journal.add('b', body, 2);
      const started: Array<{ run: ResumableRun; answer: Promise<unknown> }> = [];
      const ended: Array<[string, boolean]> = [];
      const waitedFor: string[] = [];
      const signal = new AbortController().signal;
      const resume = (client: ImageGenerationClient) =>
        journal.resume(
          client,
          (run, call) => started.push({ run, answer: call({ signal }) }),
          (key, cancelled) => ended.push([key, cancelled]),
        );
      return { journal, started, ended, waitedFor, resume };
    }

    it('starts the latest run, waiting for its answer by key, and cancels the older ones', async () => {
      const { started, ended, waitedFor, resume } = twoRuns();
      resume({
        generateImages: () => Promise.reject(new Error('a resumed run sends nothing')),
        getGeneration: async (key) => {
          waitedFor.push(key);
          return result;
        },
      });
      expect(started.map(({ run }) => run)).toEqual([
        { key: 'b', request: keptRequest, startedAt: 2 },
      ]);
      await expect(started[0]?.answer).resolves.toBe(result);
      expect(waitedFor).toEqual(['b']);
      expect(ended).toEqual([['a', true]]);
    });

    it('forgets the latest run when the client cannot wait for it (no proxy), starting nothing', () => {
      const { started, ended, resume } = twoRuns();
      resume({ generateImages: () => Promise.reject(new Error('nothing is sent')) });
      expect(started).toEqual([]);
      expect(ended).toEqual([
        ['a', true],
        ['b', false],
      ]);
    });

    it('does nothing when no run is in flight', () => {
      const journal = createInFlightJournal(memorySlot());
      const calls: string[] = [];
      journal.resume(
        { generateImages: () => Promise.reject(new Error('nothing is sent')) },
        () => calls.push('start'),
        () => calls.push('ended'),
      );
      expect(calls).toEqual([]);
    });
  });
});
