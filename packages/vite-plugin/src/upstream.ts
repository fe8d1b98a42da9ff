/** Deciding where the dev proxy forwards to, and the one line that says so. Pure functions. */
import { DEFAULT_BASE_URL } from '@tokenhub/image-core';

/** `'auto'`: the mock gateway when no key is set; `true`: always the mock; `false`: never. */
export type MockMode = 'auto' | boolean;

/** Where requests go. */
export type UpstreamChoice =
  | { kind: 'mock' }
  | { kind: 'tokenhub'; baseURL: string; apiKey: string }
  | { kind: 'missing-key' };

/** The gateway used when neither the option nor `TOKENHUB_BASE_URL` names one (core's). */
export { DEFAULT_BASE_URL };

/** Picks the upstream from the key and the mock mode. */
export function chooseUpstream(input: {
  apiKey: string | undefined;
  baseURL: string | undefined;
  mock: MockMode;
}): UpstreamChoice {
  const apiKey = input.apiKey?.trim() ? input.apiKey : undefined;
  if (input.mock === true || (input.mock === 'auto' && !apiKey)) return { kind: 'mock' };
  if (!apiKey) return { kind: 'missing-key' };
  return { kind: 'tokenhub', baseURL: input.baseURL || DEFAULT_BASE_URL, apiKey };
}

/** The line printed at start-up. Names the upstream, never the key. */
export function describeUpstream(prefix: string, choice: UpstreamChoice, mockURL?: string): string {
  switch (choice.kind) {
    case 'mock':
      return `[tokenhub] ${prefix} -> mock gateway at ${mockURL ?? '(starting)'} (no TOKENHUB_API_KEY, or mock: true): images are generated locally, nothing is billed`;
    case 'tokenhub':
      return `[tokenhub] ${prefix} -> TokenHub at ${choice.baseURL} (API key from the server environment, never sent to the browser)`;
    case 'missing-key':
      return `[tokenhub] ${prefix} is not usable: TOKENHUB_API_KEY is not set and mock is false; requests answer 503`;
  }
}
