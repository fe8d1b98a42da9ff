#!/usr/bin/env node
/** The `tokenhub-image` bin. */
import { runCli } from './program.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new DOMException('interrupted', 'AbortError')));

const code = await runCli(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
