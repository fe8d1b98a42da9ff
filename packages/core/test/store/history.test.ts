import { describe, expect, test } from 'vitest';
import {
  createHistoryRecord,
  dropExpiredRecords,
  type ImageHistoryRecord,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from '../../src/store/history.js';
import {
  localStorageAdapter,
  parseHistoryRecords,
  serializeHistoryRecords,
} from '../../src/store/storage.js';
import type { ImageGenerationResult } from '../../src/types.js';

const result = (url: string): ImageGenerationResult => ({
  images: [{ url, choiceIndex: 0 }],
  usage: { imageCount: 1 },
  requestId: 'req',
  finished: true,
  warnings: [],
  raw: { ok: true },
});

const record = (id: string, expiresAt: number): ImageHistoryRecord => ({
  id,
  model: 'wan2.7-image-pro',
  prompt: 'a cat',
  result: result(`https://x/${id}.png`),
  receivedAt: 0,
  expiresAt: new Date(expiresAt),
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
    expect(made.expiresAt).toEqual(new Date(10_000));
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
    const [back] = parseHistoryRecords(serializeHistoryRecords([original]));
    expect(back).toEqual(original);
    expect(back?.expiresAt).toBeInstanceOf(Date);
    expect(back?.result.images[0]?.expiresAt).toBeInstanceOf(Date);
  });

  test('the persisted form keeps expiresAt in epoch milliseconds, so older versions still read it', () => {
    const [stored] = JSON.parse(serializeHistoryRecords([record('a', 1_700_000_000_000)]));
    expect(stored.expiresAt).toBe(1_700_000_000_000);
  });

  test('history written by an older version (epoch milliseconds, no warnings) still loads', () => {
    // Exactly what 0.x wrote to localStorage before expiresAt became a Date.
    const old =
      '[{"id":"m1","model":"wan2.7-image-pro","prompt":"a cat","receivedAt":5,"expiresAt":86400005,' +
      '"result":{"images":[{"url":"https://x/a.png?Expires=86400","choiceIndex":0,' +
      '"expiresAt":"1970-01-02T00:00:00.000Z"}],"usage":{},"requestId":"r","finished":true,"raw":{}}}]';
    const [back] = parseHistoryRecords(old);
    expect(back?.id).toBe('m1');
    expect(back?.expiresAt).toEqual(new Date(86_400_005));
    expect(back?.result.images[0]?.expiresAt).toEqual(new Date(86_400_000));
    expect(back?.result.warnings).toEqual([]);
  });

  test('an ISO string expiresAt is read too; an unreadable one drops the record', () => {
    const stored = (expiresAt: unknown) =>
      JSON.stringify([{ ...record('a', 0), expiresAt, result: result('https://x/a.png') }]);
    expect(parseHistoryRecords(stored('2030-01-01T00:00:00.000Z'))[0]?.expiresAt).toEqual(
      new Date('2030-01-01T00:00:00.000Z'),
    );
    expect(parseHistoryRecords(stored('soon'))).toEqual([]);
    expect(parseHistoryRecords(stored(null))).toEqual([]);
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
