import { EXIT_CODES } from './exit-codes.js';

/** Bad input found by the CLI itself; the message names the flag. Exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Always {@link EXIT_CODES.badInput}. */
  readonly exitCode = EXIT_CODES.badInput;

  constructor(flag: string, message: string) {
    super(`${flag}: ${message}`);
  }
}
