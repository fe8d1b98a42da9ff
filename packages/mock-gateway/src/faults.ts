/**
 * The failures the mock gateway can simulate, on demand.
 */

/** Every fault the gateway can simulate, in documentation order. */
export const MOCK_FAULTS = [
  '429',
  '429-retry-after',
  '429-retry-after-ms',
  '500',
  '502',
  '503',
  '504',
  'html-502',
  'malformed-json',
  'reset-before-headers',
  'reset-mid-body',
  'slow-headers',
  'empty-choices',
  '400',
  '401',
] as const;

/**
 * A simulated failure for one generation request. Queue it with `enqueueFault`,
 * `POST /__mock/faults`, or send it per request in the `x-mock-fault` header.
 */
export type MockFault = (typeof MOCK_FAULTS)[number];

const faultSet: ReadonlySet<string> = new Set(MOCK_FAULTS);

/** True when `value` names a known fault. */
export function isMockFault(value: unknown): value is MockFault {
  return typeof value === 'string' && faultSet.has(value);
}

/** How long `slow-headers` holds the headers back: the latency or 3 s, whichever is larger. */
export function slowHeadersDelayMs(latencyMs: number): number {
  return Math.max(latencyMs, 3000);
}
