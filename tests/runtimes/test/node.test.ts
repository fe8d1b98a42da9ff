/** Express and Hono on the Node that runs the tests (20 here; CI also runs this suite on 22 and 24). */
import { runToEnd, startServer } from './processes.js';
import { describeRuntime } from './smoke.js';

const tsx = ['--import', 'tsx'];
const generate = async (proxyURL: string) =>
  JSON.parse(await runToEnd(process.execPath, [...tsx, 'client/main.ts', proxyURL]));

describeRuntime(`Express on Node ${process.versions.node} (snippets/express.ts)`, {
  start: (port, env) =>
    startServer(
      process.execPath,
      [...tsx, 'snippets/express.ts'],
      { ...env, PORT: String(port) },
      port,
    ),
  generate,
});

describeRuntime(`Hono on Node ${process.versions.node} (snippets/hono.ts)`, {
  start: (port, env) =>
    startServer(
      process.execPath,
      [...tsx, 'snippets/hono.ts'],
      { ...env, PORT: String(port) },
      port,
    ),
  generate,
});
