/** Formatting of durations for people. Pure. */

/** `12.3 s`, or `420 ms` under a second. */
export function formatSeconds(ms: number): string {
  const value = Math.max(0, ms);
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

/** Time left until `expiresAt`, e.g. `23 h 59 min`, `4 min 05 s`; `expired` once past. */
export function formatTimeLeft(expiresAt: number, now: number): string {
  const left = Math.floor((expiresAt - now) / 1000);
  if (left <= 0) return 'expired';
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = left % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
