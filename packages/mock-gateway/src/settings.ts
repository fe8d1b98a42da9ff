/**
 * Options of the mock gateway resolved to settings, with defaults applied and values checked.
 */
import type { MockGatewayOptions } from './types.js';

const dayMs = 24 * 60 * 60 * 1000;

/** Resolved options with defaults applied. */
export interface GatewaySettings {
  /** Port to bind (0 = any free one). */
  port: number;
  /** Interface to bind. */
  host: string;
  /** The key generation requests must present, if any. */
  apiKey: string | undefined;
  /** Latency set by the options; `reset()` returns to it. */
  latencyMs: number;
  /** Lifetime of image links in ms. */
  imageTtlMs: number;
  /** Longest side of drawn PNGs. */
  maxImageSide: number;
  /** PNGs kept in memory. */
  maxStoredImages: number;
  /** Recorded requests kept. */
  maxRecordedRequests: number;
  /** Per-request log line sink. */
  logger: ((line: string) => void) | undefined;
}

/** `value` when it is a finite number >= 0, `fallback` when undefined; otherwise a RangeError naming it. */
export function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/** Applies the defaults to `options`; throws a RangeError naming a bad option. */
export function resolveSettings(options: MockGatewayOptions): GatewaySettings {
  const maxImageSide = nonNegative(options.maxImageSide, 512, 'maxImageSide');
  const maxStoredImages = nonNegative(options.maxStoredImages, 500, 'maxStoredImages');
  if (maxImageSide < 1) throw new RangeError('maxImageSide must be at least 1');
  if (maxStoredImages < 1) throw new RangeError('maxStoredImages must be at least 1');
  return {
    port: nonNegative(options.port, 0, 'port'),
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey,
    latencyMs: nonNegative(options.latencyMs, 0, 'latencyMs'),
    imageTtlMs: nonNegative(options.imageTtlMs, dayMs, 'imageTtlMs'),
    maxImageSide: Math.floor(maxImageSide),
    maxStoredImages: Math.floor(maxStoredImages),
    maxRecordedRequests: Math.max(
      1,
      nonNegative(options.maxRecordedRequests, Number.POSITIVE_INFINITY, 'maxRecordedRequests'),
    ),
    logger: options.logger,
  };
}
