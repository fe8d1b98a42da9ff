import { describe, expect, test } from 'vitest';
import {
  createHistoryRecord,
  dropExpiredRecords,
  type ImageHistoryRecord,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from '../../src/store/history.js';
import { localStorageAdapter, parseHistoryRecords } from '../../src/store/storage.js';
import type { ImageGenerationResult } from '../../src/types.js';

const result = (url: string): ImageGenerationResult => ({
  images: [{ url, choiceIndex: 0 }],
  usage: { imageCount: 1 },
  requestId: 'req',
  finished: true,
  raw: { ok: true },
});

const record = (id: string, expiresAt: number): ImageHistoryRecord => ({
  id,
  model: 'wan2.7-image-pro',
  prompt: 'a cat',
  result: result(`https://x/${id}.png`),
  receivedAt: 0,
  expiresAt,
});

describe('history', () => {
  test('a record keeps model and prompt, not the images sent', () => {
    const made = createHistoryRecord(
      result('https://x/a.png?Expires=10'),
      {
        model: 'wan2.7-image-pro',
        input: {
          messages: [
            {
              role: 'user',
              content: [
                { image: 'data:image/png;base64,AAAA' },
                { text: 'first' },
                { text: 'second' },
              ],
            },
          ],
        },
      },
      5,
    );
    expect(made.model).toBe('wan2.7-image-pro');
    expect(made.prompt).toBe('first\n\nsecond');
    expect(made.expiresAt).toBe(10_000);
    expect(made.receivedAt).toBe(5);
    expect(JSON.stringify(made)).not.toContain('base64');
  });

  test('records get distinct ids', () => {
    const a = createHistoryRecord(result('https://x/a.png'), undefined, 1);
    const b = createHistoryRecord(result('https://x/a.png'), undefined, 1);
    expect(a.id).not.toBe(b.id);
  });

  test('newest first, at most size entries', () => {
    let records: ImageHistoryRecord[] = [];
    for (const id of ['a', 'b', 'c']) records = prependHistoryRecord(records, record(id, 9), 2);
    expect(records.map((r) => r.id)).toEqual(['c', 'b']);
  });

  test('isExpired is derived from now', () => {
    const entries = toHistoryEntries([record('a', 100), record('b', 200)], 150);
    expect(entries.map((e) => e.isExpired)).toEqual([true, false]);
  });

  test('expired records are dropped and the next expiry is found', () => {
    const records = [record('a', 100), record('b', 300), record('c', 200)];
    expect(dropExpiredRecords(records, 150).map((r) => r.id)).toEqual(['b', 'c']);
    expect(nextExpiry(records, 150)).toBe(200);
    expect(nextExpiry(records, 400)).toBeUndefined();
  });
});

describe('history storage', () => {
  test('records survive a JSON round trip, dates included', () => {
    const original = record('a', 100);
    original.result.images[0] = {
      url: 'https://x/a.png',
      choiceIndex: 0,
      expiresAt: new Date(100),
    };
    const [back] = parseHistoryRecords(JSON.stringify([original]));
    expect(back).toEqual(original);
    expect(back?.result.images[0]?.expiresAt).toBeInstanceOf(Date);
  });

  test('garbage in storage gives an empty history instead of a crash', () => {
    expect(parseHistoryRecords(null)).toEqual([]);
    expect(parseHistoryRecords('{not json')).toEqual([]);
    expect(parseHistoryRecords('{"a":1}')).toEqual([]);
    expect(parseHistoryRecords('[{"id":1},null,{"id":"x","receivedAt":1,"expiresAt":2}]')).toEqual(
      [],
    );
  });

  test('the localStorage adapter does nothing without window (server)', () => {
    expect(typeof window).toBe('undefined');
    const adapter = localStorageAdapter();
    expect(adapter.load()).toEqual([]);
    expect(() => adapter.save([record('a', 1)])).not.toThrow();
  });
});
