/**
 * The only hosts the mock gateway ever fetches from: loopback. Anything else is never contacted.
 */

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for an `http:` or `https:` URL whose host is 127.0.0.1, localhost or [::1]. */
export function isLoopbackUrl(source: string): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    loopbackHosts.has(url.hostname.toLowerCase())
  );
}
