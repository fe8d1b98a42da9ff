import { runToEnd, startServer } from './processes.js';
import { runtimeBinaries } from './runtimes.js';
import { describeRuntime } from './smoke.js';

describeRuntime('Bun.serve (snippets/bun.ts)', {
  start: (port, env) =>
    startServer(runtimeBinaries.bun, ['snippets/bun.ts'], { ...env, PORT: String(port) }, port),
  generate: async (proxyURL) =>
    JSON.parse(await runToEnd(runtimeBinaries.bun, ['client/main.ts', proxyURL])),
});
