/**
 * The journal of generations in flight: written before a call is sent and cleared when it
 * settles, so a page that reloads mid-generation knows which call to resume (by its
 * `Idempotency-Key`) instead of paying for it again. It comes with a persistent storage
 * (`localStorageAdapter()`, or `createInFlightJournal` in your own): an app without one does not
 * ship it.
 */
import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import type { ImageGenerationClient } from './client-contract.js';
import { promptOf } from './request-input.js';

/** A generation that was sent and has not settled yet, as kept in storage. */
export interface InFlightRun {
  /** The `Idempotency-Key` it was sent with. */
  key: string;
  /** The model it asked for. */
  model: string | undefined;
  /** Its prompt (the text items, joined). */
  prompt: string | undefined;
  /** When it was sent, in ms since the epoch. */
  startedAt: number;
}

/** A run of the journal as the store resumes it. */
export interface ResumableRun {
  /** The `Idempotency-Key` it was sent with, by which the proxy keeps its answer. */
  key: string;
  /** The request as far as it was kept: its model and prompt. */
  request: ImageRequestBody;
  /** When it was sent, in ms since the epoch. */
  startedAt: number;
}

/**
 * The generations in flight of a persistent storage (its `inFlight`). The store calls it around
 * every run and on load; its methods never throw (a storage that fails journals nothing, and the
 * run goes on without being resumable).
 */
export interface InFlightJournal {
  /** Every run in flight, oldest first. */
  runs(): ResumableRun[];
  /** Records the run `key` of `body` as it is sent at `startedAt`. */
  add(key: string, body: ImageRequestBody | undefined, startedAt: number): void;
  /** Forgets a run that settled or was cancelled. */
  remove(key: string): void;
  /**
   * Picks up the run that was in flight when the page went away (the store calls it on subscribe,
   * while no run is pending): hands the latest one to `start`, as the store's current run, with a
   * `call` that waits for its answer through `client.getGeneration` until `signal` aborts. The older
   * ones were superseded before the page went away: `ended(key, true)` cancels them for good. A
   * client without `getGeneration` (no proxy) cannot resume: the run is forgotten with
   * `ended(key, false)` rather than awaited forever.
   */
  resume(
    client: ImageGenerationClient,
    start: (
      run: ResumableRun,
      call: (control: { signal: AbortSignal }) => Promise<ImageGenerationResult>,
    ) => void,
    ended: (key: string, cancelled: boolean) => void,
  ): void;
}

/** Where an {@link InFlightJournal} keeps its runs: one string slot (a `localStorage` item, a file). */
export interface InFlightSlot {
  /** The string written last, or `null` when there is none. */
  read(): string | null;
  /** Replaces the string; `null` removes it (no run is in flight). */
  write(json: string | null): void;
}

/** The in-flight record of a body sent with `key`. */
export function inFlightRunOf(
  body: ImageRequestBody | undefined,
  key: string,
  startedAt: number,
): InFlightRun {
  return { key, model: body?.model, prompt: promptOf(body), startedAt };
}

/** Reads a stored journal, dropping anything malformed. */
export function parseInFlightRuns(json: string | null): InFlightRun[] {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is InFlightRun =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as InFlightRun).key === 'string' &&
      typeof (item as InFlightRun).startedAt === 'number',
  );
}

/** The request of a resumed run, as far as it was kept: its model and prompt. */
export function keptRequestOf(run: InFlightRun): ImageRequestBody {
  return {
    model: run.model ?? '',
    input: { messages: [{ role: 'user', content: run.prompt ? [{ text: run.prompt }] : [] }] },
  };
}

/**
 * The journal over one string slot, as JSON: `localStorageAdapter()` uses it, and so can a custom
 * storage (give it `inFlight: createInFlightJournal({ read, write })`). A slot that throws (quota,
 * private mode) journals nothing.
 *
 * @example
 * ```ts
 * const storage: ImageHistoryStorage = {
 *   load: () => myHistory.load(),
 *   save: (records) => myHistory.save(records),
 *   inFlight: createInFlightJournal({
 *     read: () => sessionStorage.getItem('in-flight'),
 *     write: (json) =>
 *       json === null ? sessionStorage.removeItem('in-flight') : sessionStorage.setItem('in-flight', json),
 *   }),
 * };
 * ```
 */
export function createInFlightJournal(slot: InFlightSlot): InFlightJournal {
  const stored = (): InFlightRun[] => {
    try {
      return parseInFlightRuns(slot.read());
    } catch {
      return [];
    }
  };
  const write = (next: InFlightRun[]): void => {
    try {
      slot.write(next.length > 0 ? JSON.stringify(next) : null);
    } catch {
      // Storage full or unavailable: the run goes on, it just cannot be resumed after a reload.
    }
  };
  const without = (key: string): InFlightRun[] => stored().filter((run) => run.key !== key);
  const runs = (): ResumableRun[] =>
    stored().map((run) => ({
      key: run.key,
      request: keptRequestOf(run),
      startedAt: run.startedAt,
    }));
  return {
    runs,
    add: (key, body, startedAt) => write([...without(key), inFlightRunOf(body, key, startedAt)]),
    remove: (key) => write(without(key)),
    resume: (client, start, ended) => {
      const pending = runs();
      const latest = pending.pop();
      if (!latest) return;
      for (const older of pending) ended(older.key, true);
      const getGeneration = client.getGeneration?.bind(client);
      if (getGeneration) start(latest, ({ signal }) => getGeneration(latest.key, { signal }));
      else ended(latest.key, false);
    },
  };
}
