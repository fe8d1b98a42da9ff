/** Reading a build's output directory back, for the key check of what was really written. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every regular file under `dir`, named relative to it (with `/`), with its bytes. */
export async function readOutputFiles(
  dir: string,
): Promise<{ fileName: string; content: Uint8Array }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return {
          fileName: relative(dir, path).split('\\').join('/'),
          content: await readFile(path),
        };
      }),
  );
}
