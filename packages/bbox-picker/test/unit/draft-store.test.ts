import { describe, expect, it } from 'vitest';
import { createDraftStore } from '../../src/draft-store';

describe('createDraftStore', () => {
  it('notifies subscribers only when an edge changes (a sub-pixel move renders nothing)', () => {
    const store = createDraftStore();
    let notified = 0;
    const unsubscribe = store.subscribe(() => {
      notified++;
    });
    store.set([1, 2, 3, 4]);
    store.set([1, 2, 3, 4]);
    expect(notified).toBe(1);
    store.set([1, 2, 3, 5]);
    expect(notified).toBe(2);
    expect(store.get()).toEqual([1, 2, 3, 5]);
    store.set(null);
    expect(notified).toBe(3);
    unsubscribe();
    store.set([0, 0, 1, 1]);
    expect(notified).toBe(3);
  });
});
