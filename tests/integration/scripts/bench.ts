/**
 * Throughput of `client.generateImages` (Node preset) against raw `undici.request`, both against
 * the same mock gateway endpoint with no latency: 16 concurrent callers, 2000 requests per side
 * after a warm-up. Prints requests per second of each and their ratio (goal: >= 0.95).
 *
 * Run: pnpm bench (builds first), or `pnpm --filter integration-tests run bench` after a build.
 * Options by env: BENCH_REQUESTS (2000), BENCH_CONCURRENCY (16), BENCH_REPEATS (5).
 */
import type { ImageRequestBody } from '@tokenhub/image-core';
import { createNodeFetch, createTokenHubClient } from '@tokenhub/image-core/node';
import { startMockGateway } from '@tokenhub/mock-gateway';
import { Agent, request } from 'undici';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const warmup = Math.min(200, requests);
const apiKey = 'sk-bench-key';

const body: ImageRequestBody = {
  model: 'wan2.7-image-pro',
  input: {
    messages: [{ role: 'user', content: [{ text: 'A lighthouse at dawn, oil painting' }] }],
  },
  parameters: { size: '1K', n: 1, watermark: false },
};

/** Wall and CPU seconds spent on one side. */
interface Spent {
  wall: number;
  cpu: number;
}

/** Runs `total` calls of `call`, `concurrency` at a time, adding the time spent to `spent`. */
async function run(total: number, call: () => Promise<number>, spent?: Spent): Promise<void> {
  let started = 0;
  let images = 0;
  const begin = process.hrtime.bigint();
  const cpuBegin = process.cpuUsage();
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      const made = await call();
      images += made;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = Number(process.hrtime.bigint() - begin) / 1e9;
  const cpu = process.cpuUsage(cpuBegin);
  if (images !== total) throw new Error(`expected ${total} images, got ${images}`);
  if (spent) {
    spent.wall += wall;
    spent.cpu += (cpu.user + cpu.system) / 1e6;
  }
}

const gateway = await startMockGateway({ apiKey, latencyMs: 0, maxImageSide: 64 });
const url = `${gateway.url}/v1/images/generations`;

// Raw: the least a caller can do with undici: POST the JSON, read and parse the answer.
const rawAgent = new Agent({ keepAliveTimeout: 10_000 });
const rawHeaders = {
  authorization: `Bearer ${apiKey}`,
  'content-type': 'application/json',
  accept: 'application/json',
};
const raw = async (): Promise<number> => {
  const response = await request(url, {
    method: 'POST',
    headers: { ...rawHeaders, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
    dispatcher: rawAgent,
  });
  const json = (await response.body.json()) as {
    output: { choices: Array<{ message: { content: unknown[] } }> };
  };
  if (response.statusCode !== 200)
    throw new Error(`raw request failed with ${response.statusCode}`);
  return json.output.choices[0]?.message.content.length ?? 0;
};

// Client: validation, headers, retries-ready loop, tolerant parsing, over the Node preset.
const nodeFetch = createNodeFetch();
const client = createTokenHubClient({
  apiKey,
  baseURL: gateway.url,
  fetch: nodeFetch,
  maxRetries: 0,
});
const viaClient = async (): Promise<number> => (await client.generateImages(body)).images.length;

console.log(`warming up (${warmup} requests each) ...`);
await run(warmup, raw);
await run(warmup, viaClient);

// The two sides run in alternating slices, so load from other processes on this machine (and
// JIT or GC drift) falls on both alike instead of on whichever side ran during it. The whole
// measurement repeats; the median repeat is reported (this machine is shared and noisy).
async function measurePair(): Promise<{ raw: Spent; client: Spent }> {
  const slices = Math.max(1, Math.round(requests / 100));
  const rawSpent: Spent = { wall: 0, cpu: 0 };
  const clientSpent: Spent = { wall: 0, cpu: 0 };
  for (let slice = 0; slice < slices; slice++) {
    const size =
      Math.round(((slice + 1) * requests) / slices) - Math.round((slice * requests) / slices);
    if (slice % 2 === 0) {
      await run(size, raw, rawSpent);
      await run(size, viaClient, clientSpent);
    } else {
      await run(size, viaClient, clientSpent);
      await run(size, raw, rawSpent);
    }
  }
  return { raw: rawSpent, client: clientSpent };
}

// The mock runs in this process, so the process is nearly CPU-bound and its CPU time per request
// tracks the throughput an idle machine reaches; it is less disturbed by other load than wall time.
const rate = (seconds: number): string => `${(requests / seconds).toFixed(1)} req/s`;
const verdict = (ratio: number): string =>
  `${ratio.toFixed(3)}${ratio >= 0.95 ? '' : '  BELOW GOAL 0.95'}`;
const pairs: Array<{ raw: Spent; client: Spent; wallRatio: number; cpuRatio: number }> = [];
for (let repeat = 1; repeat <= repeats; repeat++) {
  const pair = await measurePair();
  const wallRatio = pair.raw.wall / pair.client.wall;
  const cpuRatio = pair.raw.cpu / pair.client.cpu;
  pairs.push({ ...pair, wallRatio, cpuRatio });
  console.log(
    `repeat ${repeat}: raw ${rate(pair.raw.wall)}, client ${rate(pair.client.wall)}, ratio ${wallRatio.toFixed(3)} (CPU ${cpuRatio.toFixed(3)})`,
  );
}
pairs.sort((a, b) => a.wallRatio - b.wallRatio);
const median = pairs[Math.floor(pairs.length / 2)];
if (!median) throw new Error('no measurement');
const cpuMedian = [...pairs].sort((a, b) => a.cpuRatio - b.cpuRatio)[Math.floor(pairs.length / 2)];

console.log('');
console.log(
  `${requests} requests per side, ${concurrency} concurrent, mock gateway in-process without latency, median of ${repeats}`,
);
console.log(`raw undici.request      ${rate(median.raw.wall)}`);
console.log(`client.generateImages   ${rate(median.client.wall)}`);
console.log(`ratio client/raw        ${verdict(median.wallRatio)}`);
console.log(`ratio by CPU time       ${verdict(cpuMedian?.cpuRatio ?? Number.NaN)}`);

await nodeFetch.close();
await rawAgent.close();
await gateway.close();
