import 'server-only';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A sample from public/samples as a data URI, read on the server. Inputs travel as data URIs
 * because a gateway cannot fetch this app's origin (localhost, or behind a sign-in).
 */
export async function sampleDataURI(name: 'clock.png' | 'room.png'): Promise<string> {
  const bytes = await readFile(join(process.cwd(), 'public', 'samples', name));
  return `data:image/png;base64,${bytes.toString('base64')}`;
}
