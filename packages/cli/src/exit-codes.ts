/** Exit codes of `tokenhub-image`, documented in the README. */
export const EXIT_CODES = {
  /** Everything worked. */
  ok: 0,
  /** A bug or an unexpected failure. */
  internal: 1,
  /** Bad input: unknown or malformed flag, invalid request, unreadable file, missing key. Nothing was sent. */
  badInput: 2,
  /** The gateway or the image storage answered with an error (including an expired image link). */
  apiError: 3,
  /** No answer: connection failure or timeout. */
  network: 4,
  /**
   * The images were generated (and paid for) but could not be written to `--out`: a missing or
   * read-only folder, a full disk, a name too long. Their links are printed instead.
   */
  fileSystem: 5,
  /** Interrupted with Ctrl-C. */
  interrupted: 130,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
