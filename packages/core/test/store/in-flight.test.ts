import { describe, expect, it } from 'vitest';
import {
  createInFlightJournal,
  type InFlightSlot,
  inFlightRunOf,
  keptRequestOf,
  parseInFlightRuns,
} from '../../src/store/in-flight.js';

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
});
