import { runToEnd, startServer } from './processes.js';
import { denoRunFlags, runtimeBinaries } from './runtimes.js';
import { describeRuntime } from './smoke.js';

describeRuntime('Deno.serve (snippets/deno.ts)', {
  start: (port, env) =>
    startServer(
      runtimeBinaries.deno,
      [...denoRunFlags, 'snippets/deno.ts'],
      { ...env, PORT: String(port) },
      port,
    ),
  generate: async (proxyURL) =>
    JSON.parse(await runToEnd(runtimeBinaries.deno, [...denoRunFlags, 'client/main.ts', proxyURL])),
});
