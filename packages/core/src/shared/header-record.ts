/** Reading headers that Node (node:http, undici) hands over as a plain record. */

/** Headers as node:http and undici give them: lower-case names, repeated ones as arrays. */
export type HeaderRecord = Record<string, string | string[] | undefined>;

/** A `Headers`-like reader over a record: names in any case, repeated values joined with `, `. */
export function headerRecordReader(record: HeaderRecord): { get(name: string): string | null } {
  return {
    get(name) {
      const value = record[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
