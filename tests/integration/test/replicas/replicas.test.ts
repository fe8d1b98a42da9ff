/**
 * Two proxy replicas in separate processes share one Redis ledger behind a round-robin balancer:
 * the same call sent to both reaches the upstream once, and a replica killed mid-call ends in the
 * documented outcome (its generation is lost; the next caller starts one new generation, once).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from '../helpers.js';
import { type RedisServer, startRedisServer } from '../redis-server.js';
import { type Balancer, startBalancer } from './balancer.js';

const mock = useMockGateway();
const leaseMs = 1500;
let redis: RedisServer;
let balancer: Balancer;
const replicas: Array<{ child: ChildProcess; port: number }> = [];

async function startReplica(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('replica-main.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        MOCK_URL: mock().url,
        REDIS_URL: redis.url,
        TOKENHUB_API_KEY: API_KEY,
        LEDGER_PREFIX: 'replicas-test:',
        LEASE_MS: String(leaseMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
  return { child, port };
}

/** POSTs on a connection of its own, so the balancer picks the next replica for it. */
function post(
  key: string,
): Promise<{ status: number; text: string; headers: Record<string, unknown> } | Error> {
  return new Promise((resolve) => {
    const body = JSON.stringify(textToImage('two replicas, one generation'));
    const req = httpRequest(
      `${balancer.origin}/api/tokenhub/v1/images/generations`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        res.on('error', (error) => resolve(error));
      },
    );
    req.on('error', (error) => resolve(error));
    req.end(body);
  });
}

const generations = (key: string) =>
  mock().requests.filter((request) => request.headers['idempotency-key'] === key);

beforeAll(async () => {
  redis = await startRedisServer();
  replicas.push(await startReplica(), await startReplica());
  balancer = await startBalancer(replicas.map((replica) => replica.port));
}, 60_000);

afterAll(async () => {
  await balancer?.close();
  for (const { child } of replicas) if (child.exitCode === null) child.kill('SIGKILL');
  await redis?.stop();
});

describe('two replicas, one Redis ledger', () => {
  it('sends a call that reaches both replicas at once upstream once; both get the same answer', async () => {
    mock().setLatency(800);
    const before = new Map(balancer.connections);
    const [a, b] = await Promise.all([post('both-at-once'), post('both-at-once')]);
    if (a instanceof Error || b instanceof Error) throw a instanceof Error ? a : b;
    // The balancer really sent one connection to each replica.
    for (const { port } of replicas) {
      expect((balancer.connections.get(port) ?? 0) - (before.get(port) ?? 0)).toBe(1);
    }
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.text).toBe(a.text);
    expect(generations('both-at-once')).toHaveLength(1);
  });

  it('a replica killed mid-call: its generation is lost, the next caller starts exactly one new one', async () => {
    mock().setLatency(2500);
    const key = 'replica-dies';
    const first = post(key);
    const seen = await mock().waitForRequest(
      (request) => request.headers['idempotency-key'] === key,
    );
    // The replica that took the first connection called upstream; the second one joins.
    const holderPort = balancer.history.at(-1);
    const joiner = post(key);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(balancer.history.at(-1)).not.toBe(holderPort);
    replicas.find(({ port }) => port === holderPort)?.child.kill('SIGKILL');
    // The first caller's connection dies with its replica.
    expect(await first).toBeInstanceOf(Error);
    await seen.settled;
    // The surviving replica sees the lease run out, marks the call lost, and calls once more.
    const answer = await joiner;
    if (answer instanceof Error) throw answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).output.choices.length).toBeGreaterThan(0);
    // The first caller's retry (same key) gets that answer, with no third generation.
    const retry = await post(key);
    if (retry instanceof Error) throw retry;
    expect(retry.text).toBe(answer.text);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const calls = generations(key);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.outcome).toBe('aborted');
    expect(calls[1]?.outcome).toBe('completed');
  }, 60_000);
});
