#!/usr/bin/env node
/**
 * `tokenhub-mock`: runs the mock gateway until SIGINT or SIGTERM.
 */
import { runCli } from './cli-main.js';

runCli(process.argv.slice(2)).then(
  (running) => {
    if (!running) return;
    const stop = (): void => {
      running.gateway.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(
      `tokenhub-mock: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
