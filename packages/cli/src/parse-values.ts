/**
 * Parsers of flag values. Pure; they throw commander's `InvalidArgumentError`, which commander
 * reports naming the flag (`option '--box <spec>' argument '...' is invalid. ...`).
 */
import { DEFAULT_BASE_URL } from '@tokenhub/image-core';
import { InvalidArgumentError } from 'commander';

/** A box flag: which image (1-based) and the box in original pixels. */
export interface BoxSpec {
  /** 1-based image number, in the order of `--image`. */
  image: number;
  /** `[x1, y1, x2, y2]`, top-left then bottom-right. */
  box: [number, number, number, number];
}

/** Parses `IMAGE:x1,y1,x2,y2` (e.g. `2:989,515,1138,681`). */
export function parseBox(value: string): BoxSpec {
  const match = /^\s*(\d+)\s*:\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*$/.exec(value);
  if (!match) {
    throw new InvalidArgumentError(
      'expected IMAGE:x1,y1,x2,y2 with integers, e.g. 2:989,515,1138,681 (IMAGE counts --image flags from 1)',
    );
  }
  const [image, x1, y1, x2, y2] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (image < 1) throw new InvalidArgumentError('IMAGE counts --image flags from 1');
  if (x1 < 0 || y1 < 0) throw new InvalidArgumentError('coordinates must not be negative');
  if (x1 >= x2 || y1 >= y2) {
    throw new InvalidArgumentError(
      'the box must go from the top-left (x1,y1) to the bottom-right (x2,y2) corner, with x1 < x2 and y1 < y2',
    );
  }
  return { image, box: [x1, y1, x2, y2] };
}

/** Appends to a repeatable flag's list. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
}

/** Parses an integer within `min..max`. */
export function integerIn(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('expected an integer');
    const number = Number(value);
    if (number < min || number > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return number;
  };
}

/** Parses a positive number (e.g. seconds). */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a positive number');
  }
  return number;
}

/** Parses `key=json` (e.g. `color_palette=[{"hex":"#ff0000","ratio":"100.00%"}]`). */
export function parseParam(value: string): [string, unknown] {
  const at = value.indexOf('=');
  const key = at > 0 ? value.slice(0, at).trim() : '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    throw new InvalidArgumentError('expected key=json, e.g. seed=42 or watermark=false');
  }
  const raw = value.slice(at + 1);
  try {
    return [key, JSON.parse(raw)];
  } catch {
    throw new InvalidArgumentError(
      `the value of ${key} is not JSON; quote strings: ${key}='"text"'`,
    );
  }
}

/** Parses a base URL: absolute http(s). */
export function parseBaseURL(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // fall through
  }
  throw new InvalidArgumentError(`expected an absolute http(s) URL such as ${DEFAULT_BASE_URL}`);
}
