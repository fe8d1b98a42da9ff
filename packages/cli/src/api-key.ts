/** Where the key comes from: `TOKENHUB_API_KEY`, or a file named by `--api-key-file`. Never a flag value. */
import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** Reads the key; a missing key is bad input (exit 2). */
export async function resolveApiKey(
  env: NodeJS.ProcessEnv,
  apiKeyFile: string | undefined,
): Promise<string> {
  if (apiKeyFile !== undefined) {
    const text = await readFile(apiKeyFile, 'utf8').catch(() => {
      throw new UsageError('--api-key-file', `cannot read ${apiKeyFile}`);
    });
    const key = text.trim();
    if (key === '') throw new UsageError('--api-key-file', `${apiKeyFile} is empty`);
    return key;
  }
  const key = env.TOKENHUB_API_KEY?.trim();
  if (!key) {
    throw new UsageError(
      'TOKENHUB_API_KEY',
      'no API key: set the TOKENHUB_API_KEY environment variable or pass --api-key-file FILE (or try --mock)',
    );
  }
  return key;
}
