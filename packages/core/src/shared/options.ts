/**
 * Checks of numeric options (`maxRetries`, `timeoutMs`, `maxBodyBytes`, `concurrency`, ...): one
 * rule set and one message shape for every factory of the kit. Each factory passes the error it
 * throws, so its existing error type stays.
 */

/** What a numeric option must be. */
export interface NumberRule {
  /** Where the option belongs, e.g. `createProxyHandler`; prefixed to the message when given. */
  owner?: string;
  /** The option's name, e.g. `timeoutMs`. */
  name: string;
  /** Whole numbers only. */
  integer?: boolean;
  /** The smallest accepted value (inclusive). Default 0. */
  min?: number;
  /** Accept `Infinity` (a limit that is switched off). Default false. */
  allowInfinity?: boolean;
}

/** The rule in words, e.g. "an integer >= 1". */
function describe(rule: NumberRule): string {
  const min = rule.min ?? 0;
  return `${rule.integer ? 'an integer' : 'a number'} >= ${min}${rule.allowInfinity ? ' (or Infinity)' : ''}`;
}

/**
 * `value` when it keeps `rule`, `fallback` when it is `undefined`; otherwise throws
 * `makeError(message)` with a message naming the option, the rule and what was given.
 */
export function numberOption(
  value: number | undefined,
  fallback: number,
  rule: NumberRule,
  makeError: (message: string) => Error = (message) => new TypeError(message),
): number {
  const resolved = value ?? fallback;
  const ok =
    typeof resolved === 'number' &&
    !Number.isNaN(resolved) &&
    resolved >= (rule.min ?? 0) &&
    (Number.isFinite(resolved)
      ? !rule.integer || Number.isInteger(resolved)
      : !!rule.allowInfinity);
  if (!ok) {
    const owner = rule.owner ? `${rule.owner}: ` : '';
    throw makeError(`${owner}${rule.name} must be ${describe(rule)}; got ${String(value)}`);
  }
  return resolved;
}
