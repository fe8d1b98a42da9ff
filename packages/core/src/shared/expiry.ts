/**
 * The one reader of a signed image link's expiry. Upstream object stores sign links with an
 * `Expires` query parameter in Unix seconds; the name is read case-insensitively (`Expires`,
 * `expires`), the value must be plain digits.
 */

const expiresParam = /[?&]expires=(\d{1,15})(?:&|#|$)/i;

/**
 * When a signed image URL stops working, from its `Expires` query parameter (Unix seconds), or
 * `undefined` when the URL carries none (or an unreadable one).
 */
export function readExpiresAt(url: string): Date | undefined {
  const match = expiresParam.exec(url);
  if (!match?.[1]) return undefined;
  const date = new Date(Number(match[1]) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** {@link readExpiresAt} in epoch milliseconds, the unit of the persisted history. */
export function expiresAtFromUrl(url: string): number | undefined {
  return readExpiresAt(url)?.getTime();
}
