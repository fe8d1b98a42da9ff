/**
 * Where the client runs. Kept apart so the browser guard can be tested by stubbing globals.
 */

/**
 * True in a browser page (a `window` with a `document`), where an API key in the code would be
 * readable by every visitor. Web workers and Node return false.
 */
export function isBrowserEnvironment(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}
