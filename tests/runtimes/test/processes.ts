/** Child processes for the smoke tests: a server that runs until stopped, a script run to its end. */
import { type ChildProcess, spawn } from 'node:child_process';
import { packageDir } from './runtimes.js';

/** A server started in another runtime. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Stops the process and its children (SIGTERM to its process group) and waits for it to exit. */
  stop: () => Promise<void>;
}

function collect(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  return () => output;
}

const childEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DENO_NO_UPDATE_CHECK: '1',
  ...env,
});

/**
 * Starts `command args` in this package's directory and resolves once `origin` answers HTTP at
 * all (any status: the proxy answers 404 on `/`). Fails with the process' output if it exits or
 * does not answer within `timeoutMs`.
 */
export async function startServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  timeoutMs = 150_000,
): Promise<RunningServer> {
  // Its own process group: deno's and workerd's npm bins are Node wrappers that spawn the real
  // binary, and stopping only the wrapper would leave the server running.
  const child = spawn(command, args, { cwd: packageDir, env: childEnv(env), detached: true });
  const output = collect(child);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await exit;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${command} exited before it served ${origin}:\n${output()}`);
    try {
      await fetch(`${origin}/`);
      return { origin, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`${command} did not serve ${origin} within ${timeoutMs} ms:\n${output()}`);
}

/** Runs `command args` in this package's directory to its end; rejects with its output on failure. */
export function runToEnd(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const child = spawn(command, args, { cwd: packageDir, env: childEnv(env) });
  const output = collect(child);
  let stdout = '';
  child.stdout?.on('data', (text: string) => {
    stdout += text;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} exited ${code}:\n${output()}`)),
    );
  });
}
