/**
 * workerd (the Workers runtime): the docs' `fetch` export bundled with esbuild as a module worker
 * and served by `workerd serve` with a generated .capnp config, bindings as text bindings.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startServer } from './processes.js';
import { packageDir, runtimeBinaries } from './runtimes.js';
import { describeRuntime } from './smoke.js';

/** Bundles the worker like wrangler does: one ES module, Workers/browser export conditions. */
async function bundleWorker(dir: string): Promise<void> {
  await build({
    entryPoints: [join(packageDir, 'workerd/smoke-worker.ts')],
    outfile: join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
}

/** A workerd config: the worker on a loopback socket, allowed to reach loopback (the mock gateway). */
function capnpConfig(port: number, bindings: Record<string, string>): string {
  const textBindings = Object.entries(bindings)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(', ');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  bindings = [${textBindings}],
  globalOutbound = "loopback",
);
`;
}

describeRuntime('workerd (snippets/worker.ts)', {
  start: async (port, env) => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenhub-workerd-'));
    await bundleWorker(dir);
    await writeFile(join(dir, 'config.capnp'), capnpConfig(port, env));
    return startServer(runtimeBinaries.workerd, ['serve', join(dir, 'config.capnp')], {}, port);
  },
  // The client runs inside workerd: the worker's test-only path calls its own proxy with it.
  generate: async (_proxyURL, server) => {
    const response = await fetch(`${server.origin}/__smoke/client`);
    if (!response.ok)
      throw new Error(`workerd client: ${response.status} ${await response.text()}`);
    return response.json();
  },
});
