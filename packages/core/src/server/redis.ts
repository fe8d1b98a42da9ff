/**
 * `@tokenhub/image-core/server/redis`: the generation ledger in Redis, for a proxy that runs as
 * several replicas. Needs the `redis` package (node-redis 5), an optional peer dependency.
 * @packageDocumentation
 */
export {
  type RedisLedger,
  type RedisLedgerOptions,
  type RedisScriptClient,
  redisLedger,
} from './ledger/redis-ledger.js';
