/**
 * The journal of generations in flight: written before a call is sent and cleared when it
 * settles, so a page that reloads mid-generation knows which call to resume (by its
 * `Idempotency-Key`) instead of paying for it again.
 */
import type { ImageRequestBody } from '../types.js';
import type { ImageHistoryStorage } from './storage.js';

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

/** The journal of one store. */
export interface InFlightJournal {
  /** Every run in flight, oldest first. */
  runs(): InFlightRun[];
  /** Records a run as it is sent. */
  add(run: InFlightRun): void;
  /** Forgets a run that settled or was cancelled. */
  remove(key: string): void;
}

/** The prompt of a body: its text items, joined. */
export function promptOf(body: ImageRequestBody | undefined): string | undefined {
  const texts: string[] = [];
  for (const item of body?.input?.messages?.[0]?.content ?? []) {
    if ('text' in item && typeof item.text === 'string') texts.push(item.text);
  }
  return texts.length > 0 ? texts.join('\n\n') : undefined;
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

/**
 * The journal of `storage` (its optional `loadInFlight`/`saveInFlight`, as `localStorageAdapter`
 * has). Without them nothing is journaled: only a persistent storage outlives the page, and with it
 * the run a reload would resume.
 */
export function createInFlightJournal(
  storage: () => ImageHistoryStorage | undefined,
): InFlightJournal {
  const runs = (): InFlightRun[] => {
    try {
      return storage()?.loadInFlight?.() ?? [];
    } catch {
      return [];
    }
  };
  const write = (next: InFlightRun[]): void => {
    try {
      storage()?.saveInFlight?.(next);
    } catch {
      // Storage full or unavailable: the run goes on, it just cannot be resumed after a reload.
    }
  };
  const without = (key: string): InFlightRun[] => runs().filter((run) => run.key !== key);
  return {
    runs,
    add: (run) => write([...without(run.key), run]),
    remove: (key) => write(without(key)),
  };
}

/** The request of a resumed run, as far as it was kept: its model and prompt. */
export function keptRequestOf(run: InFlightRun): ImageRequestBody {
  return {
    model: run.model ?? '',
    input: { messages: [{ role: 'user', content: run.prompt ? [{ text: run.prompt }] : [] }] },
  };
}
