import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/**
 * One prop pair made controllable: controlled when `value` is given, uncontrolled (starting from
 * `defaultValue`) otherwise. Returns the current value and a commit function that updates the
 * internal state when uncontrolled and always calls `onChange`. Used for the boxes, the zoom and
 * the pan.
 */
export function useControllable<T, V extends T = T>(
  value: T | undefined,
  defaultValue: T,
  onChange: ((next: V) => void) | undefined,
): [T, (next: V) => void] {
  const [internal, setInternal] = useState<T>(defaultValue);
  const controlled = value !== undefined;
  const onChangeRef = useRef(onChange);
  const controlledRef = useRef(controlled);
  // Updated after commit, so an abandoned concurrent render never leaks into event handlers.
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
    controlledRef.current = controlled;
  });
  const commit = useCallback((next: V) => {
    if (!controlledRef.current) setInternal(next);
    onChangeRef.current?.(next);
  }, []);
  return [controlled ? value : internal, commit];
}
