/**
 * Benchmarks of the server side (issue 3, section 6). Prints numbers, asserts nothing:
 *
 * 1. Proxy cost: 8000 generations per target (4000 at mock latency 50 ms) in 8 alternating
 *    rounds, each after 200 unmeasured calls, 16 at a time, sent (a) straight to the mock
 *    gateway, (b) through the floor (a minimal undici pass-through) and (c) through
 *    `createProxyHandler` + `toNodeHandler` on node:http (ledger on, as by default): with its defaults, with
 *    `createNodeFetch()`, and the way it ran before issue 11 (Web `Request`/`Response` for every
 *    call, the platform `fetch`; a wrapped handler still goes that way). The mock, each proxy and
 *    the load generator run in their own processes, as in a deployment, after a warm-up. Prints
 *    requests/s, the ratio to direct, and CPU per request (all threads, from `/proc` schedstat)
 *    against the floor: the median of the rounds' ratios, with their range; then p50/p99 latency
 *    and the proxy's memory under 200 concurrent callers (RSS, and the heap after a full GC).
 * 2. saveImages memory: 4 images of 20 MB each from a loopback image host (its own process),
 *    saved with concurrency 4 while sampling this process' RSS every 5 ms. Prints the peak RSS
 *    growth divided by the bytes saved (goal <= 0.25: streamed, not buffered).
 *
 * Run: pnpm --filter integration-tests bench:server
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createNodeFetch, saveImages } from '@tokenhub/image-core/node';
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { Agent, request } from 'undici';

const MB = 1024 * 1024;
const TOTAL = 2000;
// Requests per target and round in the throughput runs: long enough that one scavenge or one full
// GC is a small part of a round (at 50 ms a round of 500 already takes two seconds).
const perRound = (latencyMs: number): number => (latencyMs === 0 ? 1000 : 500);
/** Unmeasured calls before each round (see {@link measure}). */
const REWARM = 200;
const CONCURRENCY = 16;
const WARMUP = 1000;
const IMAGE_BYTES = 20 * MB;
const IMAGES = 4;
const KEY = 'sk-bench-not-a-real-key';

const body = JSON.stringify({
  model: 'wan2.7-image-pro',
  input: { messages: [{ role: 'user', content: [{ text: 'A red fox in fresh snow' }] }] },
  parameters: { size: '1K', n: 1 },
});

// ---- child roles -------------------------------------------------------------------------------

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function role(name: string, argument: string | undefined): Promise<void> {
  // A clean exit on kill, so `--cpu-prof` can write its profile when profiling a role.
  process.once('SIGTERM', () => process.exit(0));
  if (name === 'mock') {
    // Small PNGs (64 px): the benchmark measures HTTP handling, not the mock's PNG encoding.
    const mock = await startMockGateway({ apiKey: KEY, maxImageSide: 64 });
    console.log(JSON.stringify({ url: mock.url }));
  } else if (name === 'proxy' || name === 'proxy-undici' || name === 'proxy-web') {
    // `proxy`: the defaults; `proxy-undici`: the Node preset's transport; `proxy-web`: as before
    // issue 11 (a wrapped handler gets a Web Request, and the platform fetch goes upstream).
    const handler = createProxyHandler({
      apiKey: KEY,
      baseURL: argument ?? '',
      ...(name === 'proxy-undici' ? { fetch: createNodeFetch() } : {}),
      ...(name === 'proxy-web'
        ? { fetch: (url, init) => globalThis.fetch(url, { ...init, redirect: 'manual' }) }
        : {}),
    });
    const served = name === 'proxy-web' ? (request: Request) => handler(request) : handler;
    // The parent asks for the heap after a full GC (this role runs with --expose-gc).
    process.on('message', () => {
      globalThis.gc?.();
      process.send?.({
        heapMB: process.memoryUsage().heapUsed / MB,
        rssMB: process.memoryUsage.rss() / MB,
      });
    });
    console.log(JSON.stringify({ url: await listen(createServer(toNodeHandler(served))) }));
  } else if (name === 'floor') {
    // The floor: the least a pass-through can do on Node. Reads the body, posts it with undici's
    // `request` on a keep-alive agent, pipes the answer back. No routing, checks or Web objects.
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    const target = `${argument ?? ''}/v1/images/generations`;
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await request(target, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.statusCode, { 'content-type': 'application/json' });
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    });
    console.log(JSON.stringify({ url: await listen(server) }));
  } else if (name === 'image-host') {
    const chunk = Buffer.alloc(64 * 1024, 0x5a);
    const server = createServer((req, res) => {
      const size =
        Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('bytes')) ||
        IMAGE_BYTES;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': size });
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    console.log(JSON.stringify({ url: await listen(server) }));
  }
}

const self = fileURLToPath(import.meta.url);

async function startRole(
  name: string,
  argument?: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    // No memory reducer: it collects the heap of a process that has sat idle for seconds, as each
    // target does here while the others take their rounds. That is a cost per idle spell, not per
    // request, and it landed in whichever round came next (up to 4x the floor in one round at 50 ms).
    [
      '--expose-gc',
      '--no-memory-reducer',
      '--import',
      'tsx',
      self,
      `--role=${name}`,
      argument ?? '',
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { url: string };
    return { url: parsed.url, child };
  }
  throw new Error(`the ${name} process exited before it listened`);
}

// ---- load generation ---------------------------------------------------------------------------

// One pool of kept-alive connections per target for the warm-up and every round, as callers that
// keep their connections (browsers, an app's HTTP client) use a proxy: a new pool per round made
// each round pay 16 connection set-ups, which is not what the CPU per request is about.
const agents = new Map<string, Agent>();
function agentFor(url: string): Agent {
  let agent = agents.get(url);
  if (!agent) {
    agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
    agents.set(url, agent);
  }
  return agent;
}

async function load(url: string, count: number, headers: Record<string, string>): Promise<number> {
  const agent = agentFor(url);
  let next = 0;
  let failures = 0;
  let firstFailure = '';
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        // One Idempotency-Key per call, as the core client sends it.
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
            ...headers,
          },
          body,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200) {
          failures++;
          firstFailure ||= `HTTP ${response.statusCode} ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (failures > 0) {
    throw new Error(`${failures} of ${count} requests to ${url} failed; first: ${firstFailure}`);
  }
  return count / seconds;
}

/**
 * CPU time a process has used so far, in ms: the sum over its threads (JS, GC helpers, libuv) of
 * the nanoseconds each ran, from Linux `/proc/<pid>/task/<tid>/schedstat`. `/proc/<pid>/stat`
 * counts in 10 ms ticks, too coarse for a round of a few hundred requests. NaN elsewhere.
 */
function cpuTimeMs(pid: number | undefined): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}

interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  pid: number | undefined;
}

/** What {@link measure} found for one target. */
interface Measured {
  /** Requests per second over all rounds. */
  rate: number;
  /** CPU per request over all rounds, in ms. */
  cpuPerRequestMs: number;
  /** CPU per request in each round, in ms. */
  roundCpuMs: number[];
}

const ROUNDS = 8;

async function measure(targets: Target[], requestsPerRound: number): Promise<Measured[]> {
  for (const target of targets) await load(target.url, WARMUP, target.headers);
  // Alternate the runs so drift (JIT, GC, other load on the machine) hits all alike.
  const results = targets.map(() => ({ seconds: 0, cpu: 0, roundCpuMs: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of targets.entries()) {
      // Unmeasured calls first: a target that sat idle while the others took their rounds starts
      // with cold caches, a cost of this schedule and not of a proxy under steady load.
      await load(target.url, REWARM, target.headers);
      const cpuBefore = cpuTimeMs(target.pid);
      const started = performance.now();
      await load(target.url, requestsPerRound, target.headers);
      const result = results[index] as (typeof results)[number];
      result.seconds += (performance.now() - started) / 1000;
      const cpu = cpuTimeMs(target.pid) - cpuBefore;
      result.cpu += cpu;
      result.roundCpuMs.push(cpu / requestsPerRound);
    }
  }
  return results.map((result) => ({
    rate: (requestsPerRound * ROUNDS) / result.seconds,
    cpuPerRequestMs: result.cpu / (requestsPerRound * ROUNDS),
    roundCpuMs: result.roundCpuMs,
  }));
}

/**
 * The CPU of `target` against the floor's: the median of the rounds' ratios (each round's floor run
 * is next to it in time), with the lowest and highest. A round that a neighbour on the machine or a
 * full GC hit moves the median less than it moves the total.
 */
function cpuRatio(target: Measured, floor: Measured): { median: number; min: number; max: number } {
  const ratios = target.roundCpuMs
    .map((cpu, round) => cpu / (floor.roundCpuMs[round] ?? Number.NaN))
    .sort((a, b) => a - b);
  const middle = ratios.length / 2;
  const median =
    ratios.length % 2 === 1
      ? (ratios[Math.floor(middle)] ?? Number.NaN)
      : ((ratios[middle - 1] ?? Number.NaN) + (ratios[middle] ?? Number.NaN)) / 2;
  return { median, min: ratios[0] ?? Number.NaN, max: ratios.at(-1) ?? Number.NaN };
}

/** Resident memory of a process, in MB (Linux `/proc`), else NaN. */
function rssMB(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((row) => row.startsWith('VmRSS:'));
    return Number(line?.replace(/\D+/g, '')) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Latency percentiles of `count` requests, `concurrency` at a time. */
async function latencies(
  url: string,
  count: number,
  concurrency: number,
): Promise<{ p50: number; p99: number; max: number }> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const started = performance.now();
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body,
        });
        await response.body.text();
        times.push(performance.now() - started);
      }
    }),
  );
  await agent.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: times.at(-1) ?? 0 };
}

/** The proxy variants measured, by role. */
const proxyVariants = [
  { role: 'proxy', label: 'proxy (ledger on), defaults' },
  { role: 'proxy-undici', label: 'proxy (ledger on), fetch: createNodeFetch()' },
  {
    role: 'proxy-web',
    label: 'proxy (ledger on), as before issue 11: Web Request/Response + fetch',
  },
] as const;

/** The heap of a proxy process after a full GC, and its RSS then, in MB. */
function heapAfterGC(child: ChildProcess): Promise<{ heapMB: number; rssMB: number }> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as { heapMB: number; rssMB: number }));
    child.send('memory');
  });
}

async function benchProxy(): Promise<void> {
  const mock = await startRole('mock');
  const floor = await startRole('floor', mock.url);
  const proxies: Array<{ url: string; child: ChildProcess }> = [];
  for (const variant of proxyVariants) proxies.push(await startRole(variant.role, mock.url));
  try {
    const targets: Target[] = [
      {
        label: 'direct to the mock',
        url: `${mock.url}/v1/images/generations`,
        headers: { authorization: `Bearer ${KEY}` },
        pid: undefined,
      },
      {
        label: 'floor: minimal undici pass-through',
        url: `${floor.url}/v1/images/generations`,
        headers: {},
        pid: floor.child.pid,
      },
      ...proxies.map((proxy, index) => ({
        label: proxyVariants[index]?.label ?? '',
        url: `${proxy.url}/api/tokenhub/v1/images/generations`,
        headers: {},
        pid: proxy.child.pid,
      })),
    ];
    for (const latencyMs of [0, 50]) {
      await request(`${mock.url}/__mock/latency`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: latencyMs }),
      }).then((response) => response.body.dump());
      const results = await measure(targets, perRound(latencyMs));
      const direct = results[0]?.rate ?? Number.NaN;
      const floorResult = results[1] ?? {
        rate: Number.NaN,
        cpuPerRequestMs: Number.NaN,
        roundCpuMs: [],
      };
      console.log(
        `proxy throughput, mock latency ${latencyMs} ms (${perRound(latencyMs) * ROUNDS} requests per target in ${ROUNDS} alternating rounds after ${WARMUP} of warm-up, ${CONCURRENCY} concurrent; mock, proxy and load generator in separate processes on 2 shared cores):`,
      );
      for (const [index, target] of targets.entries()) {
        const result = results[index] as Measured;
        const againstFloor = cpuRatio(result, floorResult);
        const cpu =
          target.pid === undefined
            ? ''
            : `, CPU ${(result.cpuPerRequestMs * 1000).toFixed(0)} µs/request (${againstFloor.median.toFixed(2)}x the floor: median of ${ROUNDS} rounds, ${againstFloor.min.toFixed(2)}-${againstFloor.max.toFixed(2)})`;
        const ratio =
          index === 0
            ? ''
            : `, ratio to direct ${(result.rate / direct).toFixed(2)} (to the floor ${(result.rate / floorResult.rate).toFixed(2)})`;
        console.log(`  ${target.label}: ${result.rate.toFixed(0)} req/s${ratio}${cpu}`);
      }
    }
    console.log(
      'goals on Node: CPU <= 1.3x the floor, throughput >= 0.8 of direct (at mock latency 0 on 2 shared cores even the floor stays below 0.8: the mock, the proxy and the load generator compete for the CPU)',
    );

    // Tail latency and memory under 200 concurrent callers (mock latency 50 ms), twice each: the
    // heap after a full GC must come back to where it was (no leak), whatever RSS keeps.
    console.log(
      `tail latency and memory, ${TOTAL} requests, 200 concurrent, mock latency 50 ms (heap after a full GC):`,
    );
    for (const [index, proxy] of proxies.entries()) {
      const start = await heapAfterGC(proxy.child);
      const rounds: string[] = [];
      for (let round = 1; round <= 2; round++) {
        const url = `${proxy.url}/api/tokenhub/v1/images/generations`;
        const tail = await latencies(url, TOTAL, 200);
        const peak = rssMB(proxy.child.pid);
        const after = await heapAfterGC(proxy.child);
        rounds.push(
          `round ${round}: p50 ${tail.p50.toFixed(0)} ms, p99 ${tail.p99.toFixed(0)} ms (p99/p50 ${(tail.p99 / tail.p50).toFixed(1)}), max ${tail.max.toFixed(0)} ms, RSS ${peak.toFixed(0)} MB, heap ${after.heapMB.toFixed(1)} MB`,
        );
      }
      console.log(
        `  ${proxyVariants[index]?.label}: heap ${start.heapMB.toFixed(1)} MB, RSS ${start.rssMB.toFixed(0)} MB before;\n    ${rounds.join(';\n    ')}`,
      );
    }
  } finally {
    await Promise.all([...agents.values()].map((agent) => agent.destroy()));
    agents.clear();
    mock.child.kill();
    floor.child.kill();
    for (const proxy of proxies) proxy.child.kill();
  }
}

async function saveTrial(
  urls: string[],
  dir: string,
): Promise<{ ratio: number; seconds: number; growth: number; buffers: number }> {
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let buffers = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    buffers = Math.max(buffers, process.memoryUsage().arrayBuffers);
  }, 5);
  const started = performance.now();
  const saved = await saveImages(urls, { dir, concurrency: IMAGES });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const bytes = saved.reduce((sum, file) => sum + file.bytes, 0);
  await rm(dir, { recursive: true, force: true });
  return { ratio: (peak - baseline) / bytes, seconds, growth: peak - baseline, buffers };
}

async function benchSave(): Promise<void> {
  const host = await startRole('image-host');
  const dir = await mkdtemp(join(tmpdir(), 'tokenhub-bench-save-'));
  try {
    const urls = Array.from({ length: IMAGES }, (_, index) => `${host.url}/image-${index}.png`);
    // Warm up with one full-size image, as a long-running server would have, then measure.
    await saveImages([urls[0] as string], { dir: join(dir, 'warmup') });
    const trials = [];
    for (let trial = 0; trial < 5; trial++)
      trials.push(await saveTrial(urls, join(dir, `run-${trial}`)));
    for (const [index, trial] of trials.entries()) {
      console.log(
        `  saveImages trial ${index + 1}: ${IMAGES} x ${IMAGE_BYTES / MB} MB in ${trial.seconds.toFixed(2)} s, ` +
          `peak RSS growth ${(trial.growth / MB).toFixed(1)} MB (ratio ${trial.ratio.toFixed(3)}), ` +
          `peak ArrayBuffer memory ${(trial.buffers / MB).toFixed(1)} MB (socket chunks awaiting GC)`,
      );
    }
    // The same with 3x larger images: a buffering saver would grow 3x, a streaming one not at all.
    const large = await saveTrial(
      urls.map((url) => `${url}?bytes=${3 * IMAGE_BYTES}`),
      join(dir, 'large'),
    );
    console.log(
      `  saveImages with ${IMAGES} x ${(3 * IMAGE_BYTES) / MB} MB: peak RSS growth ${(large.growth / MB).toFixed(1)} MB (ratio ${large.ratio.toFixed(3)})`,
    );
    const ratios = trials.map((trial) => trial.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
    console.log(
      `saveImages peak RSS growth / bytes saved: median ${median.toFixed(3)}, max ${(ratios.at(-1) ?? Number.NaN).toFixed(3)} of ${ratios.length} trials (goal <= 0.25)` +
        `${globalThis.gc ? '' : ' (run with --expose-gc for a steadier baseline)'}`,
    );
  } finally {
    host.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

const roleFlag = process.argv.find((argument) => argument.startsWith('--role='));
if (roleFlag) {
  await role(roleFlag.slice('--role='.length), process.argv[process.argv.indexOf(roleFlag) + 1]);
} else {
  const only = process.argv[2];
  if (only !== 'save') await benchProxy();
  if (only !== 'proxy') await benchSave();
}
