import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Box } from './geometry/types';

/**
 * Controlled when `value` is given, uncontrolled (starting from `defaultValue`) otherwise.
 * Returns the current boxes and a commit function that updates internal state when
 * uncontrolled and always calls `onChange`.
 */
export function useControllableBoxes(
  value: readonly Box[] | undefined,
  defaultValue: readonly Box[] | undefined,
  onChange: ((boxes: Box[]) => void) | undefined,
): [readonly Box[], (next: Box[]) => void] {
  const [internal, setInternal] = useState<readonly Box[]>(defaultValue ?? []);
  const controlled = value !== undefined;
  const onChangeRef = useRef(onChange);
  const controlledRef = useRef(controlled);
  // Updated after commit, so an abandoned concurrent render never leaks into event handlers.
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
    controlledRef.current = controlled;
  });
  const commit = useCallback((next: Box[]) => {
    if (!controlledRef.current) setInternal(next);
    onChangeRef.current?.(next);
  }, []);
  return [controlled ? value : internal, commit];
}
