/**
 * Which image of one `saveImages` call holds which file name, so two images never end up under
 * one name (the second would silently replace the first).
 */
import { filenameKey } from './filename.js';

/** The final names claimed so far in one call. */
export class NameClaims {
  readonly #owners = new Map<string, number>();
  readonly #keyOf = new Map<number, string>();

  /**
   * Reserves `name` for image `index` and returns the other image that already holds it (compared
   * by {@link filenameKey}), or undefined when it was free. A retry of the same image may claim
   * again, also a different name (the content type, hence the extension, can change).
   */
  claim(index: number, name: string): number | undefined {
    const key = filenameKey(name);
    const owner = this.#owners.get(key);
    if (owner !== undefined && owner !== index) return owner;
    const previous = this.#keyOf.get(index);
    if (previous !== undefined && previous !== key) this.#owners.delete(previous);
    this.#owners.set(key, index);
    this.#keyOf.set(index, key);
    return undefined;
  }
}
