#!/usr/bin/env node
// `node scripts/with-mock.mjs next start ...`: runs a Next command with TOKENHUB_API_KEY and
// TOKENHUB_BASE_URL set for the server. With a key in the environment, they pass through unchanged
// (the real gateway). Without one, the mock gateway starts here on loopback (port
// TOKENHUB_MOCK_PORT, default a free one), requiring a random key that only this process and Next
// know, and Next talks to it. The app's code is the same either way.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startMockGateway } from '@tokenhub/mock-gateway';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-mock.mjs <command> [args...]');
  process.exit(2);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
let mock;
if (!env.TOKENHUB_API_KEY) {
  const apiKey = `mock-${randomBytes(16).toString('hex')}`;
  mock = await startMockGateway({ apiKey, port: Number(env.TOKENHUB_MOCK_PORT ?? 0) });
  env.TOKENHUB_API_KEY = apiKey;
  env.TOKENHUB_BASE_URL = mock.url;
  console.log(
    `TokenHub mock gateway at ${mock.url} (no TOKENHUB_API_KEY set; its image links live as long as this process)`,
  );
}

const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await mock?.close();
  process.exit(code ?? (signal ? 1 : 0));
});
