/** Express and Hono on the Node that runs the tests (20 here; CI also runs this suite on 22 and 24). */
import { runToEnd, startServer } from './processes.js';
import { describeRuntime } from './smoke.js';

const tsx = ['--import', 'tsx'];

for (const [framework, snippet] of [
  ['Express', 'snippets/express.ts'],
  ['Hono', 'snippets/hono.ts'],
] as const) {
  describeRuntime(`${framework} on Node ${process.versions.node} (${snippet})`, {
    start: (port, env) =>
      startServer(process.execPath, [...tsx, snippet], { ...env, PORT: String(port) }, port),
    generate: async (proxyURL) =>
      JSON.parse(await runToEnd(process.execPath, [...tsx, 'client/main.ts', proxyURL])),
  });
}
