import { readFileSync } from 'node:fs';
import { APICallError } from 'ai';
import { describe, expect, it } from 'vitest';

// Guards the set-up itself: the shared suite next to this file must really run on Node 22 with
// ai 7, or the compatibility it claims is not tested.
describe('the ai 7 suite', () => {
  it('runs on Node 22', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
  });

  it("resolves `ai` to this package's ai 7", () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../node_modules/ai/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(manifest.version.split('.')[0]).toBe('7');
    // The alias in vitest.config.ts is what the shared file imports as `ai`.
    expect(typeof APICallError.isInstance).toBe('function');
  });
});
