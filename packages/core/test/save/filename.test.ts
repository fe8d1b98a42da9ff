import { describe, expect, it } from 'vitest';
import {
  filenameBytes,
  filenameProblem,
  MAX_FILENAME_BYTES,
  temporaryFilename,
} from '../../src/node/save/filename.js';
import { NameClaims } from '../../src/node/save/name-claims.js';

describe('filenameProblem counts bytes', () => {
  it('accepts 255 ASCII bytes and refuses 256', () => {
    expect(filenameProblem(`${'a'.repeat(251)}.png`)).toBeUndefined();
    expect(filenameProblem(`${'a'.repeat(252)}.png`)).toContain('256 bytes');
  });

  it('refuses 100 three-byte characters (100 UTF-16 units, 300 bytes)', () => {
    const name = '€'.repeat(100);
    expect(name.length).toBe(100);
    expect(filenameProblem(name)).toContain('300 bytes');
  });

  it('counts a character outside the BMP as 4 bytes', () => {
    expect(filenameBytes('🦊.png')).toBe(8);
  });

  it('names temporary files so they fit whatever the final name is', () => {
    const temporary = temporaryFilename(globalThis.crypto.randomUUID());
    expect(temporary.startsWith('.')).toBe(true);
    expect(filenameBytes(temporary)).toBeLessThan(MAX_FILENAME_BYTES);
  });
});

describe('NameClaims', () => {
  it('returns the image that already holds a name, ignoring case and Unicode form', () => {
    const claims = new NameClaims();
    expect(claims.claim(0, 'Café.png')).toBeUndefined();
    expect(claims.claim(1, 'cafe\u0301.PNG')).toBe(0);
    expect(claims.claim(2, 'other.png')).toBeUndefined();
  });

  it('lets a retry of the same image claim again, also another name', () => {
    const claims = new NameClaims();
    expect(claims.claim(0, 'a.png')).toBeUndefined();
    expect(claims.claim(0, 'a.png')).toBeUndefined();
    expect(claims.claim(0, 'a.webp')).toBeUndefined();
    // The first name is free again.
    expect(claims.claim(1, 'a.png')).toBeUndefined();
  });
});
