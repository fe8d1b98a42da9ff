/**
 * The ledger for several replicas: Redis holds each entry and a lease (`SET lease NX PX`, renewed
 * while the call runs, the single-instance lock pattern of Redis's documentation). Every step is
 * one Lua script, so two replicas can never both win a claim, and a replica can only complete or
 * release a call while it still holds the lease.
 */

import { numberOption } from '../../shared/options.js';
import {
  type ClaimResult,
  type GenerationLedger,
  type LedgerEntry,
  type LedgerEntryState,
  ledgerDefaults,
  newLease,
  type StoredAnswer,
} from './ledger.js';
import { answerNotKept, keptAnswer } from './memory-ledger.js';

/**
 * The part of a node-redis 5 client the ledger uses (`createClient()` from `redis` has it). Any
 * client with the same `eval` works.
 */
export interface RedisScriptClient {
  /** Runs a Lua script (node-redis: `client.eval(script, { keys, arguments })`). */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** A node-redis client the ledger opened itself and must close. */
interface OwnedRedisClient extends RedisScriptClient {
  connect(): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
}

/** Options of {@link redisLedger}. */
export type RedisLedgerOptions = {
  /** How long an entry is kept, in ms. Default 24 hours (the lifetime of the signed links). */
  ttlMs?: number;
  /** Largest answer kept, in bytes (a larger one is stored as a 502 `AnswerNotKept`). Default 256 KiB. */
  maxEntryBytes?: number;
  /** Prefix of every Redis key. Default `tokenhub:generation:`. */
  keyPrefix?: string;
} & (
  | {
      /** A connected node-redis 5 client (`createClient({ url }).connect()`); you close it. */
      client: RedisScriptClient;
      url?: never;
    }
  | {
      /** A Redis URL (`redis://127.0.0.1:6379`): the ledger connects with the `redis` package and closes it in `close()`. */
      url: string;
      client?: never;
    }
);

/** A {@link GenerationLedger} in Redis; `close()` closes the client it opened from a `url`. */
export interface RedisLedger extends GenerationLedger {
  /** Closes the connection the ledger opened (a `client` you passed stays open). */
  close(): Promise<void>;
}

// KEYS[1] entry hash, KEYS[2] lease. A pending entry without a lease is `lost`: claimable again.
const claimScript = `
local state = redis.call('HGET', KEYS[1], 'state')
if state and (state ~= 'pending' or redis.call('EXISTS', KEYS[2]) == 1) then
  local fields = redis.call('HGETALL', KEYS[1])
  table.insert(fields, 'leaseHeld')
  table.insert(fields, tostring(redis.call('EXISTS', KEYS[2])))
  return fields
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'state', 'pending', 'fingerprint', ARGV[1], 'startedAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 0`;

const getScript = `
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return 0 end
table.insert(fields, 'leaseHeld')
table.insert(fields, tostring(redis.call('EXISTS', KEYS[2])))
return fields`;

const holdsLease = `redis.call('GET', KEYS[2]) == ARGV[1] and redis.call('HGET', KEYS[1], 'state') == 'pending'`;

const renewScript = `
if ${holdsLease} then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return 1
end
return 0`;

const completeScript = `
if ${holdsLease} then
  redis.call('HSET', KEYS[1], 'state', 'done', 'answer', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0`;

const releaseScript = `
if ${holdsLease} then
  redis.call('DEL', KEYS[1], KEYS[2])
end
return 0`;

const cancelScript = `
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return 0 end
local held = redis.call('EXISTS', KEYS[2])
table.insert(fields, 'leaseHeld')
table.insert(fields, tostring(held))
if held == 1 and redis.call('HGET', KEYS[1], 'state') == 'pending' then
  redis.call('HSET', KEYS[1], 'state', 'cancelled')
  redis.call('DEL', KEYS[2])
end
return fields`;

const states: readonly LedgerEntryState[] = ['pending', 'done', 'cancelled', 'lost'];

/** A stored answer; one that cannot be read is replayed as a 502 rather than called again. */
function parseAnswer(text: string | undefined): StoredAnswer {
  try {
    const answer = JSON.parse(text ?? '') as StoredAnswer;
    if (typeof answer.status === 'number' && typeof answer.body === 'string') return answer;
  } catch {
    // fall through
  }
  return answerNotKept('could not be read back');
}

/** Reads the flat `[name, value, ...]` reply of the scripts into an entry. */
function toEntry(reply: unknown): LedgerEntry | undefined {
  if (!Array.isArray(reply)) return undefined;
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), String(reply[i + 1]));
  const stored = fields.get('state') as LedgerEntryState | undefined;
  if (!stored || !states.includes(stored)) return undefined;
  const state: LedgerEntryState =
    stored === 'pending' && fields.get('leaseHeld') !== '1' ? 'lost' : stored;
  const entry: LedgerEntry = {
    state,
    fingerprint: fields.get('fingerprint') ?? '',
    startedAt: Number(fields.get('startedAt') ?? 0),
  };
  if (state === 'done') entry.answer = parseAnswer(fields.get('answer'));
  return entry;
}

async function openClient(url: string): Promise<OwnedRedisClient> {
  let redis: { createClient(options: { url: string }): OwnedRedisClient };
  try {
    redis = (await import('redis')) as unknown as typeof redis;
  } catch {
    throw new Error(
      'redisLedger({ url }) needs the `redis` package (node-redis 5): install it, or pass a connected `client`',
    );
  }
  const client = redis.createClient({ url });
  await client.connect();
  return client;
}

/**
 * A {@link GenerationLedger} in Redis, shared by every replica of the proxy: exactly one replica
 * calls upstream for an idempotency key, the others wait for its stored answer. A replica that
 * dies mid-call stops renewing its lease; when the lease runs out the entry is `lost`, and the
 * next `POST` with that key starts a new generation.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { redisLedger } from '@tokenhub/image-core/server/redis';
 * const ledger = redisLedger({ client: await createClient({ url: process.env.REDIS_URL }).connect() });
 * ```
 */
export function redisLedger(options: RedisLedgerOptions): RedisLedger {
  const owner = 'redisLedger';
  const ttlMs = numberOption(options.ttlMs, ledgerDefaults.ttlMs, { owner, name: 'ttlMs', min: 1 });
  const maxEntryBytes = numberOption(options.maxEntryBytes, ledgerDefaults.maxEntryBytes, {
    owner,
    name: 'maxEntryBytes',
    min: 1,
  });
  const prefix = options.keyPrefix ?? 'tokenhub:generation:';
  if (!options.client && typeof options.url !== 'string') {
    throw new TypeError(`${owner}: pass a connected node-redis \`client\` or a \`url\``);
  }
  let owned: Promise<OwnedRedisClient> | undefined;
  const client = async (): Promise<RedisScriptClient> => {
    if (options.client) return options.client;
    owned ??= openClient(options.url as string);
    return owned;
  };
  // One hash tag per id keeps an entry and its lease in one cluster slot.
  const keys = (id: string) => [`${prefix}{${id}}:entry`, `${prefix}{${id}}:lease`];
  const run = async (script: string, id: string, args: Array<string | number>) =>
    (await client()).eval(script, { keys: keys(id), arguments: args.map(String) });

  return {
    async claim(id, fingerprint, leaseMs): Promise<ClaimResult> {
      const lease = newLease();
      const reply = await run(claimScript, id, [fingerprint, Date.now(), lease, leaseMs, ttlMs]);
      if (!Array.isArray(reply)) return { claimed: true, lease };
      const entry = toEntry(reply) ?? { state: 'lost', fingerprint: '', startedAt: 0 };
      return { claimed: false, entry };
    },
    async renew(id, lease, leaseMs) {
      return Number(await run(renewScript, id, [lease, leaseMs])) === 1;
    },
    async complete(id, lease, answer) {
      const kept = JSON.stringify(keptAnswer(answer, maxEntryBytes));
      return Number(await run(completeScript, id, [lease, kept, ttlMs])) === 1;
    },
    async release(id, lease) {
      await run(releaseScript, id, [lease]);
    },
    async cancel(id) {
      return toEntry(await run(cancelScript, id, []));
    },
    async get(id) {
      return toEntry(await run(getScript, id, []));
    },
    async close() {
      if (!owned) return;
      const opened = await owned.catch(() => undefined);
      owned = undefined;
      await (opened?.close ?? opened?.quit)?.call(opened);
    },
  };
}
