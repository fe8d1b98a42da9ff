/**
 * One proxy replica in its own process, as a deployment would run it: the proxy with the Redis
 * ledger on a free loopback port. Prints `{"port": N}` on stdout once it listens.
 * Env: MOCK_URL, REDIS_URL, TOKENHUB_API_KEY, LEDGER_PREFIX, LEASE_MS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import { redisLedger } from '@tokenhub/image-core/server/redis';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`replica-main: ${name} is required`);
  return value;
};

const handler = createProxyHandler({
  apiKey: env('TOKENHUB_API_KEY'),
  baseURL: env('MOCK_URL'),
  ledger: redisLedger({ url: env('REDIS_URL'), keyPrefix: env('LEDGER_PREFIX') }),
  leaseMs: Number(env('LEASE_MS')),
});
const server = createServer(toNodeHandler(handler));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
