import { useEffect, useState } from 'react';

/** Which gateway the same-origin proxy uses, as the Vite plugin's `/__status` endpoint tells it. */
export type UpstreamStatus =
  | { upstream: 'loading' }
  | { upstream: 'mock' }
  | { upstream: 'tokenhub'; baseURL: string }
  | { upstream: 'missing-key' }
  | { upstream: 'unknown' };

/** Reads `{proxyPath}/__status` once (it names the upstream, never the key). */
export function useUpstreamStatus(proxyPath: string): UpstreamStatus {
  const [status, setStatus] = useState<UpstreamStatus>({ upstream: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetch(`${proxyPath}/__status`, { signal: controller.signal })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((json: unknown) => {
        const value = json as { upstream?: unknown; baseURL?: unknown } | undefined;
        if (value?.upstream === 'mock' || value?.upstream === 'missing-key') {
          setStatus({ upstream: value.upstream });
        } else if (value?.upstream === 'tokenhub') {
          setStatus({ upstream: 'tokenhub', baseURL: String(value.baseURL ?? '') });
        } else {
          setStatus({ upstream: 'unknown' });
        }
      })
      .catch(() => {
        if (!controller.signal.aborted) setStatus({ upstream: 'unknown' });
      });
    return () => controller.abort();
  }, [proxyPath]);
  return status;
}
